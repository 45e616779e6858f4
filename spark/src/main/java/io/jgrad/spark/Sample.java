package io.jgrad.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One labelled example as it sits in a {@code JavaRDD}: the features row-major in the model's
 * input shape (784 floats for a 28x28 image) and the class index.
 */
public record Sample(float[] features, int label) implements Serializable {
    public Sample {
        Objects.requireNonNull(features, "features");
    }
}
