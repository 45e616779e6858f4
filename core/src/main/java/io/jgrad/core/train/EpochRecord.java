package io.jgrad.core.train;

/** What one epoch ended with; test figures are NaN when no test set was given. */
public record EpochRecord(int epoch, long step, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, double trainSeconds) {
}
