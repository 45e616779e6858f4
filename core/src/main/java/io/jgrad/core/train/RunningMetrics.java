package io.jgrad.core.train;

import java.util.function.ObjDoubleConsumer;

import io.jgrad.core.tensor.Tensor;

/**
 * Sums one epoch's batch losses and right answers for {@link TrainMetrics#RUNNING}; allocation-free
 * per step. Given the batch's examples by {@link #batch}, it is handed each forward pass by
 * {@link GradientMethod#backprop}.
 */
final class RunningMetrics implements ObjDoubleConsumer<Tensor> {
    private final int[] labels; // null for a regression set
    private int[] predicted = new int[0];
    private int[] indices = new int[0];
    private double lossSum;
    private long correct;
    private long seen;
    private boolean accuracyKnown = true;

    RunningMetrics(Dataset train) {
        this.labels = train.isClassification() ? train.labels() : null;
    }

    /** The examples of the batch whose forward pass comes next; returns this, for {@link GradientMethod#backprop}. */
    RunningMetrics batch(int[] batchIndices) {
        this.indices = batchIndices;
        return this;
    }

    /** A batch trained by backprop: {@code out} is its forward pass, of the examples last given to {@link #batch}. */
    @Override
    public void accept(Tensor out, double loss) {
        int n = indices.length;
        lossSum += loss * n;
        seen += n;
        if (labels == null) {
            return;
        }
        if (predicted.length != n) { // once, and again only for a short last batch
            predicted = new int[n];
        }
        out.backend().argmaxRows(out, predicted);
        for (int i = 0; i < n; i++) {
            if (predicted[i] == labels[indices[i]]) {
                correct++;
            }
        }
    }

    /** A batch whose forward pass the trainer did not see (numerical gradients): its loss only. */
    void addLossOnly(double loss, int batchSize) {
        lossSum += loss * batchSize;
        seen += batchSize;
        accuracyKnown = false;
    }

    /** The epoch's figures; then starts the next epoch's. */
    Metrics takeEpoch() {
        double accuracy = labels != null && accuracyKnown && seen > 0 ? (double) correct / seen : Double.NaN;
        Metrics m = new Metrics(seen > 0 ? lossSum / seen : Double.NaN, accuracy);
        lossSum = 0;
        correct = 0;
        seen = 0;
        accuracyKnown = true;
        return m;
    }
}
