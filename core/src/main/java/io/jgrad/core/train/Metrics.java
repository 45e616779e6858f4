package io.jgrad.core.train;

/** Mean loss and accuracy over a dataset (accuracy is NaN for regression). */
public record Metrics(double loss, double accuracy) {
}
