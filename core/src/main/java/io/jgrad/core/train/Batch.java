package io.jgrad.core.train;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Reusable minibatch buffers: gathers the chosen rows of a dataset on its backend and exposes the
 * features in the example shape ([batch, 32, 32, 3]) the model expects.
 */
final class Batch implements AutoCloseable {
    private final Dataset data;
    private Tensor x;
    private Tensor xView;
    private Tensor y;

    Batch(Dataset data) {
        this.data = data;
    }

    void load(int[] indices) {
        int b = indices.length;
        if (x == null || x.rows() != b) {
            close();
            x = data.features().backend().zeros(Shape.of(b, data.features().cols()), data.features().dtype());
            y = data.targets().backend().zeros(Shape.of(b, data.targets().cols()), data.targets().dtype());
            Shape exampleShape = data.exampleShape();
            xView = exampleShape.rank() == 1 ? x : x.reshape(Sequential.batched(exampleShape, b).dims());
        }
        data.features().backend().gatherRows(data.features(), indices, x);
        data.targets().backend().gatherRows(data.targets(), indices, y);
    }

    Tensor features() {
        return xView;
    }

    Tensor targets() {
        return y;
    }

    @Override
    public void close() {
        if (x != null) {
            x.close();
            y.close();
            x = null;
            y = null;
            xView = null;
        }
    }
}
