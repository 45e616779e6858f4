package io.jgrad.core.tensor;

import java.util.Arrays;

/**
 * Immutable row-major shape of rank 1 to 4. Two-dimensional ops see any tensor as a matrix of
 * {@link #rows()} x {@link #cols()}: the last dimension is the row length.
 */
public final class Shape {
    public static final int MAX_RANK = 4;

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("rank must be 1.." + MAX_RANK + ", got " + dims.length
                    + " for " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has " + n
                    + " elements; at most " + (Integer.MAX_VALUE - 8) + " are supported");
        }
        this.dims = dims;
        this.size = n;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public int size() {
        return (int) size;
    }

    /** Rows of the matrix view: the product of every dimension but the last. */
    public int rows() {
        return (int) (size / dims[dims.length - 1]);
    }

    /** Columns of the matrix view: the last dimension. */
    public int cols() {
        return dims[dims.length - 1];
    }

    /** The same shape with its first dimension replaced, e.g. a different batch size. */
    public Shape withFirst(int first) {
        int[] d = dims.clone();
        d[0] = first;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
