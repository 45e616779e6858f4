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
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        int n = data.size();
        int[] full = new int[Math.min(batchSize, n)];
        int[] predicted = new int[full.length];
        double lossSum = 0;
        long correct = 0;
        try (Batch batch = new Batch(data, !loss.takesClassIndices())) {
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
        }
        return new Metrics(lossSum / n, data.isClassification() ? (double) correct / n : Double.NaN);
    }
}
