package io.jgrad.core.nn;

import io.jgrad.core.backend.UnaryOp;

/** {@code y = tanh(x)}. */
public final class Tanh extends Activation {
    public Tanh(String name) {
        super(name, UnaryOp.TANH);
    }

    @Override
    public Tanh copy() {
        return new Tanh(name());
    }
}
