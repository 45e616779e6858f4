package io.jgrad.core.train;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Examples held on a backend, in float32 or float64, ready for minibatch gathering: features as a [n, features] matrix
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
     * row-major; every label must lie in [0, classes). The features are stored in {@code dtype}.
     */
    public static Dataset classification(String name, Backend backend, DType dtype, float[] x, Shape exampleShape,
                                         int[] labels, int classes) {
        requireSize(name, x.length, checkLabels(name, labels, classes), exampleShape);
        return classification(name, backend, dtype, upload(backend, dtype, x, Shape.of(labels.length,
                exampleShape.size())), exampleShape, labels, classes);
    }

    /** A classification set from float64 features, kept exact in a float64 dataset (no float32 rounding). */
    public static Dataset classification(String name, Backend backend, DType dtype, double[] x, Shape exampleShape,
                                         int[] labels, int classes) {
        requireSize(name, x.length, checkLabels(name, labels, classes), exampleShape);
        return classification(name, backend, dtype, upload(backend, dtype, x, Shape.of(labels.length,
                exampleShape.size())), exampleShape, labels, classes);
    }

    private static int checkLabels(String name, int[] labels, int classes) {
        requireExamples(name, labels.length);
        if (classes < 2) {
            throw new IllegalArgumentException("dataset " + name + ": needs at least 2 classes, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label at index " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ")");
            }
        }
        return labels.length;
    }

    private static Dataset classification(String name, Backend backend, DType dtype, Tensor fx, Shape exampleShape,
                                          int[] labels, int classes) {
        int n = labels.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        return withTargets(fx, () -> upload(backend, dtype, y, Shape.of(n, 1)),
                fy -> new Dataset(name, fx, fy, exampleShape, labels.clone(), classes));
    }

    /** Makes the targets and the dataset; frees the features if either fails. */
    private static Dataset withTargets(Tensor fx, java.util.function.Supplier<Tensor> targets,
                                       java.util.function.Function<Tensor, Dataset> make) {
        try {
            return make.apply(targets.get());
        } catch (RuntimeException e) {
            fx.close();
            throw e;
        }
    }

    /** A regression set: {@code y} holds {@code outputs} values per example. */
    public static Dataset regression(String name, Backend backend, DType dtype, float[] x, Shape exampleShape,
                                     float[] y, int outputs) {
        int n = checkTargets(name, y.length, outputs);
        requireSize(name, x.length, n, exampleShape);
        Tensor fx = upload(backend, dtype, x, Shape.of(n, exampleShape.size()));
        return withTargets(fx, () -> upload(backend, dtype, y, Shape.of(n, outputs)),
                fy -> new Dataset(name, fx, fy, exampleShape, null, 0));
    }

    /** A regression set from float64 values. */
    public static Dataset regression(String name, Backend backend, DType dtype, double[] x, Shape exampleShape,
                                     double[] y, int outputs) {
        int n = checkTargets(name, y.length, outputs);
        requireSize(name, x.length, n, exampleShape);
        Tensor fx = upload(backend, dtype, x, Shape.of(n, exampleShape.size()));
        return withTargets(fx, () -> upload(backend, dtype, y, Shape.of(n, outputs)),
                fy -> new Dataset(name, fx, fy, exampleShape, null, 0));
    }

    private static int checkTargets(String name, int length, int outputs) {
        if (outputs <= 0 || length % outputs != 0) {
            throw new IllegalArgumentException("dataset " + name + ": " + length + " target values do not split into "
                    + outputs + " per example");
        }
        requireExamples(name, length / outputs);
        return length / outputs;
    }

    /** A tensor of {@code dtype} holding {@code data}; {@code write} converts on the host. */
    private static Tensor upload(Backend backend, DType dtype, float[] data, Shape shape) {
        Tensor t = backend.zeros(shape, dtype);
        backend.write(t, data);
        return t;
    }

    private static Tensor upload(Backend backend, DType dtype, double[] data, Shape shape) {
        Tensor t = backend.zeros(shape, dtype);
        backend.write(t, data);
        return t;
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
