package io.jgrad.core.loss;

import io.jgrad.core.tensor.Tensor;

/**
 * A scalar training objective. {@link #forward} returns the batch loss and caches what
 * {@link #backward} needs; backward returns dLoss/dPrediction in a buffer the loss owns and reuses
 * ({@link #close()} frees it). One loss per thread, like a model.
 */
public interface Loss extends AutoCloseable {
    String name();

    double forward(Tensor prediction, Tensor target);

    Tensor backward();

    /**
     * Whether targets are class indices ([batch] or [batch, 1]); otherwise they have the
     * prediction's shape, and a classification set feeds one-hot rows.
     */
    default boolean takesClassIndices() {
        return false;
    }

    /** A new loss of the same kind with its own buffers (one per thread). */
    default Loss copy() {
        throw new UnsupportedOperationException("loss " + name() + " (" + getClass().getName()
                + ") cannot be copied: it does not implement Loss.copy()");
    }

    @Override
    default void close() {
    }
}
