package io.jgrad.core.nn;

import java.util.List;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** Affine layer {@code y = x W + b}, x of shape [batch, in], W [in, out], b [out]. */
public class Dense implements Layer {
    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final int in;
    private final int out;
    private final Parameter weights;
    private final Parameter bias;
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    /** The gradient of the fused ReLU's input (dout is the caller's, left as it is). */
    private final ReusableTensor reluGrad = new ReusableTensor();
    private boolean inputGradientNeeded = true;
    private Tensor x;
    /** Whether the last forward applied the following ReLU itself ({@link #forwardWithRelu}). */
    private boolean reluApplied;

    public Dense(String name, Backend backend, DType dtype, int in, int out, Initializer init, long seed) {
        this(name, backend, dtype, in, out, init, Initializer.zeros(), seed);
    }

    /** With a bias initializer too (fan-in and fan-out of the weights are passed to it). */
    public Dense(String name, Backend backend, DType dtype, int in, int out, Initializer init, Initializer biasInit,
                 long seed) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("layer " + name + ": sizes must be positive, got " + in + " -> " + out);
        }
        this.name = name;
        this.backend = backend;
        this.dtype = dtype;
        this.in = in;
        this.out = out;
        Tensor w = backend.zeros(Shape.of(in, out), dtype);
        init.init(w, in, out, seed);
        this.weights = new Parameter(name + ".W", w);
        Tensor b = backend.zeros(Shape.of(out), dtype);
        biasInit.init(b, in, out, seed + 1);
        this.bias = new Parameter(name + ".b", b);
    }

    @Override
    public String name() {
        return name;
    }

    public Parameter weights() {
        return weights;
    }

    public Parameter bias() {
        return bias;
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 2 || input.cols() != in) {
            throw new IllegalArgumentException("layer " + name + " expects input [batch, " + in + "], got " + input
                    + (input.rank() > 2 ? " (add a Flatten layer first)" : ""));
        }
        return Shape.of(input.dim(0), out);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientNeeded = needed;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return affine(x, false);
    }

    /**
     * {@code relu(forward(x))}, the bias and the ReLU in one pass over the output, for a
     * {@link Sequential} whose next layer is a {@link ReLU}: the container then skips that layer,
     * and {@link #backward} takes the gradient of the ReLU's output, applying ReLU's gradient first
     * (the values are the same). Only a plain Dense is fused: a subclass may override
     * {@link #forward}, which this bypasses.
     */
    Tensor forwardWithRelu(Tensor x) {
        return affine(x, true);
    }

    /** Whether the last forward was {@link #forwardWithRelu}. */
    boolean reluApplied() {
        return reluApplied;
    }

    private Tensor affine(Tensor x, boolean relu) {
        Shape xs = x.shape();
        if (xs.rank() != 2 || xs.dim(1) != in) {
            outputShape(xs); // throws, naming the layer and the shape
        }
        Tensor y = output.matrix(backend, xs.dim(0), out, dtype);
        backend.gemm(false, false, 1, x, weights.value(), 0, y);
        if (relu) {
            backend.addRowsRelu(y, bias.value(), y);
        } else {
            backend.add(y, bias.value(), y);
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
        Shape ds = dout.shape();
        if (ds.rank() != 2 || ds.dim(0) != x.shape().dim(0) || ds.dim(1) != out) { // no Shape made per step
            Shapes.requireSame(name, "output gradient", Shape.of(x.shape().dim(0), out), ds);
        }
        Tensor g = dout; // dL/dy
        if (reluApplied) { // dout is the gradient of relu(y): ReLU's gradient first, into this layer's buffer
            Tensor y = output.matrix(backend, ds.dim(0), out, dtype);
            g = reluGrad.matrix(backend, ds.dim(0), out, dtype);
            backend.unaryBackward(UnaryOp.RELU, y, y, dout, g);
        }
        biasGradient(g, bias.grad());
        backend.gemm(true, false, 1, x, g, 0, weights.grad());
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = inputGrad.get(backend, x.shape(), dtype);
        backend.gemm(false, true, 1, g, weights.value(), 0, dx);
        return dx;
    }

    /** dL/db = the column sums of dL/dy. A hook so tests can plant the classic bug and see it caught. */
    protected void biasGradient(Tensor dout, Tensor db) {
        backend.reduce(ReduceOp.SUM, Reduction.PER_COLUMN, dout, db);
    }

    @Override
    public void close() {
        Layer.super.close();
        output.close();
        inputGrad.close();
        reluGrad.close();
    }

    @Override
    public String toString() {
        return name + ": Dense(" + in + " -> " + out + ")";
    }

    /** A copy; subclasses (which would come back as plain Dense layers) must override it. */
    @Override
    public Dense copy() {
        if (getClass() != Dense.class) {
            throw new UnsupportedOperationException("layer " + name + " (" + getClass().getName()
                    + ") extends Dense without overriding copy()");
        }
        return LayerCopies.withStateOf(this, new Dense(name, backend, dtype, in, out, Initializer.zeros(), 0));
    }
}
