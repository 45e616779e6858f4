package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** [batch, d1, d2, ...] to [batch, d1*d2*...], as a view (no copy). */
public final class Flatten implements Layer {
    private final String name;
    private Tensor lastInput;
    private Tensor lastView;
    private Tensor lastGrad;
    private Tensor lastGradView;
    private Shape inputShape;

    public Flatten(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.dim(0), input.size() / input.dim(0));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        inputShape = x.shape();
        if (x.shape().rank() == 2) {
            return x;
        }
        if (x != lastInput || lastView.isClosed()) { // a view per new input tensor, not per call
            lastInput = x;
            lastView = view(x, outputShape(x.shape()));
        }
        return lastView;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (inputShape.rank() == 2) {
            return dout;
        }
        if (dout != lastGrad || lastGradView.isClosed()) {
            lastGrad = dout;
            lastGradView = view(dout, inputShape);
        }
        return lastGradView;
    }

    /** A view shares its base's memory and needs no close. */
    private static Tensor view(Tensor t, Shape shape) {
        return t.reshape(shape.dims());
    }

    @Override
    public String toString() {
        return name + ": Flatten";
    }
}
