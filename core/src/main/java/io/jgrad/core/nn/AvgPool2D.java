package io.jgrad.core.nn;

import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.tensor.Tensor;

/** Mean over each window (padding counted as zeros, PyTorch's default). */
public final class AvgPool2D extends Pool2D {
    public AvgPool2D(String name, int size, int stride, int pad) {
        super(name, size, stride, pad);
    }

    @Override
    protected void pool(Tensor x, ConvGeometry g, Tensor y) {
        x.backend().avgPool2d(x, g, y);
    }

    @Override
    protected void poolBackward(Tensor dout, ConvGeometry g, Tensor dx) {
        dout.backend().avgPool2dBackward(dout, g, dx);
    }

    @Override
    public AvgPool2D copy() {
        return new AvgPool2D(name(), size(), stride(), padding());
    }
}
