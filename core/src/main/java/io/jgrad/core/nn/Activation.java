package io.jgrad.core.nn;

import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** An elementwise activation backed by one backend op and its backward form. */
public abstract class Activation implements Layer {
    private final String name;
    private final UnaryOp op;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor x;
    private Tensor y;

    protected Activation(String name, UnaryOp op) {
        this.name = name;
        this.op = op;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor out = output.get(x.backend(), x.shape(), x.dtype());
        x.backend().unary(op, x, out);
        this.x = x;
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
        x.backend().unaryBackward(op, x, y, dout, dx);
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
