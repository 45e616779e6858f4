package io.jgrad.core.backend;

import io.jgrad.core.tensor.AllocationCounter;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Storage;
import io.jgrad.core.tensor.Tensor;

/**
 * The contract between jgrad and a compute engine. Every public op checks its arguments here, once,
 * so that all backends report bad input with the same messages, then calls the protected
 * {@code do*} method the backend implements. Ops write into caller-provided outputs so that a
 * training step can run without allocating.
 *
 * <p>Tensors are seen as matrices ({@link Shape#rows()} x {@link Shape#cols()}). Unless an op
 * says otherwise, all tensors of one call share one dtype and this backend, and an output may be
 * the same tensor as an input (in place).
 *
 * <p><b>Threads.</b> Every backend is safe to share: any number of threads may run ops on one
 * backend instance at once, as long as no tensor is written by one thread while another reads or
 * writes it (distinct outputs; inputs may be shared). Each backend inherits a concurrent test of
 * this contract from {@code BackendConformanceSuite}.
 *
 * <p><b>Ownership.</b> Tensors this backend creates belong to the caller (see {@link Tensor});
 * {@link #liveTensors()} counts those not yet closed.
 */
public abstract class Backend implements AutoCloseable {
    private final AllocationCounter allocations = new AllocationCounter();

    /** Tensors made by this backend and not yet closed (views not counted). */
    public final long liveTensors() {
        return allocations.tensors();
    }

    /** Bytes held by the tensors of {@link #liveTensors()}. */
    public final long liveBytes() {
        return allocations.bytes();
    }

    private Tensor newTensor(Shape shape, DType dtype) {
        return Tensor.wrap(this, shape, dtype, allocate(dtype, shape.size()), allocations);
    }

    /** Short name used for selection: "cpu", "cuda". */
    public abstract String name();

    /** One line on how this backend runs (kernels, threads, device). */
    public abstract String description();

    /** Waits until all queued work is done; a no-op on synchronous backends. */
    public void synchronize() {
    }

    /**
     * How many threads can usefully run ops on this backend at once, each on its own data: the CPU
     * backend's core count; 1 (the default) where ops take turns anyway, as on one GPU.
     */
    public int concurrency() {
        return 1;
    }

    /**
     * Runs {@code task} with this thread's calls kept on this thread: no op is split over the
     * backend's own worker threads. For callers that already keep every core busy with a task of
     * their own (parallel numerical gradients), where splitting each op again only oversubscribes
     * the cores. Results are the same either way. By default the task just runs (backends without
     * worker threads of their own).
     */
    public void onCallerThreadOnly(Runnable task) {
        task.run();
    }

    @Override
    public void close() {
    }

    // =========================================================================== memory

    protected abstract Storage allocate(DType dtype, int size);

    // Host transfers: called only with arrays of the tensor's own dtype (float[] for float32);
    // write and read convert between dtypes on the host first, once for every backend.

    protected abstract void doWrite(Tensor dst, float[] src);

    protected abstract void doWrite(Tensor dst, double[] src);

    protected abstract void doRead(Tensor src, float[] dst);

    protected abstract void doRead(Tensor src, double[] dst);

    protected abstract double doGet(Tensor t, int index);

    protected abstract void doSet(Tensor t, int index, double value);

    protected abstract void doFill(Tensor t, double value);

    /** Copies {@code src} into {@code dst}, converting between dtypes if they differ. */
    protected abstract void doCopy(Tensor src, Tensor dst);

    // Creation: every new tensor belongs to the caller, who closes it or hands it to an owner.

    /** Uninitialized-free: new tensors are always zero-filled. */
    public Tensor zeros(Shape shape, DType dtype) {
        Tensor t = newTensor(shape, dtype);
        doFill(t, 0.0);
        return t;
    }

    public Tensor ones(Shape shape, DType dtype) {
        return full(shape, dtype, 1.0);
    }

    public Tensor full(Shape shape, DType dtype, double value) {
        Tensor t = newTensor(shape, dtype);
        doFill(t, value);
        return t;
    }

    public Tensor tensor(float[] data, Shape shape) {
        requireLength(data.length, shape);
        Tensor t = newTensor(shape, DType.FLOAT32);
        doWrite(t, data);
        return t;
    }

    public Tensor tensor(double[] data, Shape shape) {
        requireLength(data.length, shape);
        Tensor t = newTensor(shape, DType.FLOAT64);
        doWrite(t, data);
        return t;
    }

    /** Uniform values in [lo, hi), a pure function of (seed, element index). */
    public Tensor randomUniform(Shape shape, DType dtype, double lo, double hi, long seed) {
        Tensor t = newTensor(shape, dtype);
        doRandomUniform(t, lo, hi, seed);
        return t;
    }

    /** Normal values N(mean, std^2), a pure function of (seed, element index). */
    public Tensor randomNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        Tensor t = newTensor(shape, dtype);
        doRandomNormal(t, mean, std, seed);
        return t;
    }

    public final void write(Tensor dst, float[] src) {
        own(dst);
        requireLength(src.length, dst.shape());
        if (dst.dtype() == DType.FLOAT32) {
            doWrite(dst, src);
        } else {
            double[] wide = new double[src.length];
            for (int i = 0; i < src.length; i++) {
                wide[i] = src[i];
            }
            doWrite(dst, wide);
        }
    }

    public final void write(Tensor dst, double[] src) {
        own(dst);
        requireLength(src.length, dst.shape());
        if (dst.dtype() == DType.FLOAT64) {
            doWrite(dst, src);
        } else {
            float[] narrow = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                narrow[i] = (float) src[i];
            }
            doWrite(dst, narrow);
        }
    }

    public final void read(Tensor src, float[] dst) {
        own(src);
        requireLength(dst.length, src.shape());
        if (src.dtype() == DType.FLOAT32) {
            doRead(src, dst);
        } else {
            double[] wide = new double[dst.length];
            doRead(src, wide);
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) wide[i];
            }
        }
    }

    public final void read(Tensor src, double[] dst) {
        own(src);
        requireLength(dst.length, src.shape());
        if (src.dtype() == DType.FLOAT64) {
            doRead(src, dst);
        } else {
            float[] narrow = new float[dst.length];
            doRead(src, narrow);
            for (int i = 0; i < dst.length; i++) {
                dst[i] = narrow[i];
            }
        }
    }

    public final double get(Tensor t, int index) {
        own(t);
        checkIndex(t, index);
        return doGet(t, index);
    }

    public final void set(Tensor t, int index, double value) {
        own(t);
        checkIndex(t, index);
        doSet(t, index, value);
    }

    public final void fill(Tensor t, double value) {
        own(t);
        doFill(t, value);
    }

    /** Copies between tensors of equal size; converts float32 and float64 either way. */
    public final void copy(Tensor src, Tensor dst) {
        own(src);
        own(dst);
        sameSize("copy", src, dst);
        doCopy(src, dst);
    }

    // =========================================================================== random

    protected abstract void doRandomUniform(Tensor out, double lo, double hi, long seed);

    protected abstract void doRandomNormal(Tensor out, double mean, double std, long seed);

    /** Inverted dropout mask: 1/(1-p) where uniform(seed, i) >= p, else 0. */
    protected abstract void doDropoutMask(Tensor mask, double p, long seed);

    public final void randomUniform(Tensor out, double lo, double hi, long seed) {
        own(out);
        doRandomUniform(out, lo, hi, seed);
    }

    public final void randomNormal(Tensor out, double mean, double std, long seed) {
        own(out);
        doRandomNormal(out, mean, std, seed);
    }

    public final void dropoutMask(Tensor mask, double p, long seed) {
        own(mask);
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        doDropoutMask(mask, p, seed);
    }

    // =========================================================================== matmul

    protected abstract void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b,
                                   double beta, Tensor c, int m, int n, int k);

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where op transposes when its flag is set. With
     * {@code beta == 0} the old contents of {@code c} are ignored (NaN included). {@code c} must not
     * be {@code a} or {@code b}.
     */
    public final void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b,
                           double beta, Tensor c) {
        own(a);
        own(b);
        own(c);
        sameDType("gemm", a, b);
        sameDType("gemm", a, c);
        int m = transA ? a.cols() : a.rows();
        int ka = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (ka != kb) {
            throw new IllegalArgumentException("gemm: inner dimensions differ: " + describe(a, transA) + " x "
                    + describe(b, transB) + " (" + ka + " != " + kb + ")");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: output " + c.shape() + " does not fit " + describe(a, transA)
                    + " x " + describe(b, transB) + " = [" + m + ", " + n + "]");
        }
        if (c.storage() == a.storage() || c.storage() == b.storage()) {
            throw new IllegalArgumentException("gemm: the output must not alias an input");
        }
        doGemm(transA, transB, alpha, a, b, beta, c, m, n, ka);
    }

    /** Allocating convenience: {@code a * b}. */
    public Tensor matmul(Tensor a, Tensor b) {
        own(a);
        own(b);
        Tensor c = zeros(Shape.of(a.rows(), b.cols()), a.dtype());
        gemm(false, false, 1.0, a, b, 0.0, c);
        return c;
    }

    // =========================================================================== elementwise

    protected abstract void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out, boolean rowBroadcast);

    protected abstract void doUnary(UnaryOp op, Tensor a, Tensor out);

    protected abstract void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dout, Tensor dx);

    protected abstract void doScaleShift(Tensor a, double scale, double shift, Tensor out);

    protected abstract void doLeakyRelu(Tensor x, double slope, Tensor out);

    protected abstract void doLeakyReluBackward(Tensor x, double slope, Tensor dout, Tensor dx);

    /**
     * {@code out = a op b}. {@code b} has the shape of {@code a}, or is a row vector ({@code [cols]}
     * or {@code [1, cols]}) applied to every row of {@code a}.
     */
    public final void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        own(a);
        own(b);
        own(out);
        sameDType(op, a, b);
        sameDType(op, a, out);
        boolean rowBroadcast;
        if (a.rows() == b.rows() && a.cols() == b.cols()) {
            rowBroadcast = false;
        } else if (b.rows() == 1 && b.cols() == a.cols()) {
            rowBroadcast = true;
        } else {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape()
                    + " do not match (the right operand must have the same shape or be a row of "
                    + a.cols() + ")");
        }
        sameSize(op, a, out);
        doBinary(op, a, b, out, rowBroadcast);
    }

    public final void add(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.ADD, a, b, out);
    }

    public final void sub(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.SUB, a, b, out);
    }

    public final void mul(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.MUL, a, b, out);
    }

    public final void div(Tensor a, Tensor b, Tensor out) {
        binary(BinaryOp.DIV, a, b, out);
    }

    public final void unary(UnaryOp op, Tensor a, Tensor out) {
        own(a);
        own(out);
        sameDType(op, a, out);
        sameSize(op, a, out);
        doUnary(op, a, out);
    }

    /**
     * {@code dx = dout * op'(x)}, given the forward input {@code x} and output {@code y} (each op uses
     * whichever is cheaper: sigmoid and tanh use y, relu uses x).
     */
    public final void unaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dout, Tensor dx) {
        alike("unaryBackward", dout, x);
        alike("unaryBackward", dout, y);
        alike("unaryBackward", dout, dout);
        alike("unaryBackward", dout, dx);
        doUnaryBackward(op, x, y, dout, dx);
    }

    /**
     * {@code out = max(0, a + bias)}, {@code bias} ([cols]) added to every row of {@code a}
     * ([rows, cols]): a Dense layer's bias and the ReLU after it in one pass where the backend fuses
     * them (the same values as {@link #add} then ReLU). {@code out} may be {@code a}. Its backward is
     * {@link #unaryBackward} of ReLU on the output, then the column sums ({@link #reduce}).
     */
    public final void addRowsRelu(Tensor a, Tensor bias, Tensor out) {
        alike("addRowsRelu", a, a);
        alike("addRowsRelu", a, out);
        own(bias);
        sameDType("addRowsRelu", a, bias);
        if (bias.size() != a.cols()) {
            throw new IllegalArgumentException("addRowsRelu: a bias of " + a.cols() + " for " + a.shape()
                    + ", got " + bias.shape());
        }
        doAddRowsRelu(a, bias, out);
    }

    /** Two ops in turn; a backend overrides this with one pass. */
    protected void doAddRowsRelu(Tensor a, Tensor bias, Tensor out) {
        doBinary(BinaryOp.ADD, a, bias, out, true);
        doUnary(UnaryOp.RELU, out, out);
    }

    /** {@code out = a * scale + shift}: scalar add, multiply and "s - a" in one op. */
    public final void scaleShift(Tensor a, double scale, double shift, Tensor out) {
        own(a);
        own(out);
        sameDType("scaleShift", a, out);
        sameSize("scaleShift", a, out);
        doScaleShift(a, scale, shift, out);
    }

    public final void leakyRelu(Tensor x, double slope, Tensor out) {
        own(x);
        own(out);
        sameDType("leakyRelu", x, out);
        sameSize("leakyRelu", x, out);
        doLeakyRelu(x, slope, out);
    }

    public final void leakyReluBackward(Tensor x, double slope, Tensor dout, Tensor dx) {
        alike("leakyRelu backward", x, x);
        alike("leakyRelu backward", x, dout);
        alike("leakyRelu backward", x, dx);
        doLeakyReluBackward(x, slope, dout, dx);
    }

    // =========================================================================== reductions

    protected abstract void doReduce(ReduceOp op, Reduction over, Tensor a, Tensor out);

    protected abstract double doDot(Tensor a, Tensor b);

    protected abstract void doArgmaxRows(Tensor a, int[] out);

    /** Sum, mean or max; {@code out} has {@code cols}, {@code rows} or 1 elements by {@code over}. */
    public final void reduce(ReduceOp op, Reduction over, Tensor a, Tensor out) {
        own(a);
        own(out);
        sameDType(op, a, out);
        int want = over == Reduction.PER_COLUMN ? a.cols() : over == Reduction.PER_ROW ? a.rows() : 1;
        if (out.size() != want) {
            throw new IllegalArgumentException(op + " " + over + " of " + a.shape() + " needs an output of "
                    + want + " elements, got " + out.shape());
        }
        doReduce(op, over, a, out);
    }

    /** Sum of all elements, returned to the host. */
    public final double sum(Tensor a) {
        own(a);
        try (Tensor one = zeros(Shape.of(1), a.dtype())) {
            doReduce(ReduceOp.SUM, Reduction.ALL, a, one);
            return doGet(one, 0);
        }
    }

    /** {@code sum(a * b)} over all elements, returned to the host. */
    public final double dot(Tensor a, Tensor b) {
        own(a);
        own(b);
        sameDType("dot", a, b);
        sameSize("dot", a, b);
        return doDot(a, b);
    }

    /** Index of the largest value of each row, written to a host array of {@code rows} entries. */
    public final void argmaxRows(Tensor a, int[] out) {
        own(a);
        if (out.length != a.rows()) {
            throw new IllegalArgumentException("argmaxRows of " + a.shape() + " needs " + a.rows()
                    + " outputs, got " + out.length);
        }
        doArgmaxRows(a, out);
    }

    // =========================================================================== softmax and losses

    protected abstract void doSoftmaxRows(Tensor a, Tensor out);

    protected abstract void doSoftmaxBackward(Tensor y, Tensor dout, Tensor dx);

    /** Writes softmax(logits) to probs and returns the mean over rows of -sum(t * log p). */
    protected abstract double doSoftmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probs);

    /**
     * Sparse form: {@code labels} holds one class index per row. Must throw
     * {@link IllegalArgumentException} (see {@link #labelError}) for an index outside [0, cols).
     */
    protected abstract double doSparseSoftmaxCrossEntropy(Tensor logits, Tensor labels, Tensor probs);

    protected abstract void doSoftmaxCrossEntropyBackward(Tensor probs, Tensor targets, double scale, Tensor dx);

    protected abstract void doSparseSoftmaxCrossEntropyBackward(Tensor probs, Tensor labels, double scale,
                                                                Tensor dx);

    public final void softmaxRows(Tensor a, Tensor out) {
        own(a);
        own(out);
        sameDType("softmax", a, out);
        sameShape2d("softmax", a, out);
        doSoftmaxRows(a, out);
    }

    /** {@code dx = y * (dout - rowsum(dout * y))}. */
    public final void softmaxBackward(Tensor y, Tensor dout, Tensor dx) {
        alike2d("softmax backward", y, y);
        alike2d("softmax backward", y, dout);
        alike2d("softmax backward", y, dx);
        doSoftmaxBackward(y, dout, dx);
    }

    /** Fused, numerically stable softmax + cross-entropy against one-hot (or soft) targets. */
    public final double softmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probs) {
        alike2d("softmaxCrossEntropy", logits, logits);
        alike2d("softmaxCrossEntropy", logits, targets);
        alike2d("softmaxCrossEntropy", logits, probs);
        return doSoftmaxCrossEntropy(logits, targets, probs);
    }

    /** Fused softmax + cross-entropy against integer class labels (one per row, stored as floats). */
    public final double sparseSoftmaxCrossEntropy(Tensor logits, Tensor labels, Tensor probs) {
        checkSparse("sparseSoftmaxCrossEntropy", logits, labels, probs);
        return doSparseSoftmaxCrossEntropy(logits, labels, probs);
    }

    /** {@code dx = (probs - targets) * scale}; scale is usually dLoss / rows. */
    public final void softmaxCrossEntropyBackward(Tensor probs, Tensor targets, double scale, Tensor dx) {
        alike2d("softmaxCrossEntropy backward", probs, probs);
        alike2d("softmaxCrossEntropy backward", probs, targets);
        alike2d("softmaxCrossEntropy backward", probs, dx);
        doSoftmaxCrossEntropyBackward(probs, targets, scale, dx);
    }

    public final void sparseSoftmaxCrossEntropyBackward(Tensor probs, Tensor labels, double scale, Tensor dx) {
        checkSparse("sparseSoftmaxCrossEntropy backward", probs, labels, dx);
        doSparseSoftmaxCrossEntropyBackward(probs, labels, scale, dx);
    }

    private void checkSparse(String op, Tensor logits, Tensor labels, Tensor out) {
        own(logits);
        own(labels);
        own(out);
        sameDType(op, logits, labels);
        sameDType(op, logits, out);
        sameShape2d(op, logits, out);
        if (labels.size() != logits.rows()) {
            throw new IllegalArgumentException(op + ": " + logits.rows() + " rows of scores " + logits.shape()
                    + " but " + labels.size() + " labels " + labels.shape());
        }
    }

    /** The error every backend raises for a class label outside [0, classes). */
    protected static IllegalArgumentException labelError(int index, double value, int classes) {
        return new IllegalArgumentException("label at index " + index + " is " + formatLabel(value)
                + ", outside [0, " + classes + ")");
    }

    private static String formatLabel(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // =========================================================================== data movement

    protected abstract void doGatherRows(Tensor src, int[] rowIndices, Tensor out);

    /** {@code out[i] = src[rowIndices[i]]} for whole rows: minibatch assembly on the device. */
    public final void gatherRows(Tensor src, int[] rowIndices, Tensor out) {
        own(src);
        own(out);
        sameDType("gatherRows", src, out);
        if (out.rows() != rowIndices.length || out.cols() != src.cols()) {
            throw new IllegalArgumentException("gatherRows: " + rowIndices.length + " rows of " + src.cols()
                    + " do not fit output " + out.shape());
        }
        int rows = src.rows();
        for (int i = 0; i < rowIndices.length; i++) {
            if (rowIndices[i] < 0 || rowIndices[i] >= rows) {
                throw new IndexOutOfBoundsException("gatherRows: index " + i + " is row " + rowIndices[i]
                        + " of a tensor with " + rows + " rows " + src.shape());
            }
        }
        doGatherRows(src, rowIndices, out);
    }

    // =========================================================================== convolution and pooling

    protected abstract void doIm2col(Tensor x, ConvGeometry g, Tensor cols);

    protected abstract void doCol2im(Tensor cols, ConvGeometry g, Tensor dx);

    protected abstract void doSwapOuterAxes(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out);

    protected abstract void doMaxPool2d(Tensor x, ConvGeometry g, Tensor out, Tensor argmax);

    protected abstract void doMaxPool2dBackward(Tensor dout, Tensor argmax, ConvGeometry g, Tensor dx);

    protected abstract void doAvgPool2d(Tensor x, ConvGeometry g, Tensor out);

    protected abstract void doAvgPool2dBackward(Tensor dout, ConvGeometry g, Tensor dx);

    /**
     * Unfolds image patches: {@code x} holds the NCHW batch of {@code g}; row {@code (c, kh, kw)}
     * of {@code cols} ([channels * kernelH * kernelW, batch * outH * outW]) holds that window tap
     * at every output position of every image (columns ordered (n, oh, ow)), zeros where it covers
     * padding. A convolution is then one GEMM with the transposed [channels * kernelH * kernelW,
     * filters] weight matrix, whose [filters, batch * outH * outW] result {@link #swapOuterAxes}
     * turns into NCHW.
     */
    public final void im2col(Tensor x, ConvGeometry g, Tensor cols) {
        own(x);
        own(cols);
        sameDType("im2col", x, cols);
        requireSize("im2col input", x, g.inputSize(), g);
        requireMatrix("im2col output", cols, g.colRows(), g.colCols(), g);
        doIm2col(x, g, cols);
    }

    /**
     * The adjoint of {@link #im2col}: {@code dx} (the NCHW batch of {@code g}) is overwritten with,
     * for each input element, the sum of the {@code cols} entries that im2col copied from it.
     */
    public final void col2im(Tensor cols, ConvGeometry g, Tensor dx) {
        own(cols);
        own(dx);
        sameDType("col2im", cols, dx);
        requireMatrix("col2im input", cols, g.colRows(), g.colCols(), g);
        requireSize("col2im output", dx, g.inputSize(), g);
        if (cols.storage() == dx.storage()) {
            throw new IllegalArgumentException("col2im: the output must not alias the input");
        }
        doCol2im(cols, g, dx);
    }

    /**
     * {@code out[j, i, s] = a[i, j, s] + bias[i]}: {@code a} read as [outer, inner, block] and
     * written as [inner, outer, block], whole blocks moved (the convolution's [filters, batch,
     * positions] GEMM result to NCHW, and NCHW gradients back). {@code bias} ([outer]) may be null
     * for none; {@code out} must not alias {@code a}.
     */
    public final void swapOuterAxes(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        checkSwap("swapOuterAxes", a, outer, inner, block, bias, null, out);
        doSwapOuterAxes(a, outer, inner, block, bias, out);
    }

    /**
     * {@link #swapOuterAxes} followed by ReLU on the output, {@code out = max(0, swap(a) + bias)}:
     * a convolution's output and the ReLU after it in one pass where the backend fuses them (the
     * same values as the two ops one after the other).
     */
    public final void swapOuterAxesRelu(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        checkSwap("swapOuterAxesRelu", a, outer, inner, block, bias, null, out);
        doSwapOuterAxesRelu(a, outer, inner, block, bias, out);
    }

    /**
     * The backward of {@link #swapOuterAxesRelu}'s ReLU, then the swap: {@code out[j, i, s] =
     * y[i, j, s] > 0 ? dout[i, j, s] : 0}, where {@code y} is the ReLU's output, laid out like
     * {@code dout} ([outer, inner, block]). A backend may use {@code dout} as scratch (it is the
     * gradient the next layer returned, read once here).
     */
    public final void swapOuterAxesReluBackward(Tensor dout, Tensor y, int outer, int inner, int block, Tensor out) {
        checkSwap("swapOuterAxesReluBackward", dout, outer, inner, block, null, y, out);
        doSwapOuterAxesReluBackward(dout, y, outer, inner, block, out);
    }

    /** Two ops in turn; a backend overrides this with one pass. */
    protected void doSwapOuterAxesRelu(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        doSwapOuterAxes(a, outer, inner, block, bias, out);
        doUnary(UnaryOp.RELU, out, out);
    }

    /** ReLU's gradient in place in dout (y > 0 exactly where the ReLU's input was), then the swap. */
    protected void doSwapOuterAxesReluBackward(Tensor dout, Tensor y, int outer, int inner, int block, Tensor out) {
        doUnaryBackward(UnaryOp.RELU, y, y, dout, dout);
        doSwapOuterAxes(dout, outer, inner, block, null, out);
    }

    private void checkSwap(String op, Tensor a, int outer, int inner, int block, Tensor bias, Tensor like,
                           Tensor out) {
        own(a);
        own(out);
        sameDType(op, a, out);
        long want = (long) outer * inner * block;
        if (outer < 1 || inner < 1 || block < 1 || a.size() != want || out.size() != want) {
            throw new IllegalArgumentException(op + ": [" + outer + ", " + inner + ", " + block
                    + "] needs " + want + " elements in and out, got " + a.shape() + " and " + out.shape());
        }
        if (bias != null) {
            own(bias);
            sameDType(op, a, bias);
            if (bias.size() != outer) {
                throw new IllegalArgumentException(op + ": the bias needs " + outer + " elements (one per "
                        + "outer index), got " + bias.shape());
            }
        }
        if (like != null) {
            own(like);
            sameDType(op, a, like);
            if (like.size() != want) {
                throw new IllegalArgumentException(op + ": the ReLU output needs " + want + " elements, like the"
                        + " gradient, got " + like.shape());
            }
        }
        if (a.storage() == out.storage() || bias != null && bias.storage() == out.storage()
                || like != null && like.storage() == out.storage()) {
            throw new IllegalArgumentException(op + ": the output must not alias an input");
        }
    }

    /**
     * Max pooling over each channel; {@code out} and {@code argmax} hold [batch, channels, outH,
     * outW]; {@code argmax} gets the flat index (h * width + w) within its input plane of each
     * maximum (the first one on ties), stored in the dtype of {@code x}. Padding counts as -inf.
     */
    public final void maxPool2d(Tensor x, ConvGeometry g, Tensor out, Tensor argmax) {
        own(x);
        own(out);
        own(argmax);
        sameDType("maxPool2d", x, out);
        sameDType("maxPool2d", x, argmax);
        requireSize("maxPool2d input", x, g.inputSize(), g);
        requireSize("maxPool2d output", out, g.outputSize(), g);
        requireSize("maxPool2d argmax", argmax, g.outputSize(), g);
        requirePlaneIndexable(g);
        doMaxPool2d(x, g, out, argmax);
    }

    /** {@code dx} is overwritten: each input element gets the sum of the gradients of the outputs it was the max of. */
    public final void maxPool2dBackward(Tensor dout, Tensor argmax, ConvGeometry g, Tensor dx) {
        own(dout);
        own(argmax);
        own(dx);
        sameDType("maxPool2d backward", dout, argmax);
        sameDType("maxPool2d backward", dout, dx);
        requireSize("maxPool2d backward gradient", dout, g.outputSize(), g);
        requireSize("maxPool2d backward argmax", argmax, g.outputSize(), g);
        requireSize("maxPool2d backward output", dx, g.inputSize(), g);
        requirePlaneIndexable(g);
        doMaxPool2dBackward(dout, argmax, g, dx);
    }

    /** Average pooling over each channel; padding counts as zeros in the average (PyTorch's default). */
    public final void avgPool2d(Tensor x, ConvGeometry g, Tensor out) {
        own(x);
        own(out);
        sameDType("avgPool2d", x, out);
        requireSize("avgPool2d input", x, g.inputSize(), g);
        requireSize("avgPool2d output", out, g.outputSize(), g);
        doAvgPool2d(x, g, out);
    }

    /** {@code dx} is overwritten: each input element gets the gradients of its windows, each divided by the window size. */
    public final void avgPool2dBackward(Tensor dout, ConvGeometry g, Tensor dx) {
        own(dout);
        own(dx);
        sameDType("avgPool2d backward", dout, dx);
        requireSize("avgPool2d backward gradient", dout, g.outputSize(), g);
        requireSize("avgPool2d backward output", dx, g.inputSize(), g);
        doAvgPool2dBackward(dout, g, dx);
    }

    private static void requireSize(String what, Tensor t, long want, ConvGeometry g) {
        if (t.size() != want) {
            throw new IllegalArgumentException(what + " " + t.shape() + " has " + t.size() + " elements, " + g
                    + " needs " + want);
        }
    }

    private static void requireMatrix(String what, Tensor t, int rows, int cols, ConvGeometry g) {
        if (t.rows() != rows || t.cols() != cols) {
            throw new IllegalArgumentException(what + " " + t.shape() + " does not fit " + g + ": needs [" + rows
                    + ", " + cols + "]");
        }
    }

    private static void requirePlaneIndexable(ConvGeometry g) {
        if ((long) g.height() * g.width() > (1 << 24)) {
            throw new IllegalArgumentException("maxPool2d: a " + g.height() + "x" + g.width()
                    + " plane is too large for exact argmax indices in float32 (at most 2^24 elements)");
        }
    }

    // =========================================================================== batch normalisation

    protected abstract void doBatchNorm(Tensor x, int channels, Tensor gamma, Tensor beta, double eps, Tensor mean,
                                        Tensor var, Tensor y);

    protected abstract void doBatchNormInference(Tensor x, int channels, Tensor gamma, Tensor beta, Tensor mean,
                                                 Tensor var, double eps, Tensor y);

    protected abstract void doBatchNormBackward(Tensor x, int channels, Tensor gamma, Tensor mean, Tensor var,
                                                double eps, Tensor dy, Tensor dx, Tensor dgamma, Tensor dbeta);

    /**
     * Training-mode batch normalisation over {@code x} [N, C] or [N, C, H, W]: {@code mean} and
     * {@code var} ([C]) get each channel's batch mean and biased variance over N (and H, W), and
     * {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}.
     */
    public final void batchNorm(Tensor x, int channels, Tensor gamma, Tensor beta, double eps, Tensor mean,
                                Tensor var, Tensor y) {
        checkNorm("batchNorm", x, channels, eps, gamma, beta, mean, var);
        alike("batchNorm", x, y);
        doBatchNorm(x, channels, gamma, beta, eps, mean, var, y);
    }

    /** Inference-mode batch normalisation with given (running) statistics. */
    public final void batchNormInference(Tensor x, int channels, Tensor gamma, Tensor beta, Tensor mean, Tensor var,
                                         double eps, Tensor y) {
        checkNorm("batchNorm inference", x, channels, eps, gamma, beta, mean, var);
        alike("batchNorm inference", x, y);
        doBatchNormInference(x, channels, gamma, beta, mean, var, eps, y);
    }

    /**
     * The gradient of {@link #batchNorm} (batch statistics): {@code dx} from {@code dy}, and
     * {@code dgamma}, {@code dbeta} ([C]) overwritten with this batch's parameter gradients.
     */
    public final void batchNormBackward(Tensor x, int channels, Tensor gamma, Tensor mean, Tensor var, double eps,
                                        Tensor dy, Tensor dx, Tensor dgamma, Tensor dbeta) {
        checkNorm("batchNorm backward", x, channels, eps, gamma, dgamma, mean, var);
        alike("batchNorm backward", gamma, dbeta);
        alike("batchNorm backward", x, dy);
        alike("batchNorm backward", x, dx);
        doBatchNormBackward(x, channels, gamma, mean, var, eps, dy, dx, dgamma, dbeta);
    }

    /** For backends: elements per (example, channel) of a batch-norm input, 1 for [N, C], H * W for [N, C, H, W]. */
    protected static int normSpatial(Tensor x, int channels) {
        return x.size() / (x.shape().dim(0) * channels);
    }

    /** Four per-channel tensors, not varargs: an array per call would allocate in every training step. */
    private void checkNorm(String op, Tensor x, int channels, double eps, Tensor t1, Tensor t2, Tensor t3,
                           Tensor t4) {
        checkNormInput(op, x, channels, eps);
        checkPerChannel(op, x, channels, t1);
        checkPerChannel(op, x, channels, t2);
        checkPerChannel(op, x, channels, t3);
        checkPerChannel(op, x, channels, t4);
    }

    private void checkNormInput(String op, Tensor x, int channels, double eps) {
        own(x);
        Shape s = x.shape();
        if (!((s.rank() == 2 || s.rank() == 4) && s.dim(1) == channels)) {
            throw new IllegalArgumentException(op + ": input " + s + " is not [batch, " + channels + "] or [batch, "
                    + channels + ", height, width]");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": epsilon must be positive, got " + eps);
        }
    }

    private void checkPerChannel(String op, Tensor x, int channels, Tensor t) {
        own(t);
        sameDType(op, x, t);
        if (t.size() != channels) {
            throw new IllegalArgumentException(op + ": per-channel tensor " + t.shape() + " needs " + channels
                    + " elements for input " + x.shape());
        }
    }

    // =========================================================================== optimizer updates

    protected abstract void doAxpy(double alpha, Tensor x, Tensor y);

    protected abstract void doMomentumStep(Tensor param, Tensor grad, Tensor velocity, double lr,
                                           double momentum, double weightDecay);

    protected abstract void doAdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1,
                                       double beta2, double epsilon, double weightDecay, long step);

    /** {@code y += alpha * x}: the SGD update. */
    public final void axpy(double alpha, Tensor x, Tensor y) {
        own(x);
        own(y);
        sameDType("axpy", x, y);
        sameSize("axpy", x, y);
        doAxpy(alpha, x, y);
    }

    /** {@code g' = g + wd*p; v = momentum*v - lr*g'; p += v}. */
    public final void momentumStep(Tensor param, Tensor grad, Tensor velocity, double lr, double momentum,
                                   double weightDecay) {
        alike("momentum", param, param);
        alike("momentum", param, grad);
        alike("momentum", param, velocity);
        doMomentumStep(param, grad, velocity, lr, momentum, weightDecay);
    }

    /**
     * One fused Adam update in the Keras form: {@code g' = g + wd*p; m = b1*m + (1-b1)*g';
     * v = b2*v + (1-b2)*g'^2; p -= lr*sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)}, t = {@code step} >= 1.
     */
    public final void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1,
                               double beta2, double epsilon, double weightDecay, long step) {
        alike("adam", param, param);
        alike("adam", param, grad);
        alike("adam", param, m);
        alike("adam", param, v);
        if (step < 1) {
            throw new IllegalArgumentException("adam step count starts at 1, got " + step);
        }
        doAdamStep(param, grad, m, v, lr, beta1, beta2, epsilon, weightDecay, step);
    }

    // =========================================================================== checks

    /** Fails unless {@code t} is open and was made by this backend. */
    protected final void own(Tensor t) {
        t.storage();
        if (t.backend() != this) {
            throw new IllegalArgumentException("tensor " + t.shape() + " belongs to backend '" + t.backend().name()
                    + "', not '" + name() + "'");
        }
    }

    /** Owned, same dtype and same number of elements as {@code ref}. */
    private void alike(Object op, Tensor ref, Tensor t) {
        own(t);
        sameDType(op, ref, t);
        sameSize(op, ref, t);
    }

    /** Owned, same dtype and same matrix shape as {@code ref}. */
    private void alike2d(Object op, Tensor ref, Tensor t) {
        own(t);
        sameDType(op, ref, t);
        sameShape2d(op, ref, t);
    }

    private static void sameDType(Object op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtype mismatch: " + a.shape() + " " + a.dtype() + " vs "
                    + b.shape() + " " + b.dtype());
        }
    }

    private static void sameSize(Object op, Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(op + ": shape mismatch: " + a.shape() + " vs " + b.shape());
        }
    }

    private static void sameShape2d(Object op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shape mismatch: " + a.shape() + " vs " + b.shape());
        }
    }

    private static void requireLength(int length, Shape shape) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("array of " + length + " elements does not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
    }

    private static void checkIndex(Tensor t, int index) {
        if (index < 0 || index >= t.size()) {
            throw new IndexOutOfBoundsException("index " + index + " outside tensor " + t.shape());
        }
    }

    private static String describe(Tensor t, boolean transposed) {
        return t.shape() + (transposed ? "^T" : "");
    }

    @Override
    public String toString() {
        return name() + " (" + description() + ")";
    }
}
