package io.jgrad.core.tensor;

import io.jgrad.core.backend.Backend;

/**
 * An output buffer reused call after call and reallocated only when the wanted shape, dtype or
 * backend changes (a new batch size), so steady-state training reuses the same memory every step.
 * The owner of the ReusableTensor (a layer, a loss) frees the memory with {@link #close()}.
 */
public final class ReusableTensor implements AutoCloseable {
    private Tensor tensor;

    public Tensor get(Backend backend, Shape shape, DType dtype) {
        if (tensor == null || tensor.isClosed() || !tensor.shape().equals(shape) || tensor.dtype() != dtype
                || tensor.backend() != backend) {
            close();
            tensor = backend.zeros(shape, dtype);
        }
        return tensor;
    }

    /** A [rows, cols] buffer; compares dimensions in place, so a step that reuses it allocates nothing. */
    public Tensor matrix(Backend backend, int rows, int cols, DType dtype) {
        Tensor t = tensor;
        if (t != null && !t.isClosed() && t.dtype() == dtype && t.backend() == backend && t.shape().rank() == 2
                && t.shape().dim(0) == rows && t.shape().dim(1) == cols) {
            return t;
        }
        return get(backend, Shape.of(rows, cols), dtype);
    }

    /** A buffer of {@code like}'s shape, dtype and backend. */
    public Tensor like(Tensor like) {
        return get(like.backend(), like.shape(), like.dtype());
    }

    @Override
    public void close() {
        if (tensor != null) {
            tensor.close();
            tensor = null;
        }
    }
}
