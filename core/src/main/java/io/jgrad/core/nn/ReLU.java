package io.jgrad.core.nn;

import io.jgrad.core.backend.UnaryOp;

/** {@code y = max(0, x)}. */
public final class ReLU extends Activation {
    public ReLU(String name) {
        super(name, UnaryOp.RELU);
    }

    @Override
    public ReLU copy() {
        return new ReLU(name());
    }
}
