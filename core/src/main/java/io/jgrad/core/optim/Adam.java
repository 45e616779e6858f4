package io.jgrad.core.optim;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/** Adam with Keras's defaults (lr 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7), one fused backend op. */
public final class Adam extends Optimizer {
    private static final String[] SLOTS = {"m", "v"};
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adam() {
        this(1e-3);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, 0);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected String[] slotNames() {
        return SLOTS;
    }

    @Override
    protected void update(Parameter p, Tensor[] state, long t) {
        p.value().backend().adamStep(p.value(), p.grad(), state[0], state[1], learningRate, beta1, beta2, epsilon,
                weightDecay, t);
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
