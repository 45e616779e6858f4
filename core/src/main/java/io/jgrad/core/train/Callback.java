package io.jgrad.core.train;

/** Hooks into a training run; every method has an empty default. */
public interface Callback {
    /** After each optimizer step; {@code step} counts from 1. */
    default void onStep(long step, double loss) {
    }

    default void onEpoch(EpochRecord record) {
    }
}
