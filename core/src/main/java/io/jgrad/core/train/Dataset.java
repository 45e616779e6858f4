package io.jgrad.core.train;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Examples held on a backend, ready for minibatch gathering: features as a [n, features] matrix
 * (each example has {@link #exampleShape()}), targets as [n, 1] class indices (classification) or
 * [n, outputs] values (regression). Classification sets also keep their labels on the host for
 * accuracy.
 */
public final class Dataset implements AutoCloseable {
    private final String name;
    private final Tensor features;
    private final Tensor targets;
    private final Shape exampleShape;
    private final int[] labels;
    private final int classes;

    private Dataset(String name, Tensor features, Tensor targets, Shape exampleShape, int[] labels, int classes) {
        this.name = name;
        this.features = features;
        this.targets = targets;
        this.exampleShape = exampleShape;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A classification set. {@code x} holds {@code labels.length} examples of {@code exampleShape}
     * row-major; every label must lie in [0, classes).
     */
    public static Dataset classification(String name, Backend backend, DType dtype, float[] x, Shape exampleShape,
                                         int[] labels, int classes) {
        int n = labels.length;
        requireExamples(name, n);
        if (classes < 2) {
            throw new IllegalArgumentException("dataset " + name + ": needs at least 2 classes, got " + classes);
        }
        requireSize(name, x.length, n, exampleShape);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label at index " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ")");
            }
            y[i] = labels[i];
        }
        Tensor fx = upload(backend, dtype, x, Shape.of(n, exampleShape.size()));
        try {
            Tensor fy = upload(backend, dtype, y, Shape.of(n, 1));
            return new Dataset(name, fx, fy, exampleShape, labels.clone(), classes);
        } catch (RuntimeException e) {
            fx.close();
            throw e;
        }
    }

    /** A regression set: {@code y} holds {@code outputs} values per example. */
    public static Dataset regression(String name, Backend backend, DType dtype, float[] x, Shape exampleShape,
                                     float[] y, int outputs) {
        if (outputs <= 0 || y.length % outputs != 0) {
            throw new IllegalArgumentException("dataset " + name + ": " + y.length + " target values do not split into "
                    + outputs + " per example");
        }
        int n = y.length / outputs;
        requireExamples(name, n);
        requireSize(name, x.length, n, exampleShape);
        Tensor fx = upload(backend, dtype, x, Shape.of(n, exampleShape.size()));
        try {
            Tensor fy = upload(backend, dtype, y, Shape.of(n, outputs));
            return new Dataset(name, fx, fy, exampleShape, null, 0);
        } catch (RuntimeException e) {
            fx.close();
            throw e;
        }
    }

    private static Tensor upload(Backend backend, DType dtype, float[] data, Shape shape) {
        Tensor t = backend.tensor(data, shape);
        if (dtype == DType.FLOAT32) {
            return t;
        }
        Tensor converted = backend.zeros(shape, dtype);
        backend.copy(t, converted);
        t.close();
        return converted;
    }

    private static void requireExamples(String name, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("dataset " + name + " is empty");
        }
    }

    private static void requireSize(String name, int length, int n, Shape exampleShape) {
        if ((long) n * exampleShape.size() != length) {
            throw new IllegalArgumentException("dataset " + name + ": " + length + " feature values are not " + n
                    + " examples of " + exampleShape);
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return features.rows();
    }

    /** [n, features] on the backend. */
    public Tensor features() {
        return features;
    }

    /** [n, 1] class indices or [n, outputs] values, on the backend. */
    public Tensor targets() {
        return targets;
    }

    public Shape exampleShape() {
        return exampleShape;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Host copy of the class labels (not to be modified); null for regression. */
    public int[] labels() {
        return labels;
    }

    public int classes() {
        return classes;
    }

    @Override
    public void close() {
        features.close();
        targets.close();
    }
}
