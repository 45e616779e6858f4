package io.jgrad.core.train;

/** What an epoch reports as its training loss and accuracy ({@link Trainer.Builder#trainMetrics}). */
public enum TrainMetrics {
    /**
     * After each epoch, one more pass over the whole training set in evaluation mode with the
     * epoch's final weights (the default): exact, and as costly as a forward pass over the data.
     */
    FULL_PASS,
    /**
     * The epoch's own batches as they were trained: the example-weighted mean of their losses, and
     * the fraction of their examples the training-mode forward pass classified right, while the
     * weights moved (what Keras's {@code fit} and most PyTorch loops print). Costs nothing but an
     * argmax per step. Gradient methods other than {@link GradientMethod#BACKPROP} give the loss
     * only (their forward passes are not the batch's), so accuracy is NaN there.
     */
    RUNNING,
    /** No training metrics (NaN): test metrics only. */
    NONE
}
