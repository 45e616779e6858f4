package io.jgrad.core.train;

/**
 * Stops a run whose loss is NaN or infinite, or has grown past {@code factor} times the first
 * checked loss (or 1, whichever is larger), as Keras's TerminateOnNaN and common divergence guards
 * do; a factor of 0 checks finiteness only. One guard per run: the first loss it sees is the
 * reference. Used by {@link Trainer} per step and by the Spark trainer per round.
 */
public final class DivergenceGuard {
    private final double factor;
    private double first = Double.NaN;

    public DivergenceGuard(double factor) {
        this.factor = requireValidFactor(factor);
    }

    /** The factor, checked: >= 0 and finite. */
    public static double requireValidFactor(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("divergence factor must be >= 0 and finite, got " + factor);
        }
        return factor;
    }

    /** Throws {@link TrainingDivergedException} naming {@code step} when {@code loss} has diverged. */
    public void check(long step, double loss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(step, loss);
        }
        if (Double.isNaN(first)) {
            first = loss;
        } else if (factor > 0 && loss > factor * Math.max(first, 1.0)) {
            throw new TrainingDivergedException(step, loss, first, factor);
        }
    }
}
