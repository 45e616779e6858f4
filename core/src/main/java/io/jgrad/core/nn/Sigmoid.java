package io.jgrad.core.nn;

import io.jgrad.core.backend.UnaryOp;

/** {@code y = 1 / (1 + exp(-x))}. */
public final class Sigmoid extends Activation {
    public Sigmoid(String name) {
        super(name, UnaryOp.SIGMOID);
    }

    @Override
    public Sigmoid copy() {
        return new Sigmoid(name());
    }
}
