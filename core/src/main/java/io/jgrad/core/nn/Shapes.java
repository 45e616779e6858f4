package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;

/** Shape checks shared by layers, with messages that name the layer and both shapes. */
final class Shapes {
    private Shapes() {
    }

    static void requireSame(String layer, String what, Shape expected, Shape got) {
        if (!expected.equals(got)) {
            throw new IllegalArgumentException("layer " + layer + ": " + what + " has shape " + got + ", expected "
                    + expected);
        }
    }
}
