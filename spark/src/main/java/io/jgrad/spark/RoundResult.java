package io.jgrad.spark;

import java.io.Serializable;

/**
 * One replica's contribution to a round: its gradients (K = 1) or its state after K local steps,
 * packed flat; the sum of its batch losses over {@code steps} steps; and how long it computed.
 */
record RoundResult(int partition, float[] values, double lossSum, int steps, long computeNanos)
        implements Serializable {
}
