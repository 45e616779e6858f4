package io.jgrad.spark;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.train.History;

/**
 * A finished run: the trained model on the driver (the caller owns it and closes it), its history
 * (one step record per round, one epoch record per pass over the data) and where the time went.
 */
public record SparkTrainingResult(Sequential model, History history, SparkRunStats stats) implements AutoCloseable {
    @Override
    public void close() {
        model.close();
    }
}
