package io.jgrad.core.nn;

import io.jgrad.core.tensor.Tensor;

/** {@code y = x > 0 ? x : slope * x}. */
public final class LeakyReLU extends ElementwiseLayer {
    private final double slope;

    public LeakyReLU(String name, double slope) {
        super(name);
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    protected void compute(Tensor x, Tensor y) {
        x.backend().leakyRelu(x, slope, y);
    }

    @Override
    protected void computeBackward(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        x.backend().leakyReluBackward(x, slope, dout, dx);
    }

    @Override
    public String toString() {
        return name() + ": LeakyReLU(" + slope + ")";
    }

    @Override
    public LeakyReLU copy() {
        return new LeakyReLU(name(), slope);
    }
}
