package io.jgrad.spark;

import java.io.Serializable;

import io.jgrad.core.optim.Optimizer;

/** Makes the optimizer; the driver's and every replica's come from the same factory. */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    Optimizer create();
}
