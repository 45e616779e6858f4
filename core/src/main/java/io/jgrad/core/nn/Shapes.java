package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;

/** Shape checks shared by layers, with messages that name the layer and both shapes. */
final class Shapes {
    private Shapes() {
    }

    static void requireFeatures(String layer, Shape input, int features) {
        if (input.rank() < 2 || input.size() / input.dim(0) != features) {
            throw new IllegalArgumentException("layer " + layer + " expects input [batch, " + features + "], got "
                    + input);
        }
    }

    static void requireSame(String layer, String what, Shape expected, Shape got) {
        if (!expected.equals(got)) {
            throw new IllegalArgumentException("layer " + layer + ": " + what + " has shape " + got + ", expected "
                    + expected);
        }
    }
}
