package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** {@code y = x > 0 ? x : slope * x}. */
public final class LeakyReLU implements Layer {
    private final String name;
    private final double slope;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor x;

    public LeakyReLU(String name, double slope) {
        this.name = name;
        this.slope = slope;
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
        Tensor y = output.get(x.backend(), x.shape(), x.dtype());
        x.backend().leakyRelu(x, slope, y);
        this.x = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireSame(name, "output gradient", x.shape(), dout.shape());
        Tensor dx = inputGrad.get(x.backend(), x.shape(), x.dtype());
        x.backend().leakyReluBackward(x, slope, dout, dx);
        return dx;
    }

    @Override
    public void close() {
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": LeakyReLU(" + slope + ")";
    }
}
