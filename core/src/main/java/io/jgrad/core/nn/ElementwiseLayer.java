package io.jgrad.core.nn;

import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * A parameter-free layer whose output has its input's shape: it owns the output and input-gradient
 * buffers and keeps the forward input and output for the backward pass. Subclasses say only how
 * to compute the two.
 */
public abstract class ElementwiseLayer implements Layer {
    private final String name;
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private Tensor x;
    private Tensor y;

    protected ElementwiseLayer(String name) {
        this.name = name;
    }

    /** {@code y = f(x)}. */
    protected abstract void compute(Tensor x, Tensor y);

    /** {@code dx = dout * f'(x)}, given the forward input and output. */
    protected abstract void computeBackward(Tensor x, Tensor y, Tensor dout, Tensor dx);

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor forward(Tensor in, boolean training) {
        Tensor out = output.get(in.backend(), in.shape(), in.dtype());
        compute(in, out);
        this.x = in;
        this.y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("layer " + name + ": backward before forward");
        }
        Shapes.requireSame(name, "output gradient", x.shape(), dout.shape());
        Tensor dx = inputGrad.get(x.backend(), x.shape(), x.dtype());
        computeBackward(x, y, dout, dx);
        return dx;
    }

    @Override
    public void close() {
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": " + getClass().getSimpleName();
    }
}
