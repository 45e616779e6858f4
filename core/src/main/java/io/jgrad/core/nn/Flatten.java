package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;

/** [batch, d1, d2, ...] to [batch, d1*d2*...], as a view (no copy). */
public final class Flatten extends ViewLayer {
    public Flatten(String name) {
        super(name);
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.dim(0), input.size() / input.dim(0));
    }

    @Override
    public String toString() {
        return name() + ": Flatten";
    }

    @Override
    public Flatten copy() {
        return new Flatten(name());
    }
}
