package io.jgrad.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One labelled example as it sits in a {@code JavaRDD}: the features row-major in the model's
 * input shape (784 floats for a 28x28 image) and the class index.
 */
public record Sample(float[] features, int label) implements Serializable {
    public Sample {
        Objects.requireNonNull(features, "features");
    }

    /**
     * One sample per label, from features stored row after row ({@code x.length / labels.length}
     * values each), as jgrad's dataset readers hold them.
     */
    public static List<Sample> fromRows(float[] x, int[] labels) {
        if (labels.length == 0 || x.length % labels.length != 0) {
            throw new IllegalArgumentException(x.length + " feature values do not split into " + labels.length
                    + " equal rows");
        }
        int f = x.length / labels.length;
        List<Sample> out = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            out.add(new Sample(Arrays.copyOfRange(x, i * f, (i + 1) * f), labels[i]));
        }
        return out;
    }
}
