package io.jgrad.core.train;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Tensor;

/**
 * Loss and accuracy of a model over a whole dataset, in batches, with dropout off. Accuracy
 * (argmax of the output against the label) is reported for every classification set whatever the
 * loss: a loss that wants dense targets (mean squared error, one-hot cross-entropy) is given
 * one-hot rows; regression sets report NaN.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static Metrics evaluate(Sequential model, Loss loss, Dataset data, int batchSize) {
        try (Batch batch = new Batch(data, !loss.takesClassIndices())) {
            return evaluate(model, loss, data, batchSize, batch);
        }
    }

    /**
     * As {@link #evaluate(Sequential, Loss, Dataset, int)}, gathering into {@code batch} (made for
     * {@code data} and this loss), which the caller keeps from one evaluation to the next: the
     * trainer evaluates every epoch, and a fresh 1000-example batch of 784 features is a 3 MB
     * allocation each time.
     */
    public static Metrics evaluate(Sequential model, Loss loss, Dataset data, int batchSize, Batch batch) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (batch.dataset() != data) {
            throw new IllegalArgumentException("evaluation batch was made for dataset " + batch.dataset().name()
                    + ", not " + data.name());
        }
        if (batch.oneHotTargets() != (!loss.takesClassIndices() && data.isClassification())) {
            throw new IllegalArgumentException("evaluation batch for " + data.name() + " holds "
                    + (batch.oneHotTargets() ? "one-hot targets" : "class indices") + ", the loss wants "
                    + (batch.oneHotTargets() ? "class indices" : "one-hot targets"));
        }
        int n = data.size();
        int[] full = new int[Math.min(batchSize, n)];
        int[] predicted = new int[full.length];
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            int[] idx = count == full.length ? full : new int[count];
            for (int i = 0; i < count; i++) {
                idx[i] = from + i;
            }
            batch.load(idx);
            Tensor out = model.predict(batch.features());
            lossSum += loss.forward(out, batch.targets()) * count;
            if (data.isClassification()) {
                int[] pred = count == predicted.length ? predicted : new int[count];
                out.backend().argmaxRows(out, pred);
                int[] labels = data.labels();
                for (int i = 0; i < count; i++) {
                    if (pred[i] == labels[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return new Metrics(lossSum / n, data.isClassification() ? (double) correct / n : Double.NaN);
    }
}
