package io.jgrad.core.optim;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}: first
 * {@code p -= lr * wd * p}, then the Adam update of the plain gradient in PyTorch's form
 * ({@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}). Defaults as PyTorch: betas
 * (0.9, 0.999), epsilon 1e-8, weight decay 0.01.
 */
public final class AdamW extends Optimizer {
    private static final String[] SLOTS = {"m", "v"};
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double decay;

    public AdamW(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, 0); // the decay is decoupled: never added to the gradient
        Adam.checkMoments(beta1, beta2, epsilon);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decay = weightDecay;
    }

    @Override
    protected String[] slotNames() {
        return SLOTS;
    }

    @Override
    protected void update(Parameter p, Tensor[] state, long t) {
        if (decay != 0) {
            p.value().backend().axpy(-learningRate * decay, p.value(), p.value());
        }
        p.value().backend().adamStep(p.value(), p.grad(), state[0], state[1], learningRate, beta1, beta2,
                Adam.pytorchEpsilon(epsilon, beta2, t), 0, t);
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ", weight_decay=" + decay + ")";
    }
}
