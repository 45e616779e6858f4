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
