package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Softmax over the last dimension. For training with cross-entropy prefer leaving the model's
 * output as logits and using the fused {@code SoftmaxCrossEntropy} loss, which is stabler and faster.
 */
public final class Softmax implements Layer {
    private final String name;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor y;

    public Softmax(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        y = output.get(x.backend(), x.shape(), x.dtype());
        x.backend().softmaxRows(x, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireSame(name, "output gradient", y.shape(), dout.shape());
        Tensor dx = inputGrad.get(y.backend(), y.shape(), y.dtype());
        y.backend().softmaxBackward(y, dout, dx);
        return dx;
    }

    @Override
    public void close() {
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": Softmax";
    }
}
