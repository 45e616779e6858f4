package io.jgrad.core.nn;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;

/**
 * A reusable output buffer: reallocated only when the wanted shape changes (a new batch size), so
 * steady-state training reuses the same memory every step.
 */
final class Buffers {
    private Tensor tensor;

    Tensor get(Backend backend, Shape shape, DType dtype) {
        if (tensor == null || !tensor.shape().equals(shape) || tensor.dtype() != dtype || tensor.isClosed()
                || tensor.backend() != backend) {
            if (tensor != null) {
                tensor.close();
            }
            // Kept out of any caller's scope: the layer owns it until the next reallocation.
            try (TensorScope detached = TensorScope.open()) {
                tensor = detached.keep(backend.zeros(shape, dtype));
            }
        }
        return tensor;
    }

    void close() {
        if (tensor != null) {
            tensor.close();
            tensor = null;
        }
    }
}
