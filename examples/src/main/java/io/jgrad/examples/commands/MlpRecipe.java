package io.jgrad.examples.commands;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;

/**
 * The MLPs of the examples (mnist: 784-H-10; svhn: 32x32x3 flattened, then the Keras recipe's
 * 32-64-128-256), one place for training and for {@code export}, which rebuilds them to load a
 * checkpoint.
 */
final class MlpRecipe {
    private MlpRecipe() {
    }

    /** {@code input} dims per example (flattened first when more than one), hidden layers with {@code activation}, 10 logits. */
    static Sequential build(Backend backend, DType dtype, long seed, Initializer init, int[] input, int[] hidden,
                            String activation) {
        Sequential.Builder b = Sequential.builder(backend, dtype).seed(seed).initializer(init).input(input);
        if (input.length > 1) {
            b.flatten();
        }
        for (int h : hidden) {
            b.dense(h).activation(activation);
        }
        return b.dense(10).build();
    }
}
