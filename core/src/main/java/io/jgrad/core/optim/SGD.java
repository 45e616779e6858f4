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
            p.value().backend().scaleShift(p.value(), 1 - learningRate * weightDecay, 0, p.value());
        }
        p.value().backend().axpy(-learningRate, p.grad(), p.value());
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + ")";
    }
}
