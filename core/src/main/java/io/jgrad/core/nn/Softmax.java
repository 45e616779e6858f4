package io.jgrad.core.nn;

import io.jgrad.core.tensor.Tensor;

/**
 * Softmax over the last dimension. For training with cross-entropy prefer leaving the model's
 * output as logits and using the fused {@code SoftmaxCrossEntropy} loss, which is stabler and faster.
 */
public final class Softmax extends ElementwiseLayer {
    public Softmax(String name) {
        super(name);
    }

    @Override
    protected void compute(Tensor x, Tensor y) {
        x.backend().softmaxRows(x, y);
    }

    @Override
    protected void computeBackward(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        y.backend().softmaxBackward(y, dout, dx);
    }

    @Override
    public Softmax copy() {
        return new Softmax(name());
    }
}
