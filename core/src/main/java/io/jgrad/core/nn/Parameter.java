package io.jgrad.core.nn;

import io.jgrad.core.tensor.Tensor;

/**
 * A trainable tensor with a stable name ({@code dense1.W}) and its gradient buffer; owns both
 * ({@link #close()} frees them). Read and set its values with {@link #toDoubleArray()} and
 * {@link #set(double[])}, or through {@code Sequential.stateDict()}.
 */
public final class Parameter implements AutoCloseable {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = value.backend().zeros(value.shape(), value.dtype());
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    public int size() {
        return value.size();
    }

    /** The values, row-major, copied to the host. */
    public double[] toDoubleArray() {
        return value.toDoubleArray();
    }

    /** Sets the values from a row-major host array of {@link #size()} elements. */
    public void set(double[] values) {
        value.backend().write(value, values);
    }

    public void set(float[] values) {
        value.backend().write(value, values);
    }

    @Override
    public void close() {
        value.close();
        grad.close();
    }

    @Override
    public String toString() {
        return name + value.shape();
    }
}
