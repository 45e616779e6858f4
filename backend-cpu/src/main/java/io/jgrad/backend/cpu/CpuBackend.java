package io.jgrad.backend.cpu;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.Settings;
import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Storage;
import io.jgrad.core.tensor.Tensor;

/**
 * The pure-Java backend. Tensors are Java arrays; GEMM runs on all cores (Vector API kernel when
 * available for float32 and float64, EJML otherwise) and so do the float32 optimizer updates of large
 * tensors ({@link ParallelLoops}); the other ops are single-threaded loops from {@link FloatOps} and
 * {@link DoubleOps}, which the JIT vectorizes where it can.
 *
 * <p>Safe to share between threads: each calling thread gets its own {@link CpuWorkspace} (GEMM
 * call state and packing buffers), the ops themselves keep no state, and backends of one thread
 * count share one worker pool.
 */
public final class CpuBackend extends Backend {
    public static final String NAME = "cpu";
    /** Overrides the number of threads GEMM uses (default: all available processors). */
    public static final String THREADS_PROPERTY = "jgrad.cpu.threads";

    private static final Map<Integer, WorkerPool> POOLS = new ConcurrentHashMap<>();

    private final WorkerPool pool;
    private final boolean vector;
    private final ThreadLocal<CpuWorkspace> workspaces;

    public CpuBackend() {
        this(threadsFromProperty());
    }

    /** -Djgrad.cpu.threads, else every available processor; a value that is no count is refused, not ignored. */
    static int threadsFromProperty() {
        return Settings.intProperty(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors(), 1);
    }

    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        pool = POOLS.computeIfAbsent(threads, WorkerPool::new);
        vector = KernelChoice.useVectorApi(pool);
        workspaces = ThreadLocal.withInitial(() -> new CpuWorkspace(pool, vector));
    }

    /** The calling thread's GEMM and loop state. */
    private CpuWorkspace ws() {
        return workspaces.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int concurrency() {
        return pool.threads();
    }

    @Override
    public void onCallerThreadOnly(Runnable task) {
        WorkerPool.callerOnly(task);
    }

    @Override
    public String description() {
        CpuWorkspace w = ws();
        return "pure Java, " + pool.threads() + " threads, float32 GEMM: " + w.sgemm.kind() + "; float64 GEMM: "
                + w.dgemm.kind();
    }

    /** Whether float32 GEMM runs on the Vector API kernel. */
    public boolean usesVectorApi() {
        return vector;
    }

    private static CpuStorage s(Tensor t) {
        return (CpuStorage) t.storage();
    }

    private static boolean f32(Tensor t) {
        return t.dtype() == DType.FLOAT32;
    }

    // ---------------------------------------------------------------- memory

    @Override
    protected Storage allocate(DType dtype, int size) {
        return new CpuStorage(dtype, size);
    }

    @Override
    protected void doWrite(Tensor dst, float[] src) {
        System.arraycopy(src, 0, s(dst).f, 0, src.length);
    }

    @Override
    protected void doWrite(Tensor dst, double[] src) {
        System.arraycopy(src, 0, s(dst).d, 0, src.length);
    }

    @Override
    protected void doRead(Tensor src, float[] dst) {
        System.arraycopy(s(src).f, 0, dst, 0, dst.length);
    }

    @Override
    protected void doRead(Tensor src, double[] dst) {
        System.arraycopy(s(src).d, 0, dst, 0, dst.length);
    }

    @Override
    protected double doGet(Tensor t, int index) {
        CpuStorage s = s(t);
        return s.f != null ? s.f[index] : s.d[index];
    }

    @Override
    protected void doSet(Tensor t, int index, double value) {
        CpuStorage s = s(t);
        if (s.f != null) {
            s.f[index] = (float) value;
        } else {
            s.d[index] = value;
        }
    }

    @Override
    protected void doFill(Tensor t, double value) {
        CpuStorage s = s(t);
        int n = t.size();
        if (s.f != null) {
            Arrays.fill(s.f, 0, n, (float) value);
        } else {
            Arrays.fill(s.d, 0, n, value);
        }
    }

    @Override
    protected void doCopy(Tensor src, Tensor dst) {
        CpuStorage from = s(src);
        CpuStorage to = s(dst);
        int n = src.size();
        if (from.f != null && to.f != null) {
            System.arraycopy(from.f, 0, to.f, 0, n);
        } else if (from.d != null && to.d != null) {
            System.arraycopy(from.d, 0, to.d, 0, n);
        } else if (from.f != null) {
            for (int i = 0; i < n; i++) {
                to.d[i] = from.f[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                to.f[i] = (float) from.d[i];
            }
        }
    }

    // ---------------------------------------------------------------- random

    @Override
    protected void doRandomUniform(Tensor out, double lo, double hi, long seed) {
        CpuStorage s = s(out);
        if (s.f != null) {
            FloatOps.randomUniform(s.f, out.size(), (float) lo, (float) hi, seed);
        } else {
            DoubleOps.randomUniform(s.d, out.size(), lo, hi, seed);
        }
    }

    @Override
    protected void doRandomNormal(Tensor out, double mean, double std, long seed) {
        CpuStorage s = s(out);
        if (s.f != null) {
            FloatOps.randomNormal(s.f, out.size(), (float) mean, (float) std, seed);
        } else {
            DoubleOps.randomNormal(s.d, out.size(), mean, std, seed);
        }
    }

    @Override
    protected void doDropoutMask(Tensor mask, double p, long seed) {
        CpuStorage s = s(mask);
        if (s.f != null) {
            FloatOps.dropoutMask(s.f, mask.size(), (float) p, seed);
        } else {
            DoubleOps.dropoutMask(s.d, mask.size(), p, seed);
        }
    }

    // ---------------------------------------------------------------- gemm

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c,
                          int m, int n, int k) {
        if (f32(a)) {
            ws().sgemm.sgemm(transA, transB, m, n, k, (float) alpha, s(a).f, s(b).f, (float) beta, s(c).f);
        } else {
            ws().dgemm.dgemm(transA, transB, m, n, k, alpha, s(a).d, s(b).d, beta, s(c).d);
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out, boolean rowBroadcast) {
        ws().elementwise.binary(op, s(a).f, s(a).d, s(b).f, s(b).d, s(out).f, s(out).d, a.size(), a.cols(),
                rowBroadcast);
    }

    @Override
    protected void doUnary(UnaryOp op, Tensor a, Tensor out) {
        ws().elementwise.unary(op, s(a).f, s(a).d, s(out).f, s(out).d, a.size());
    }

    @Override
    protected void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dout, Tensor dx) {
        ws().elementwise.unaryBackward(op, s(x).f, s(x).d, s(y).f, s(y).d, s(dout).f, s(dout).d, s(dx).f, s(dx).d,
                x.size());
    }

    @Override
    protected void doScaleShift(Tensor a, double scale, double shift, Tensor out) {
        if (f32(a)) {
            FloatOps.scaleShift(s(a).f, (float) scale, (float) shift, s(out).f, a.size());
        } else {
            DoubleOps.scaleShift(s(a).d, scale, shift, s(out).d, a.size());
        }
    }

    @Override
    protected void doLeakyRelu(Tensor x, double slope, Tensor out) {
        if (f32(x)) {
            FloatOps.leakyRelu(s(x).f, (float) slope, s(out).f, x.size());
        } else {
            DoubleOps.leakyRelu(s(x).d, slope, s(out).d, x.size());
        }
    }

    @Override
    protected void doLeakyReluBackward(Tensor x, double slope, Tensor dout, Tensor dx) {
        if (f32(x)) {
            FloatOps.leakyReluBackward(s(x).f, (float) slope, s(dout).f, s(dx).f, x.size());
        } else {
            DoubleOps.leakyReluBackward(s(x).d, slope, s(dout).d, s(dx).d, x.size());
        }
    }

    @Override
    protected void doAddRowsRelu(Tensor a, Tensor bias, Tensor out) {
        FloatLanes lanes = ws().lanes;
        if (lanes != null && f32(a) && a.size() < ElementwiseLoops.MIN_ELEMENTS) { // one pass on the caller
            lanes.addRowsRelu(s(a).f, s(bias).f, s(out).f, a.rows(), a.cols());
        } else { // larger ones: two passes, each on every core
            super.doAddRowsRelu(a, bias, out);
        }
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected void doReduce(ReduceOp op, Reduction over, Tensor a, Tensor out) {
        if (over == Reduction.PER_ROW) { // a convolution's bias gradient: long rows, worth all cores
            ws().elementwise.reduceRows(op, s(a).f, s(a).d, s(out).f, s(out).d, a.rows(), a.cols());
        } else if (f32(a)) {
            FloatLanes lanes = ws().lanes;
            if (lanes != null && over == Reduction.PER_COLUMN && op == ReduceOp.SUM) { // a Dense layer's bias gradient
                lanes.sumColumns(s(a).f, a.rows(), a.cols(), s(out).f);
            } else {
                FloatOps.reduce(op, over, s(a).f, a.rows(), a.cols(), s(out).f);
            }
        } else {
            DoubleOps.reduce(op, over, s(a).d, a.rows(), a.cols(), s(out).d);
        }
    }

    @Override
    protected double doDot(Tensor a, Tensor b) {
        return f32(a) ? FloatOps.dot(s(a).f, s(b).f, a.size()) : DoubleOps.dot(s(a).d, s(b).d, a.size());
    }

    @Override
    protected void doArgmaxRows(Tensor a, int[] out) {
        if (f32(a)) {
            FloatOps.argmaxRows(s(a).f, a.rows(), a.cols(), out);
        } else {
            DoubleOps.argmaxRows(s(a).d, a.rows(), a.cols(), out);
        }
    }

    // ---------------------------------------------------------------- softmax and losses

    @Override
    protected void doSoftmaxRows(Tensor a, Tensor out) {
        if (f32(a)) {
            FloatOps.softmaxRows(s(a).f, s(out).f, a.rows(), a.cols());
        } else {
            DoubleOps.softmaxRows(s(a).d, s(out).d, a.rows(), a.cols());
        }
    }

    @Override
    protected void doSoftmaxBackward(Tensor y, Tensor dout, Tensor dx) {
        if (f32(y)) {
            FloatOps.softmaxBackward(s(y).f, s(dout).f, s(dx).f, y.rows(), y.cols());
        } else {
            DoubleOps.softmaxBackward(s(y).d, s(dout).d, s(dx).d, y.rows(), y.cols());
        }
    }

    @Override
    protected double doSoftmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probs) {
        return f32(logits)
                ? FloatOps.softmaxCrossEntropy(s(logits).f, s(targets).f, s(probs).f, logits.rows(), logits.cols())
                : DoubleOps.softmaxCrossEntropy(s(logits).d, s(targets).d, s(probs).d, logits.rows(), logits.cols());
    }

    @Override
    protected double doSparseSoftmaxCrossEntropy(Tensor logits, Tensor labels, Tensor probs) {
        checkLabels(labels, logits.rows(), logits.cols());
        return f32(logits)
                ? FloatOps.sparseSoftmaxCrossEntropy(s(logits).f, s(labels).f, s(probs).f, logits.rows(),
                        logits.cols())
                : DoubleOps.sparseSoftmaxCrossEntropy(s(logits).d, s(labels).d, s(probs).d, logits.rows(),
                        logits.cols());
    }

    @Override
    protected void doSoftmaxCrossEntropyBackward(Tensor probs, Tensor targets, double scale, Tensor dx) {
        if (f32(probs)) {
            FloatOps.softmaxCrossEntropyBackward(s(probs).f, s(targets).f, (float) scale, s(dx).f, probs.size());
        } else {
            DoubleOps.softmaxCrossEntropyBackward(s(probs).d, s(targets).d, scale, s(dx).d, probs.size());
        }
    }

    @Override
    protected void doSparseSoftmaxCrossEntropyBackward(Tensor probs, Tensor labels, double scale, Tensor dx) {
        checkLabels(labels, probs.rows(), probs.cols());
        if (f32(probs)) {
            FloatOps.sparseSoftmaxCrossEntropyBackward(s(probs).f, s(labels).f, (float) scale, s(dx).f,
                    probs.rows(), probs.cols());
        } else {
            DoubleOps.sparseSoftmaxCrossEntropyBackward(s(probs).d, s(labels).d, scale, s(dx).d, probs.rows(),
                    probs.cols());
        }
    }

    private void checkLabels(Tensor labels, int rows, int classes) {
        CpuStorage l = s(labels);
        int bad = l.f != null ? FloatOps.firstBadLabel(l.f, rows, classes)
                : DoubleOps.firstBadLabel(l.d, rows, classes);
        if (bad >= 0) {
            throw labelError(bad, doGet(labels, bad), classes);
        }
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    protected void doIm2col(Tensor x, ConvGeometry g, Tensor cols) {
        ws().conv.im2col(s(x).f, s(x).d, g, s(cols).f, s(cols).d);
    }

    @Override
    protected void doCol2im(Tensor cols, ConvGeometry g, Tensor dx) {
        ws().conv.col2im(s(cols).f, s(cols).d, g, s(dx).f, s(dx).d);
    }

    @Override
    protected void doSwapOuterAxes(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        ws().conv.swapOuterAxes(s(a).f, s(a).d, outer, inner, block, bias == null ? null : s(bias).f,
                bias == null ? null : s(bias).d, s(out).f, s(out).d);
    }

    @Override
    protected void doSwapOuterAxesRelu(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        ws().conv.swapOuterAxesRelu(s(a).f, s(a).d, outer, inner, block, bias == null ? null : s(bias).f,
                bias == null ? null : s(bias).d, s(out).f, s(out).d);
    }

    @Override
    protected void doSwapOuterAxesReluBackward(Tensor dout, Tensor y, int outer, int inner, int block, Tensor out) {
        ws().conv.swapOuterAxesReluBackward(s(dout).f, s(dout).d, s(y).f, s(y).d, outer, inner, block, s(out).f,
                s(out).d);
    }

    @Override
    protected void doMaxPool2d(Tensor x, ConvGeometry g, Tensor out, Tensor argmax) {
        ws().conv.maxPool(s(x).f, s(x).d, g, s(out).f, s(out).d, s(argmax).f, s(argmax).d);
    }

    @Override
    protected void doMaxPool2dBackward(Tensor dout, Tensor argmax, ConvGeometry g, Tensor dx) {
        ws().conv.maxPoolBackward(s(dout).f, s(dout).d, s(argmax).f, s(argmax).d, g, s(dx).f, s(dx).d);
    }

    @Override
    protected void doAvgPool2d(Tensor x, ConvGeometry g, Tensor out) {
        ws().conv.avgPool(s(x).f, s(x).d, g, s(out).f, s(out).d);
    }

    @Override
    protected void doAvgPool2dBackward(Tensor dout, ConvGeometry g, Tensor dx) {
        ws().conv.avgPoolBackward(s(dout).f, s(dout).d, g, s(dx).f, s(dx).d);
    }

    // ---------------------------------------------------------------- batch normalisation

    @Override
    protected void doBatchNorm(Tensor x, int channels, Tensor gamma, Tensor beta, double eps, Tensor mean, Tensor var,
                               Tensor y) {
        ws().norm.forward(s(x), s(gamma), s(beta), s(mean), s(var), s(y), x.shape().dim(0), channels,
                normSpatial(x, channels), eps);
    }

    @Override
    protected void doBatchNormInference(Tensor x, int channels, Tensor gamma, Tensor beta, Tensor mean, Tensor var,
                                        double eps, Tensor y) {
        ws().norm.inference(s(x), s(gamma), s(beta), s(mean), s(var), s(y), x.shape().dim(0), channels,
                normSpatial(x, channels), eps);
    }

    @Override
    protected void doBatchNormBackward(Tensor x, int channels, Tensor gamma, Tensor mean, Tensor var, double eps,
                                       Tensor dy, Tensor dx, Tensor dgamma, Tensor dbeta) {
        ws().norm.backward(s(x), s(gamma), s(mean), s(var), s(dy), s(dx), s(dgamma), s(dbeta), x.shape().dim(0),
                channels, normSpatial(x, channels), eps);
    }

    // ---------------------------------------------------------------- data movement and optimizers

    @Override
    protected void doGatherRows(Tensor src, int[] rowIndices, Tensor out) {
        ws().elementwise.gatherRows(s(src).f, s(src).d, src.cols(), rowIndices, s(out).f, s(out).d);
    }

    @Override
    protected void doAxpy(double alpha, Tensor x, Tensor y) {
        if (f32(x)) {
            ws().loops.axpy((float) alpha, s(x).f, s(y).f, x.rows(), x.cols());
        } else {
            DoubleOps.axpy(alpha, s(x).d, s(y).d, 0, x.size());
        }
    }

    @Override
    protected void doMomentumStep(Tensor p, Tensor g, Tensor v, double lr, double mu, double wd) {
        if (f32(p)) {
            ws().loops.momentum(s(p).f, s(g).f, s(v).f, (float) lr, (float) mu, (float) wd, p.rows(), p.cols());
        } else {
            DoubleOps.momentumStep(s(p).d, s(g).d, s(v).d, lr, mu, wd, 0, p.size());
        }
    }

    @Override
    protected void doAdamStep(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2,
                              double epsilon, double weightDecay, long step) {
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        if (f32(p)) {
            ws().loops.adam(s(p).f, s(g).f, s(m).f, s(v).f, (float) lrT, (float) beta1, (float) (1 - beta1),
                    (float) beta2, (float) (1 - beta2), (float) epsilon, (float) weightDecay, p.rows(), p.cols());
        } else {
            DoubleOps.adamStep(s(p).d, s(g).d, s(m).d, s(v).d, lrT, beta1, 1 - beta1, beta2, 1 - beta2, epsilon,
                    weightDecay, 0, p.size());
        }
    }
}
