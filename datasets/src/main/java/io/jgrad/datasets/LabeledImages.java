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

    /**
     * The images as [channels, height, width] (NCHW batches, what convolutional layers take):
     * grey [height * width] images become [1, height, width] (a relabelling, the same values),
     * colour [height, width, channels] ones are transposed to channels first.
     */
    public LabeledImages channelsFirst(int height, int width) {
        int per = exampleShape.size();
        if (exampleShape.rank() == 1 && per == height * width) {
            return new LabeledImages(name, pixels, Shape.of(1, height, width), labels, classes);
        }
        if (exampleShape.rank() == 3 && exampleShape.dim(0) == height && exampleShape.dim(1) == width) {
            int c = exampleShape.dim(2);
            float[] out = new float[pixels.length];
            for (int i = 0; i < size(); i++) {
                int base = i * per;
                for (int p = 0; p < height * width; p++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[base + ch * height * width + p] = pixels[base + p * c + ch];
                    }
                }
            }
            return new LabeledImages(name, out, Shape.of(c, height, width), labels, classes);
        }
        throw new IllegalArgumentException(name + ": examples of shape " + exampleShape + " are not " + height + "x"
                + width + " images");
    }

    /** The first {@code n} examples. */
    public LabeledImages head(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException(name + ": asked for the first " + n + " examples of " + size());
        }
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
