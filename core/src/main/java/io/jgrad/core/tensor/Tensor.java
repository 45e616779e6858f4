package io.jgrad.core.tensor;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;

/**
 * An n-dimensional array living in a backend's memory. Row-major, rank 1 to 4, float32 or float64.
 *
 * <p><b>Ownership is explicit.</b> Whoever creates a tensor owns it and frees it with
 * {@link #close()}, or hands it to an owner that will: a {@link TensorScope}, a layer or model (its
 * parameters and buffers), an optimizer (its state), a dataset. Nothing is adopted behind the
 * caller's back. Every use after close fails with {@link IllegalStateException}. Views made by
 * {@link #reshape(int...)} share the memory of their base, need no close of their own, and die with
 * the base.
 *
 * <p>A tensor may be read from several threads at once; writing it while another thread reads or
 * writes it is a data race, as for any Java array.
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;
    private final Storage storage;
    private final Tensor base;
    private final AllocationCounter counter;
    private volatile boolean closed;

    private Tensor(Backend backend, Shape shape, DType dtype, Storage storage, Tensor base,
                   AllocationCounter counter) {
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
        this.base = base;
        this.counter = counter;
    }

    /**
     * For backends: wraps freshly allocated memory into a tensor the caller owns, counted in
     * {@code counter} until it closes.
     */
    public static Tensor wrap(Backend backend, Shape shape, DType dtype, Storage storage, AllocationCounter counter) {
        Tensor t = new Tensor(backend, shape, dtype, storage, null, counter);
        counter.allocated(t.bytes());
        return t;
    }

    private long bytes() {
        return (long) shape.size() * dtype.bytes();
    }

    // ---- convenience factories on the default backend --------------------------------------

    public static Tensor of(float[] data, int... dims) {
        return Backends.get().tensor(data, Shape.of(dims));
    }

    public static Tensor of(double[] data, int... dims) {
        return Backends.get().tensor(data, Shape.of(dims));
    }

    public static Tensor zeros(DType dtype, int... dims) {
        return Backends.get().zeros(Shape.of(dims), dtype);
    }

    public static Tensor ones(DType dtype, int... dims) {
        return Backends.get().ones(Shape.of(dims), dtype);
    }

    // ---- accessors ----------------------------------------------------------------------------

    public Backend backend() {
        return backend;
    }

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return dtype;
    }

    public int size() {
        return shape.size();
    }

    public int rows() {
        return shape.rows();
    }

    public int cols() {
        return shape.cols();
    }

    public boolean isClosed() {
        return closed || (base != null && base.isClosed());
    }

    /** For backends: the memory behind this tensor; fails if the tensor was closed. */
    public Storage storage() {
        if (isClosed()) {
            throw new IllegalStateException("tensor " + shape + " " + dtype + " was used after close");
        }
        return storage;
    }

    /** A view with another shape of the same size sharing this tensor's memory. */
    public Tensor reshape(int... dims) {
        Shape s = Shape.of(dims);
        if (s.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size() + " elements) to "
                    + s + " (" + s.size() + " elements)");
        }
        storage();
        return new Tensor(backend, s, dtype, storage, base == null ? this : base, counter);
    }

    public float[] toFloatArray() {
        float[] out = new float[size()];
        backend.read(this, out);
        return out;
    }

    public double[] toDoubleArray() {
        double[] out = new double[size()];
        backend.read(this, out);
        return out;
    }

    /** One element by flat row-major index. Slow on a GPU: for tests and gradient checks. */
    public double get(int index) {
        return backend.get(this, index);
    }

    public void set(int index, double value) {
        backend.set(this, index, value);
    }

    /** Frees the memory (a view frees nothing); closing twice is a no-op. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (base == null) {
            storage.free();
            counter.freed(bytes());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append(dtype)
                .append(" on ").append(backend.name());
        if (isClosed()) {
            return sb.append(" (closed)").toString();
        }
        int n = Math.min(size(), 8);
        sb.append(": [");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(String.format(java.util.Locale.ROOT, "%.4g", get(i)));
        }
        if (size() > n) {
            sb.append(", ... (").append(size()).append(" elements)");
        }
        return sb.append(']').toString();
    }
}
