package io.jgrad.core.optim;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/**
 * Adam, one fused backend op per parameter. Two forms differ only in where epsilon sits:
 * <ul>
 *   <li>{@link Form#KERAS} (the default, as the recipes use, epsilon 1e-7):
 *       {@code p -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)};</li>
 *   <li>{@link Form#PYTORCH} ({@link #pytorch}, epsilon 1e-8):
 *       {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}.</li>
 * </ul>
 * Both use {@code m = b1*m + (1-b1)*g', v = b2*v + (1-b2)*g'^2} with {@code g' = g + wd*p} (L2
 * weight decay, as PyTorch's {@code weight_decay}).
 */
public final class Adam extends Optimizer {
    /** Where epsilon enters the update. */
    public enum Form { KERAS, PYTORCH }

    private static final String[] SLOTS = {"m", "v"};
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Form form;

    public Adam() {
        this(1e-3);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, 0);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this(learningRate, beta1, beta2, epsilon, weightDecay, Form.KERAS);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, Form form) {
        super(learningRate, weightDecay);
        checkMoments(beta1, beta2, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.form = java.util.Objects.requireNonNull(form, "form");
    }

    /** {@code torch.optim.Adam}'s form and defaults: betas (0.9, 0.999), epsilon 1e-8. */
    public static Adam pytorch(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, 0, Form.PYTORCH);
    }

    public Form form() {
        return form;
    }

    @Override
    protected String[] slotNames() {
        return SLOTS;
    }

    @Override
    protected void update(Parameter p, Tensor[] state, long t) {
        double eps = form == Form.KERAS ? epsilon : pytorchEpsilon(epsilon, beta2, t);
        p.value().backend().adamStep(p.value(), p.grad(), state[0], state[1], learningRate, beta1, beta2, eps,
                weightDecay, t);
    }

    /** The checks Adam and AdamW share. */
    static void checkMoments(double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
    }

    /**
     * The backend's Adam op is the Keras form; PyTorch's form equals it with epsilon scaled by
     * sqrt(1 - b2^t) at step t.
     */
    static double pytorchEpsilon(double epsilon, double beta2, long t) {
        return epsilon * Math.sqrt(1 - Math.pow(beta2, t));
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + (form == Form.PYTORCH ? ", pytorch form" : "") + ")";
    }
}
