package io.jgrad.core.nn;

import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.Tensor;

/** An elementwise activation backed by one backend op and its backward form. */
public abstract class Activation extends ElementwiseLayer {
    private final UnaryOp op;

    protected Activation(String name, UnaryOp op) {
        super(name);
        this.op = op;
    }

    @Override
    protected void compute(Tensor x, Tensor y) {
        x.backend().unary(op, x, y);
    }

    @Override
    protected void computeBackward(Tensor x, Tensor y, Tensor dout, Tensor dx) {
        x.backend().unaryBackward(op, x, y, dout, dx);
    }
}
