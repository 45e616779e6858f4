package io.jgrad.core.optim;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/** Plain gradient descent: {@code p -= lr * (g + wd * p)}. */
public final class SGD extends Optimizer {
    public SGD(double learningRate) {
        this(learningRate, 0);
    }

    public SGD(double learningRate, double weightDecay) {
        super(learningRate, weightDecay);
    }

    @Override
    protected String[] slotNames() {
        return new String[0];
    }

    @Override
    protected void update(Parameter p, Tensor[] state, long t) {
        if (weightDecay != 0) {
            // p += (-lr*wd) p, not p *= (1 - lr*wd): in float32 the constant 1 - lr*wd carries a
            // rounding error that compounds every step; -lr*wd rounds only the small decrement.
            p.value().backend().axpy(-learningRate * weightDecay, p.value(), p.value());
        }
        p.value().backend().axpy(-learningRate, p.grad(), p.value());
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + ")";
    }
}
