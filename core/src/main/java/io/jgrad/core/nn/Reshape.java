package io.jgrad.core.nn;

import io.jgrad.core.tensor.Shape;

/** [batch, ...] to [batch, dims...] of the same size, as a view (no copy); Flatten is the common case. */
public final class Reshape extends ViewLayer {
    private final int[] dims;

    public Reshape(String name, int... dims) {
        super(name);
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
            throw new IllegalArgumentException("layer " + name() + ": cannot reshape " + input + " (" + input.size() / input.dim(0)
                    + " values per example) to " + java.util.Arrays.toString(dims));
        }
        return s;
    }

    @Override
    public String toString() {
        return name() + ": Reshape" + java.util.Arrays.toString(dims);
    }

    @Override
    public Reshape copy() {
        return new Reshape(name(), dims);
    }
}
