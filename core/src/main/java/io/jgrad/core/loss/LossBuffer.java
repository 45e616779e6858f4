package io.jgrad.core.loss;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;

/** A buffer shaped like the prediction, reallocated only when that shape changes. */
final class LossBuffer {
    private Tensor tensor;

    Tensor like(Tensor prediction) {
        Shape shape = prediction.shape();
        if (tensor == null || tensor.isClosed() || !tensor.shape().equals(shape)
                || tensor.dtype() != prediction.dtype() || tensor.backend() != prediction.backend()) {
            close();
            try (TensorScope detached = TensorScope.open()) {
                tensor = detached.keep(prediction.backend().zeros(shape, prediction.dtype()));
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
