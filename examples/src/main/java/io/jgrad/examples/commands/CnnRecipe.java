package io.jgrad.examples.commands;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;

/**
 * The small CNN both image examples train (and ../shared/peers/torch_cnn.py mirrors):
 * Conv(32, 3x3, same) ReLU MaxPool(2) -> Conv(64, 3x3, same) ReLU MaxPool(2) -> Flatten ->
 * Dense(128) ReLU [Dropout] -> Dense(10) (optionally BatchNorm after each conv and Dense(128)), PyTorch's default initialisation; trained with Adam 1e-3
 * in PyTorch's form (epsilon 1e-8), batch 64, reshuffled every epoch.
 */
final class CnnRecipe {
    static final double LEARNING_RATE = 1e-3;
    static final int BATCH = 64;

    private CnnRecipe() {
    }

    /**
     * {@code channels} x {@code size} x {@code size} images; {@code batchNorm} adds BatchNorm after
     * each convolution and the hidden dense layer; {@code dropout} 0 leaves Dropout out.
     */
    static Sequential build(Backend backend, DType dtype, long seed, int channels, int size, boolean batchNorm,
                            double dropout) {
        Sequential.Builder b = Sequential.builder(backend, dtype).seed(seed).pytorchInit()
                .input(channels, size, size)
                .conv2d(32, 3, Padding.same());
        if (batchNorm) {
            b.batchNorm();
        }
        b.relu().maxPool(2).conv2d(64, 3, Padding.same());
        if (batchNorm) {
            b.batchNorm();
        }
        b.relu().maxPool(2).flatten().dense(128);
        if (batchNorm) {
            b.batchNorm();
        }
        b.relu();
        if (dropout > 0) {
            b.dropout(dropout);
        }
        return b.dense(10).build();
    }
}
