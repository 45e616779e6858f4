package io.jgrad.core.train;

/**
 * The learning rate of each step as a function of the 0-based global step and the optimizer's
 * base rate; the trainer sets it before every update ({@link Trainer.Builder#learningRateSchedule}).
 * Pure functions of the step, so a run resumed from a checkpoint continues the same curve.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step, double baseRate);

    static LearningRateSchedule constant() {
        return (step, base) -> base;
    }

    /** {@code base * gamma^(step / every)}: PyTorch's StepLR counted in steps. */
    static LearningRateSchedule step(long every, double gamma) {
        if (every < 1 || !(gamma > 0)) {
            throw new IllegalArgumentException("step schedule needs every >= 1 and gamma > 0, got " + every + ", "
                    + gamma);
        }
        return (step, base) -> base * Math.pow(gamma, (double) (step / every));
    }

    /** Cosine decay from the base rate to {@code minRate} over {@code totalSteps}, then flat. */
    static LearningRateSchedule cosine(long totalSteps, double minRate) {
        if (totalSteps < 1 || !(minRate >= 0)) {
            throw new IllegalArgumentException("cosine schedule needs totalSteps >= 1 and minRate >= 0, got "
                    + totalSteps + ", " + minRate);
        }
        return (step, base) -> step >= totalSteps ? minRate
                : minRate + (base - minRate) * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
    }

    /**
     * Linear warm-up from {@code base / warmupSteps} to the base rate over the first
     * {@code warmupSteps} steps, then {@code after} counted from the end of the warm-up.
     */
    static LearningRateSchedule warmup(long warmupSteps, LearningRateSchedule after) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warm-up needs at least 1 step, got " + warmupSteps);
        }
        return (step, base) -> step < warmupSteps ? base * (step + 1) / warmupSteps
                : after.rate(step - warmupSteps, base);
    }
}
