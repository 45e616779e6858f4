package io.jgrad.core.optim;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/** Momentum SGD: {@code v = mu * v - lr * g; p += v}. */
public final class Momentum extends Optimizer {
    private static final String[] SLOTS = {"velocity"};
    private final double momentum;

    public Momentum(double learningRate, double momentum) {
        this(learningRate, momentum, 0);
    }

    public Momentum(double learningRate, double momentum, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    protected String[] slotNames() {
        return SLOTS;
    }

    @Override
    protected void update(Parameter p, Tensor[] state, long t) {
        p.value().backend().momentumStep(p.value(), p.grad(), state[0], learningRate, momentum, weightDecay);
    }

    @Override
    public String toString() {
        return "Momentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
