package io.jgrad.spark;

import java.io.Serializable;

import io.jgrad.core.loss.Loss;

/** Makes the loss on each executor (losses hold per-batch buffers, so each replica has its own). */
@FunctionalInterface
public interface LossFactory extends Serializable {
    Loss create();
}
