package io.jgrad.datasets;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.train.Dataset;

/** Images as floats (row-major, one example after another) with integer labels, on the host. */
public record LabeledImages(String name, float[] pixels, Shape exampleShape, int[] labels, int classes) {

    public int size() {
        return labels.length;
    }

    /** Uploads to a backend as a classification {@link Dataset}. */
    public Dataset toDataset(Backend backend, DType dtype) {
        return Dataset.classification(name, backend, dtype, pixels, exampleShape, labels, classes);
    }

    /** The first {@code n} examples. */
    public LabeledImages head(int n) {
        int per = exampleShape.size();
        return new LabeledImages(name, java.util.Arrays.copyOf(pixels, n * per), exampleShape,
                java.util.Arrays.copyOf(labels, n), classes);
    }

    /** Examples [from, to). */
    public LabeledImages slice(String newName, int from, int to) {
        int per = exampleShape.size();
        return new LabeledImages(newName, java.util.Arrays.copyOfRange(pixels, from * per, to * per), exampleShape,
                java.util.Arrays.copyOfRange(labels, from, to), classes);
    }
}
