package io.jgrad.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts at the start of a round: the model's state packed flat (parameters
 * and buffers, plus the optimizer's state when replicas step on their own), the optimizer's step
 * count and rate.
 */
record RoundState(int round, float[] values, long optimizerSteps, double learningRate) implements Serializable {
}
