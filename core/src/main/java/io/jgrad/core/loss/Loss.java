package io.jgrad.core.loss;

import io.jgrad.core.tensor.Tensor;

/**
 * A scalar training objective. {@link #forward} returns the batch loss and caches what
 * {@link #backward} needs; backward returns dLoss/dPrediction in a buffer the loss owns and reuses.
 */
public interface Loss extends AutoCloseable {
    String name();

    double forward(Tensor prediction, Tensor target);

    Tensor backward();

    @Override
    default void close() {
    }
}
