package io.jgrad.core.nn;

import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Tensor;

/** Max over each window; the argmax of the forward pass routes the gradient back to the winners. */
public final class MaxPool2D extends Pool2D {
    private final ReusableTensor argmax = new ReusableTensor();

    public MaxPool2D(String name, int size, int stride, int pad) {
        super(name, size, stride, pad);
    }

    @Override
    protected void pool(Tensor x, ConvGeometry g, Tensor y) {
        x.backend().maxPool2d(x, g, y, argmax.get(x.backend(), outputShape(), x.dtype()));
    }

    @Override
    protected void poolBackward(Tensor dout, ConvGeometry g, Tensor dx) {
        dout.backend().maxPool2dBackward(dout, argmax.get(dout.backend(), outputShape(), dout.dtype()), g, dx);
    }

    @Override
    public void close() {
        super.close();
        argmax.close();
    }

    @Override
    public MaxPool2D copy() {
        return new MaxPool2D(name(), size(), stride(), padding());
    }
}
