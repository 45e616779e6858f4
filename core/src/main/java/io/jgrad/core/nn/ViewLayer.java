package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * A layer whose output is its input under another shape, as a view (no copy): Flatten and
 * Reshape say only what the shape is. A view is made once per new input (and gradient) tensor,
 * not per call; where the shape does not change, the tensor itself passes through.
 */
abstract class ViewLayer implements Layer {
    private final String name;
    private Tensor lastInput;
    private Tensor lastView;
    private Tensor lastGrad;
    private Tensor lastGradView;
    private Shape inputShape;

    ViewLayer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        inputShape = x.shape();
        if (x != lastInput || lastView.isClosed()) {
            Shape out = outputShape(x.shape());
            lastInput = x;
            lastView = out.equals(x.shape()) ? x : x.reshape(out.dims()); // views need no close
        }
        return lastView;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (inputShape == null) {
            throw new IllegalStateException("layer " + name + ": backward before forward");
        }
        if (dout != lastGrad || lastGradView.isClosed()) {
            lastGrad = dout;
            lastGradView = dout.shape().equals(inputShape) ? dout : dout.reshape(inputShape.dims());
        }
        return lastGradView;
    }
}
