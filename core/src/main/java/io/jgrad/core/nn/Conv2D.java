package io.jgrad.core.nn;

import java.util.List;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * 2-D convolution over NCHW images as one GEMM over an im2col buffer:
 * x [N, C, H, W] -> cols [C*KH*KW, N*OH*OW] -> W^T cols [F, N*OH*OW] -> y [N, F, OH, OW] (+ b),
 * the last step moving whole [OH*OW] planes ({@link Backend#swapOuterAxes}) with the bias added.
 * The gradients are GEMMs on dY as [F, N*OH*OW]: weights {@code cols dY^T}, input
 * {@code col2im(W dY)}.
 *
 * <p>Weights: {@code W} is [C*KH*KW, F], rows ordered (channel, kh, kw); PyTorch's
 * {@code Conv2d.weight} [F, C, KH, KW] is its transpose ({@code weight.reshape(F, -1).T}). Bias
 * {@code b} is [F].
 */
public final class Conv2D implements Layer {
    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final int channels;
    private final int filters;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int dilationH;
    private final int dilationW;
    private final int padH;
    private final int padW;
    private final Parameter weights;
    private final Parameter bias;
    private final ReusableTensor cols = new ReusableTensor();
    private final ReusableTensor rows = new ReusableTensor();
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor gradRows = new ReusableTensor();
    private final ReusableTensor gradCols = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private boolean inputGradientNeeded = true;
    private Shape lastInput;
    private ConvGeometry geometry;
    private Shape outShape;
    private Tensor x;
    /** Whether the last forward applied the following ReLU itself ({@link #forwardWithRelu}). */
    private boolean reluApplied;

    /** The options of a convolution, with Keras's and PyTorch's defaults (stride 1, valid, dilation 1, bias). */
    public record Options(int strideH, int strideW, Padding padding, int dilationH, int dilationW, boolean bias) {
        public static Options defaults() {
            return new Options(1, 1, Padding.valid(), 1, 1, true);
        }

        public Options stride(int s) {
            return new Options(s, s, padding, dilationH, dilationW, bias);
        }

        public Options padding(Padding p) {
            return new Options(strideH, strideW, p, dilationH, dilationW, bias);
        }

        public Options dilation(int d) {
            return new Options(strideH, strideW, padding, d, d, bias);
        }

        public Options bias(boolean b) {
            return new Options(strideH, strideW, padding, dilationH, dilationW, b);
        }
    }

    public Conv2D(String name, Backend backend, DType dtype, int channels, int filters, int kernelH, int kernelW,
                  Options options, Initializer init, Initializer biasInit, long seed) {
        if (channels <= 0 || filters <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("layer " + name + ": channels, filters and kernel must be positive, got "
                    + channels + " -> " + filters + ", " + kernelH + "x" + kernelW);
        }
        if (options.strideH() < 1 || options.strideW() < 1 || options.dilationH() < 1 || options.dilationW() < 1) {
            throw new IllegalArgumentException("layer " + name + ": stride and dilation must be >= 1");
        }
        this.name = name;
        this.backend = backend;
        this.dtype = dtype;
        this.channels = channels;
        this.filters = filters;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = options.strideH();
        this.strideW = options.strideW();
        this.dilationH = options.dilationH();
        this.dilationW = options.dilationW();
        int[] pad = options.padding().resolve(name, kernelH, kernelW, strideH, strideW, dilationH, dilationW);
        this.padH = pad[0];
        this.padW = pad[1];
        int fanIn = channels * kernelH * kernelW;
        int fanOut = filters * kernelH * kernelW;
        Tensor w = backend.zeros(Shape.of(fanIn, filters), dtype);
        init.init(w, fanIn, fanOut, seed);
        this.weights = new Parameter(name + ".W", w);
        if (options.bias()) {
            Tensor b = backend.zeros(Shape.of(filters), dtype);
            biasInit.init(b, fanIn, fanOut, seed + 1);
            this.bias = new Parameter(name + ".b", b);
        } else {
            this.bias = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    public Parameter weights() {
        return weights;
    }

    public int channels() {
        return channels;
    }

    public int filters() {
        return filters;
    }

    /** [kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]. */
    public int[] window() {
        return new int[] {kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW};
    }

    /** Null without a bias. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weights) : List.of(weights, bias);
    }

    private ConvGeometry geometryFor(Shape input) {
        if (input.rank() != 4 || input.dim(1) != channels) {
            throw new IllegalArgumentException("layer " + name + " expects input [batch, " + channels
                    + ", height, width], got " + input);
        }
        try {
            return new ConvGeometry(input.dim(0), channels, input.dim(2), input.dim(3), kernelH, kernelW, strideH,
                    strideW, padH, padW, dilationH, dilationW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvGeometry g = geometryFor(input);
        return Shape.of(input.dim(0), filters, g.outH(), g.outW());
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return convolve(x, false);
    }

    /**
     * {@code relu(forward(x))} in one pass over the output, for a {@link Sequential} whose next
     * layer is a {@link ReLU}: the container then skips that layer, and {@link #backward} takes
     * the gradient of the ReLU's output, applying ReLU's gradient as it moves dY (the ReLU's own
     * two passes over the feature map saved; the values are the same).
     */
    Tensor forwardWithRelu(Tensor x) {
        return convolve(x, true);
    }

    /** Whether the last forward was {@link #forwardWithRelu}. */
    boolean reluApplied() {
        return reluApplied;
    }

    private Tensor convolve(Tensor x, boolean relu) {
        Shape xs = x.shape();
        if (!xs.equals(lastInput)) { // geometry and shapes made once per input shape, not per step
            geometry = geometryFor(xs);
            outShape = Shape.of(xs.dim(0), filters, geometry.outH(), geometry.outW());
            lastInput = xs;
        }
        ConvGeometry g = geometry;
        Tensor c = cols.matrix(backend, g.colRows(), g.colCols(), dtype);
        backend.im2col(x, g, c);
        Tensor r = rows.matrix(backend, filters, g.colCols(), dtype);
        backend.gemm(true, false, 1, weights.value(), c, 0, r);
        Tensor y = output.get(backend, outShape, dtype);
        Tensor b = bias == null ? null : bias.value();
        if (relu) {
            backend.swapOuterAxesRelu(r, filters, g.batch(), g.outH() * g.outW(), b, y);
        } else {
            backend.swapOuterAxes(r, filters, g.batch(), g.outH() * g.outW(), b, y);
        }
        this.x = x;
        this.reluApplied = relu;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("layer " + name + ": backward before forward");
        }
        if (!dout.shape().equals(outShape)) {
            Shapes.requireSame(name, "output gradient", outShape, dout.shape());
        }
        ConvGeometry g = geometry;
        Tensor dr = gradRows.matrix(backend, filters, g.colCols(), dtype);
        if (reluApplied) { // dout is the gradient of relu(y): ReLU's gradient on the way
            backend.swapOuterAxesReluBackward(dout, output.get(backend, outShape, dtype), g.batch(), filters,
                    g.outH() * g.outW(), dr);
        } else {
            backend.swapOuterAxes(dout, g.batch(), filters, g.outH() * g.outW(), null, dr);
        }
        Tensor c = cols.matrix(backend, g.colRows(), g.colCols(), dtype);
        backend.gemm(false, true, 1, c, dr, 0, weights.grad());
        if (bias != null) {
            backend.reduce(ReduceOp.SUM, Reduction.PER_ROW, dr, bias.grad());
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dc = gradCols.matrix(backend, g.colRows(), g.colCols(), dtype);
        backend.gemm(false, false, 1, weights.value(), dr, 0, dc);
        Tensor dx = inputGrad.get(backend, lastInput, dtype);
        backend.col2im(dc, g, dx);
        return dx;
    }

    @Override
    public void close() {
        Layer.super.close();
        cols.close();
        rows.close();
        output.close();
        gradRows.close();
        gradCols.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": Conv2D(" + channels + " -> " + filters + ", " + kernelH + "x" + kernelW + ", stride "
                + strideH + "x" + strideW + ", padding " + padH + "x" + padW
                + (dilationH == 1 && dilationW == 1 ? "" : ", dilation " + dilationH + "x" + dilationW)
                + (bias == null ? ", no bias" : "") + ")";
    }

    @Override
    public Conv2D copy() {
        Options o = new Options(strideH, strideW, Padding.of(padH, padW), dilationH, dilationW, bias != null);
        return LayerCopies.withStateOf(this, new Conv2D(name, backend, dtype, channels, filters, kernelH, kernelW, o,
                Initializer.zeros(), Initializer.zeros(), 0));
    }
}
