package io.jgrad.spark;

import java.io.Serializable;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.nn.Sequential;

/**
 * Builds the model on a backend. It travels to the executors with the job, so it must be
 * serializable (a lambda that captures only serializable values is) and build the same
 * architecture every time: the replicas' weights are overwritten by the driver's each round.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    Sequential create(Backend backend);
}
