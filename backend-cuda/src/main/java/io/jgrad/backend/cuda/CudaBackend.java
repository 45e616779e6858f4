package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Storage;
import io.jgrad.core.tensor.Tensor;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;

/**
 * The GPU backend: tensors live in device memory from a caching allocator, GEMM is cuBLAS
 * (row-major via C^T = B^T A^T), everything else is jgrad's own kernels, all on the default stream.
 * Host copies happen only where the API asks for host data (reads, losses, argmax). Full float32
 * GEMM by default; {@code -Djgrad.cuda.tf32=true} opts into TF32 tensor cores.
 *
 * <p>Thread-safe: every op holds the backend's lock (one stream, shared scratch buffers, reused
 * kernel arguments) and makes the context current on the calling thread; the allocator has its
 * own lock, since tensors may be closed from any thread.
 */
public final class CudaBackend extends Backend {
    public static final String NAME = "cuda";
    public static final String TF32_PROPERTY = "jgrad.cuda.tf32";

    private final CudaRuntime rt;
    private final Kernels k;
    private final DeviceAllocator allocator = new DeviceAllocator();
    private final ThreadLocal<CUcontext> bound = new ThreadLocal<>();
    private final boolean tf32;
    private CudaStorage scratch;
    private CudaStorage indexBuffer;

    CudaBackend(CudaRuntime rt) {
        this.rt = rt;
        this.k = rt.kernels;
        this.tf32 = Boolean.getBoolean(TF32_PROPERTY);
        bind();
        Check.blas(JCublas2.cublasSetMathMode(rt.cublas, tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH
                : cublasMath.CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return rt.deviceName + ", compute " + rt.computeMajor + "." + rt.computeMinor + ", driver "
                + CudaRuntime.driverVersion(rt.driverVersion) + ", cuBLAS GEMM " + (tf32 ? "TF32" : "FP32");
    }

    /** Makes the backend's context current on the calling thread (once per thread). */
    private void bind() {
        if (bound.get() != rt.context) {
            Check.cu(JCudaDriver.cuCtxSetCurrent(rt.context), "cuCtxSetCurrent");
            bound.set(rt.context);
        }
    }

    private CUdeviceptr p(Tensor t) {
        bind();
        return ((CudaStorage) t.storage()).ptr;
    }

    private static int size(DType d) {
        return d.bytes();
    }

    @Override
    public synchronized void synchronize() {
        bind();
        Check.cu(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Bytes held by live tensors and by the allocator's cache. */
    public long[] memoryUse() {
        return new long[] {allocator.bytesInUse(), allocator.bytesCached()};
    }

    @Override
    public synchronized void close() {
        synchronize();
        allocator.close();
    }

    /** A device buffer of at least {@code bytes}, reused across calls. */
    private CUdeviceptr scratch(long bytes) {
        if (scratch == null || scratch.bytes < bytes) {
            if (scratch != null) {
                scratch.free();
            }
            scratch = new CudaStorage(allocator, Math.max(bytes, 4096));
        }
        return scratch.ptr;
    }

    private CUdeviceptr indices(int[] idx) {
        long bytes = 4L * Math.max(1, idx.length);
        if (indexBuffer == null || indexBuffer.bytes < bytes) {
            if (indexBuffer != null) {
                indexBuffer.free();
            }
            indexBuffer = new CudaStorage(allocator, Math.max(bytes, 4096));
        }
        Check.cu(JCudaDriver.cuMemcpyHtoD(indexBuffer.ptr, Pointer.to(idx), 4L * idx.length), "cuMemcpyHtoD(indices)");
        return indexBuffer.ptr;
    }

    // ---------------------------------------------------------------- memory

    @Override
    protected synchronized Storage allocate(DType dtype, int n) {
        bind();
        return new CudaStorage(allocator, (long) n * dtype.bytes());
    }

    @Override
    protected synchronized void doWrite(Tensor dst, float[] src) {
        Check.cu(JCudaDriver.cuMemcpyHtoD(p(dst), Pointer.to(src), 4L * src.length), "cuMemcpyHtoD");
    }

    @Override
    protected synchronized void doWrite(Tensor dst, double[] src) {
        Check.cu(JCudaDriver.cuMemcpyHtoD(p(dst), Pointer.to(src), 8L * src.length), "cuMemcpyHtoD");
    }

    @Override
    protected synchronized void doRead(Tensor src, float[] dst) {
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst), p(src), 4L * dst.length), "cuMemcpyDtoH");
    }

    @Override
    protected synchronized void doRead(Tensor src, double[] dst) {
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst), p(src), 8L * dst.length), "cuMemcpyDtoH");
    }

    @Override
    protected synchronized double doGet(Tensor t, int index) {
        long off = (long) index * size(t.dtype());
        if (t.dtype() == DType.FLOAT32) {
            float[] v = new float[1];
            Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(v), p(t).withByteOffset(off), 4), "cuMemcpyDtoH(element)");
            return v[0];
        }
        double[] v = new double[1];
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(v), p(t).withByteOffset(off), 8), "cuMemcpyDtoH(element)");
        return v[0];
    }

    @Override
    protected synchronized void doSet(Tensor t, int index, double value) {
        long off = (long) index * size(t.dtype());
        Pointer src = t.dtype() == DType.FLOAT32 ? Pointer.to(new float[] {(float) value})
                : Pointer.to(new double[] {value});
        Check.cu(JCudaDriver.cuMemcpyHtoD(p(t).withByteOffset(off), src, size(t.dtype())), "cuMemcpyHtoD(element)");
    }

    @Override
    protected synchronized void doFill(Tensor t, double value) {
        long n = t.size();
        k.launch(k.get("fill", t.dtype()), "fill", Kernels.blocks(n), 256, p(t), n, value);
    }

    @Override
    protected synchronized void doCopy(Tensor src, Tensor dst) {
        long n = src.size();
        if (src.dtype() == dst.dtype()) {
            Check.cu(JCudaDriver.cuMemcpyDtoD(p(dst), p(src), n * size(src.dtype())), "cuMemcpyDtoD");
        } else {
            String name = src.dtype() == DType.FLOAT32 ? "convert_f32_to_f64" : "convert_f64_to_f32";
            k.launch(k.get(name), name, Kernels.blocks(n), 256, p(src), p(dst), n);
        }
    }

    // ---------------------------------------------------------------- random

    @Override
    protected synchronized void doRandomUniform(Tensor out, double lo, double hi, long seed) {
        long n = out.size();
        k.launch(k.get("random_uniform", out.dtype()), "random_uniform", Kernels.blocks(n), 256, p(out), n, lo, hi, seed);
    }

    @Override
    protected synchronized void doRandomNormal(Tensor out, double mean, double std, long seed) {
        long n = out.size();
        k.launch(k.get("random_normal", out.dtype()), "random_normal", Kernels.blocks(n), 256, p(out), n, mean, std,
                seed);
    }

    @Override
    protected synchronized void doDropoutMask(Tensor mask, double prob, long seed) {
        long n = mask.size();
        k.launch(k.get("dropout_mask", mask.dtype()), "dropout_mask", Kernels.blocks(n), 256, p(mask), n, prob, seed);
    }

    // ---------------------------------------------------------------- gemm

    @Override
    protected synchronized void doGemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c,
                          int m, int n, int kk) {
        // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: swap the operands.
        int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int lda = transA ? m : kk;
        int ldb = transB ? kk : n;
        if (a.dtype() == DType.FLOAT32) {
            Check.blas(JCublas2.cublasSgemm(rt.cublas, opB, opA, n, m, kk, Pointer.to(new float[] {(float) alpha}),
                    p(b), ldb, p(a), lda, Pointer.to(new float[] {(float) beta}), p(c), n), "cublasSgemm");
        } else {
            Check.blas(JCublas2.cublasDgemm(rt.cublas, opB, opA, n, m, kk, Pointer.to(new double[] {alpha}),
                    p(b), ldb, p(a), lda, Pointer.to(new double[] {beta}), p(c), n), "cublasDgemm");
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected synchronized void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out, boolean rowBroadcast) {
        long n = a.size();
        k.launch(k.get("binary", a.dtype()), "binary", Kernels.blocks(n), 256, op.ordinal(), p(a), p(b), p(out), n,
                a.cols(), rowBroadcast ? 1 : 0);
    }

    @Override
    protected synchronized void doUnary(UnaryOp op, Tensor a, Tensor out) {
        long n = a.size();
        k.launch(k.get("unary", a.dtype()), "unary", Kernels.blocks(n), 256, op.ordinal(), p(a), p(out), n);
    }

    @Override
    protected synchronized void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dout, Tensor dx) {
        long n = x.size();
        k.launch(k.get("unary_backward", x.dtype()), "unary_backward", Kernels.blocks(n), 256, op.ordinal(), p(x),
                p(y), p(dout), p(dx), n);
    }

    @Override
    protected synchronized void doScaleShift(Tensor a, double scale, double shift, Tensor out) {
        long n = a.size();
        k.launch(k.get("scale_shift", a.dtype()), "scale_shift", Kernels.blocks(n), 256, p(a), scale, shift, p(out), n);
    }

    @Override
    protected synchronized void doLeakyRelu(Tensor x, double slope, Tensor out) {
        long n = x.size();
        k.launch(k.get("leaky_relu", x.dtype()), "leaky_relu", Kernels.blocks(n), 256, p(x), slope, p(out), n);
    }

    @Override
    protected synchronized void doLeakyReluBackward(Tensor x, double slope, Tensor dout, Tensor dx) {
        long n = x.size();
        k.launch(k.get("leaky_relu_backward", x.dtype()), "leaky_relu_backward", Kernels.blocks(n), 256, p(x), slope,
                p(dout), p(dx), n);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected synchronized void doReduce(ReduceOp op, Reduction over, Tensor a, Tensor out) {
        int rows = a.rows();
        int cols = a.cols();
        switch (over) {
            case PER_COLUMN -> k.launch(k.get("reduce_cols", a.dtype()), "reduce_cols", Kernels.blocks(cols), 256,
                    op.ordinal(), p(a), p(out), rows, cols);
            case PER_ROW -> k.launch(k.get("reduce_rows", a.dtype()), "reduce_rows", Math.min(rows, 65535),
                    rowThreads(cols), op.ordinal(), p(a), p(out), rows, (long) cols);
            default -> k.launch(k.get("reduce_rows", a.dtype()), "reduce_rows", 1, 1024, op.ordinal(), p(a), p(out), 1,
                    (long) a.size());
        }
    }

    /** Threads per row-block: a multiple of 32 (the warp reductions need whole warps). */
    private static int rowThreads(int cols) {
        return cols <= 64 ? 64 : cols <= 128 ? 128 : 256;
    }

    @Override
    protected synchronized double doDot(Tensor a, Tensor b) {
        long n = a.size();
        int blocks = Math.min(Kernels.blocks(n), 1024);
        CUdeviceptr partial = scratch(8L * blocks);
        k.launch(k.get("dot", a.dtype()), "dot", blocks, 256, p(a), p(b), partial, n);
        double[] host = new double[blocks];
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(host), partial, 8L * blocks), "cuMemcpyDtoH(dot)");
        double s = 0;
        for (double v : host) {
            s += v;
        }
        return s;
    }

    @Override
    protected synchronized void doArgmaxRows(Tensor a, int[] out) {
        CUdeviceptr idx = scratch(4L * out.length);
        k.launch(k.get("argmax_rows", a.dtype()), "argmax_rows", Kernels.blocks(a.rows()), 256, p(a), idx, a.rows(),
                a.cols());
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), idx, 4L * out.length), "cuMemcpyDtoH(argmax)");
    }

    // ---------------------------------------------------------------- softmax and losses

    @Override
    protected synchronized void doSoftmaxRows(Tensor a, Tensor out) {
        k.launch(k.get("softmax_rows", a.dtype()), "softmax_rows", Math.min(a.rows(), 65535), rowThreads(a.cols()),
                p(a), p(out), a.rows(), a.cols());
    }

    @Override
    protected synchronized void doSoftmaxBackward(Tensor y, Tensor dout, Tensor dx) {
        k.launch(k.get("softmax_backward", y.dtype()), "softmax_backward", Math.min(y.rows(), 65535),
                rowThreads(y.cols()), p(y), p(dout), p(dx), y.rows(), y.cols());
    }

    /** Scratch layout for the losses: [double total][int bad] = 16 bytes, reset before each launch. */
    private CUdeviceptr lossScratch() {
        CUdeviceptr s = scratch(16);
        Check.cu(JCudaDriver.cuMemsetD32(s, 0, 2), "cuMemsetD32(loss)");
        Check.cu(JCudaDriver.cuMemsetD32(s.withByteOffset(8), Integer.MAX_VALUE, 1), "cuMemsetD32(bad)");
        return s;
    }

    /** Reads [total, bad] back; throws the shared label error for a bad label. */
    private double finishLoss(CUdeviceptr s, Tensor labels, int rows, int classes) {
        byte[] raw = new byte[16];
        Check.cu(JCudaDriver.cuMemcpyDtoH(Pointer.to(raw), s, 16), "cuMemcpyDtoH(loss)");
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double total = bb.getDouble(0);
        int bad = bb.getInt(8);
        if (labels != null && bad != Integer.MAX_VALUE) {
            throw labelError(bad, doGet(labels, bad), classes);
        }
        return total / rows;
    }

    @Override
    protected synchronized double doSoftmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probs) {
        CUdeviceptr s = lossScratch();
        k.launch(k.get("softmax_xent", logits.dtype()), "softmax_xent", Math.min(logits.rows(), 65535),
                rowThreads(logits.cols()), p(logits), p(targets), p(probs), s, logits.rows(), logits.cols());
        return finishLoss(s, null, logits.rows(), logits.cols());
    }

    @Override
    protected synchronized double doSparseSoftmaxCrossEntropy(Tensor logits, Tensor labels, Tensor probs) {
        CUdeviceptr s = lossScratch();
        k.launch(k.get("sparse_softmax_xent", logits.dtype()), "sparse_softmax_xent", Math.min(logits.rows(), 65535),
                rowThreads(logits.cols()), p(logits), p(labels), p(probs), s, s.withByteOffset(8), logits.rows(),
                logits.cols());
        return finishLoss(s, labels, logits.rows(), logits.cols());
    }

    @Override
    protected synchronized void doSoftmaxCrossEntropyBackward(Tensor probs, Tensor targets, double scale, Tensor dx) {
        long n = probs.size();
        k.launch(k.get("xent_backward", probs.dtype()), "xent_backward", Kernels.blocks(n), 256, p(probs), p(targets),
                scale, p(dx), n);
    }

    @Override
    protected synchronized void doSparseSoftmaxCrossEntropyBackward(Tensor probs, Tensor labels, double scale, Tensor dx) {
        CUdeviceptr s = lossScratch();
        long n = probs.size();
        k.launch(k.get("sparse_xent_backward", probs.dtype()), "sparse_xent_backward", Kernels.blocks(n), 256,
                p(probs), p(labels), scale, p(dx), probs.rows(), probs.cols(), s.withByteOffset(8));
        finishLoss(s, labels, probs.rows(), probs.cols());
    }

    // ---------------------------------------------------------------- data movement and optimizers

    @Override
    protected synchronized void doGatherRows(Tensor src, int[] rowIndices, Tensor out) {
        CUdeviceptr idx = indices(rowIndices);
        long n = (long) out.rows() * out.cols();
        k.launch(k.get("gather_rows", src.dtype()), "gather_rows", Kernels.blocks(n), 256, p(src), idx, p(out),
                out.rows(), out.cols());
    }

    @Override
    protected synchronized void doAxpy(double alpha, Tensor x, Tensor y) {
        long n = x.size();
        k.launch(k.get("axpy", x.dtype()), "axpy", Kernels.blocks(n), 256, alpha, p(x), p(y), n);
    }

    @Override
    protected synchronized void doMomentumStep(Tensor param, Tensor grad, Tensor velocity, double lr, double momentum,
                                  double weightDecay) {
        long n = param.size();
        k.launch(k.get("momentum", param.dtype()), "momentum", Kernels.blocks(n), 256, p(param), p(grad), p(velocity),
                lr, momentum, weightDecay, n);
    }

    @Override
    protected synchronized void doAdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                              double epsilon, double weightDecay, long step) {
        long n = param.size();
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        k.launch(k.get("adam", param.dtype()), "adam", Kernels.blocks(n), 256, p(param), p(grad), p(m), p(v), lrT,
                beta1, beta2, epsilon, weightDecay, n);
    }
}
