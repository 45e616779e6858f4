package io.jgrad.core.nn;

import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * A pooling window slid over each channel of NCHW images: x [N, C, H, W] -> y [N, C, OH, OW].
 * Subclasses say how a window becomes one value and how its gradient flows back.
 */
public abstract class Pool2D implements Layer {
    private final String name;
    private final int size;
    private final int stride;
    private final int pad;
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private Shape lastInput;
    private Shape outShape;
    private ConvGeometry geometry;
    private Tensor x;

    protected Pool2D(String name, int size, int stride, int pad) {
        if (size < 1 || stride < 1 || pad < 0 || pad > size / 2) {
            throw new IllegalArgumentException("layer " + name + ": pool size and stride must be >= 1 and padding"
                    + " at most half the size, got size " + size + ", stride " + stride + ", padding " + pad);
        }
        this.name = name;
        this.size = size;
        this.stride = stride;
        this.pad = pad;
    }

    /** {@code y} = the pooled {@code x}. */
    protected abstract void pool(Tensor x, ConvGeometry g, Tensor y);

    /** {@code dx} (overwritten) = the gradient of the pooling given {@code dout}. */
    protected abstract void poolBackward(Tensor dout, ConvGeometry g, Tensor dx);

    @Override
    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return pad;
    }

    private ConvGeometry geometryFor(Shape input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("layer " + name + " expects input [batch, channels, height, width], got "
                    + input);
        }
        try {
            return ConvGeometry.of(input.dim(0), input.dim(1), input.dim(2), input.dim(3), size, stride, pad);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvGeometry g = geometryFor(input);
        return Shape.of(input.dim(0), input.dim(1), g.outH(), g.outW());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Shape xs = x.shape();
        if (!xs.equals(lastInput)) {
            geometry = geometryFor(xs);
            outShape = Shape.of(xs.dim(0), xs.dim(1), geometry.outH(), geometry.outW());
            lastInput = xs;
        }
        Tensor y = output.get(x.backend(), outShape, x.dtype());
        pool(x, geometry, y);
        this.x = x;
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
        Tensor dx = inputGrad.get(x.backend(), lastInput, x.dtype());
        poolBackward(dout, geometry, dx);
        return dx;
    }

    /** A buffer shaped like this layer's output (for subclasses that keep one more, like argmax). */
    protected Shape outputShape() {
        return outShape;
    }

    @Override
    public void close() {
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": " + getClass().getSimpleName() + "(" + size + ", stride " + stride
                + (pad == 0 ? "" : ", padding " + pad) + ")";
    }
}
