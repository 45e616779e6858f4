package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** [batch, ...] to [batch, dims...] of the same size, as a view (no copy); Flatten is the common case. */
public final class Reshape implements Layer {
    private final String name;
    private final int[] dims;
    private Tensor lastInput;
    private Tensor lastView;
    private Tensor lastGrad;
    private Tensor lastGradView;
    private Shape inputShape;

    public Reshape(String name, int... dims) {
        this.name = name;
        this.dims = dims.clone();
        long size = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("layer " + name + ": dimensions must be positive, got "
                        + java.util.Arrays.toString(dims));
            }
            size *= d;
        }
        if (dims.length == 0 || dims.length + 1 > Shape.MAX_RANK || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + name + ": cannot reshape to " + java.util.Arrays.toString(dims));
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The per-example dimensions it reshapes to. */
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] out = new int[dims.length + 1];
        out[0] = input.dim(0);
        System.arraycopy(dims, 0, out, 1, dims.length);
        Shape s = Shape.of(out);
        if (s.size() != input.size()) {
            throw new IllegalArgumentException("layer " + name + ": cannot reshape " + input + " (" + input.size() / input.dim(0)
                    + " values per example) to " + java.util.Arrays.toString(dims));
        }
        return s;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x != lastInput || lastView.isClosed()) { // a view per new input tensor, not per call
            inputShape = x.shape();
            lastInput = x;
            lastView = x.reshape(outputShape(x.shape()).dims());
        }
        return lastView;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (dout != lastGrad || lastGradView.isClosed()) {
            lastGrad = dout;
            lastGradView = dout.reshape(inputShape.dims());
        }
        return lastGradView;
    }

    @Override
    public String toString() {
        return name + ": Reshape" + java.util.Arrays.toString(dims);
    }
}
