package io.jgrad.backend.cuda;

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
    /** {@code scratch + 8}, where the losses' bad-label index lives; made when scratch is. */
    private CUdeviceptr scratchAt8;
    // Host buffers the step reads back into, with their pointers: made once, no garbage per step.
    private final byte[] lossHost = new byte[16];
    private final Pointer lossHostP = Pointer.to(lossHost);
    private final java.nio.ByteBuffer lossView = java.nio.ByteBuffer.wrap(lossHost)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    private final double[] dotHost = new double[1024];
    private final Pointer dotHostP = Pointer.to(dotHost);
    // the trainer's sampler reuses its index array, and callers that predict every step their output array
    private final HostArrayPointer indicesP = new HostArrayPointer();
    private final HostArrayPointer argmaxP = new HostArrayPointer();
    // GEMM scalars: host holders and their pointers, made once (used under the backend's lock).
    private final float[] alphaF = new float[1];
    private final float[] betaF = new float[1];
    private final double[] alphaD = new double[1];
    private final double[] betaD = new double[1];
    private final Pointer alphaFP = Pointer.to(alphaF);
    private final Pointer betaFP = Pointer.to(betaF);
    private final Pointer alphaDP = Pointer.to(alphaD);
    private final Pointer betaDP = Pointer.to(betaD);
    private CudaStorage indexBuffer;

    CudaBackend(CudaRuntime rt) {
        this.rt = rt;
        this.k = rt.kernels;
        this.tf32 = Settings.booleanProperty(TF32_PROPERTY, false);
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
            scratchAt8 = scratch.ptr.withByteOffset(8);
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
        Check.cu(JCudaDriver.cuMemcpyHtoD(indexBuffer.ptr, indicesP.of(idx), 4L * idx.length), "cuMemcpyHtoD(indices)");
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
        k.launch(Kernel.FILL, t.dtype()).ptr(p(t)).i64(n).f64(value).run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doCopy(Tensor src, Tensor dst) {
        long n = src.size();
        if (src.dtype() == dst.dtype()) {
            Check.cu(JCudaDriver.cuMemcpyDtoD(p(dst), p(src), n * size(src.dtype())), "cuMemcpyDtoD");
        } else {
            Kernel convert = src.dtype() == DType.FLOAT32 ? Kernel.CONVERT_F32_TO_F64 : Kernel.CONVERT_F64_TO_F32;
            k.launch(convert, src.dtype()).ptr(p(src)).ptr(p(dst)).i64(n).run(Kernels.blocks(n), 256);
        }
    }

    // ---------------------------------------------------------------- random

    @Override
    protected synchronized void doRandomUniform(Tensor out, double lo, double hi, long seed) {
        long n = out.size();
        k.launch(Kernel.RANDOM_UNIFORM, out.dtype())
                .ptr(p(out)).i64(n).f64(lo).f64(hi).i64(seed)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doRandomNormal(Tensor out, double mean, double std, long seed) {
        long n = out.size();
        k.launch(Kernel.RANDOM_NORMAL, out.dtype())
                .ptr(p(out)).i64(n).f64(mean).f64(std).i64(seed)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doDropoutMask(Tensor mask, double prob, long seed) {
        long n = mask.size();
        k.launch(Kernel.DROPOUT_MASK, mask.dtype()).ptr(p(mask)).i64(n).f64(prob).i64(seed).run(Kernels.blocks(n), 256);
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
            alphaF[0] = (float) alpha;
            betaF[0] = (float) beta;
            Check.blas(JCublas2.cublasSgemm(rt.cublas, opB, opA, n, m, kk, alphaFP, p(b), ldb, p(a), lda, betaFP,
                    p(c), n), "cublasSgemm");
        } else {
            alphaD[0] = alpha;
            betaD[0] = beta;
            Check.blas(JCublas2.cublasDgemm(rt.cublas, opB, opA, n, m, kk, alphaDP, p(b), ldb, p(a), lda, betaDP,
                    p(c), n), "cublasDgemm");
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected synchronized void doBinary(BinaryOp op, Tensor a, Tensor b, Tensor out, boolean rowBroadcast) {
        long n = a.size();
        k.launch(Kernel.BINARY, a.dtype())
                .i32(op.ordinal()).ptr(p(a)).ptr(p(b)).ptr(p(out)).i64(n).i32(a.cols()).i32(rowBroadcast ? 1 : 0)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doUnary(UnaryOp op, Tensor a, Tensor out) {
        long n = a.size();
        k.launch(Kernel.UNARY, a.dtype()).i32(op.ordinal()).ptr(p(a)).ptr(p(out)).i64(n).run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doUnaryBackward(UnaryOp op, Tensor x, Tensor y, Tensor dout, Tensor dx) {
        long n = x.size();
        k.launch(Kernel.UNARY_BACKWARD, x.dtype())
                .i32(op.ordinal()).ptr(p(x)).ptr(p(y)).ptr(p(dout)).ptr(p(dx)).i64(n)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doScaleShift(Tensor a, double scale, double shift, Tensor out) {
        long n = a.size();
        k.launch(Kernel.SCALE_SHIFT, a.dtype())
                .ptr(p(a)).f64(scale).f64(shift).ptr(p(out)).i64(n)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doLeakyRelu(Tensor x, double slope, Tensor out) {
        long n = x.size();
        k.launch(Kernel.LEAKY_RELU, x.dtype()).ptr(p(x)).f64(slope).ptr(p(out)).i64(n).run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doLeakyReluBackward(Tensor x, double slope, Tensor dout, Tensor dx) {
        long n = x.size();
        k.launch(Kernel.LEAKY_RELU_BACKWARD, x.dtype())
                .ptr(p(x)).f64(slope).ptr(p(dout)).ptr(p(dx)).i64(n)
                .run(Kernels.blocks(n), 256);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected synchronized void doReduce(ReduceOp op, Reduction over, Tensor a, Tensor out) {
        int rows = a.rows();
        int cols = a.cols();
        switch (over) {
            case PER_COLUMN -> k.launch(Kernel.REDUCE_COLS, a.dtype())
                    .i32(op.ordinal()).ptr(p(a)).ptr(p(out)).i32(rows).i32(cols)
                    .run(Kernels.blocks(cols), 256);
            case PER_ROW -> k.launch(Kernel.REDUCE_ROWS, a.dtype())
                    .i32(op.ordinal()).ptr(p(a)).ptr(p(out)).i32(rows).i64((long) cols)
                    .run(Math.min(rows, 65535), rowThreads(cols));
            default -> k.launch(Kernel.REDUCE_ROWS, a.dtype())
                    .i32(op.ordinal()).ptr(p(a)).ptr(p(out)).i32(1).i64((long) a.size())
                    .run(1, 1024);
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
        k.launch(Kernel.DOT, a.dtype()).ptr(p(a)).ptr(p(b)).ptr(partial).i64(n).run(blocks, 256);
        Check.cu(JCudaDriver.cuMemcpyDtoH(dotHostP, partial, 8L * blocks), "cuMemcpyDtoH(dot)");
        double s = 0;
        for (int i = 0; i < blocks; i++) {
            s += dotHost[i];
        }
        return s;
    }

    @Override
    protected synchronized void doArgmaxRows(Tensor a, int[] out) {
        CUdeviceptr idx = scratch(4L * out.length);
        k.launch(Kernel.ARGMAX_ROWS, a.dtype())
                .ptr(p(a)).ptr(idx).i32(a.rows()).i32(a.cols())
                .run(Kernels.blocks(a.rows()), 256);
        Check.cu(JCudaDriver.cuMemcpyDtoH(argmaxP.of(out), idx, 4L * out.length), "cuMemcpyDtoH(argmax)");
    }

    // ---------------------------------------------------------------- softmax and losses

    @Override
    protected synchronized void doSoftmaxRows(Tensor a, Tensor out) {
        k.launch(Kernel.SOFTMAX_ROWS, a.dtype())
                .ptr(p(a)).ptr(p(out)).i32(a.rows()).i32(a.cols())
                .run(Math.min(a.rows(), 65535), rowThreads(a.cols()));
    }

    @Override
    protected synchronized void doSoftmaxBackward(Tensor y, Tensor dout, Tensor dx) {
        k.launch(Kernel.SOFTMAX_BACKWARD, y.dtype())
                .ptr(p(y)).ptr(p(dout)).ptr(p(dx)).i32(y.rows()).i32(y.cols())
                .run(Math.min(y.rows(), 65535), rowThreads(y.cols()));
    }

    /** Scratch layout for the losses: [double total][int bad] = 16 bytes, reset before each launch. */
    private CUdeviceptr lossScratch() {
        CUdeviceptr s = scratch(16);
        Check.cu(JCudaDriver.cuMemsetD32(s, 0, 2), "cuMemsetD32(loss)");
        Check.cu(JCudaDriver.cuMemsetD32(scratchAt8, Integer.MAX_VALUE, 1), "cuMemsetD32(bad)");
        return s;
    }

    /** Reads [total, bad] back; throws the shared label error for a bad label. */
    private double finishLoss(CUdeviceptr s, Tensor labels, int rows, int classes) {
        Check.cu(JCudaDriver.cuMemcpyDtoH(lossHostP, s, 16), "cuMemcpyDtoH(loss)");
        double total = lossView.getDouble(0);
        int bad = lossView.getInt(8);
        if (labels != null && bad != Integer.MAX_VALUE) {
            throw labelError(bad, doGet(labels, bad), classes);
        }
        return total / rows;
    }

    @Override
    protected synchronized double doSoftmaxCrossEntropy(Tensor logits, Tensor targets, Tensor probs) {
        CUdeviceptr s = lossScratch();
        k.launch(Kernel.SOFTMAX_XENT, logits.dtype())
                .ptr(p(logits)).ptr(p(targets)).ptr(p(probs)).ptr(s).i32(logits.rows()).i32(logits.cols())
                .run(Math.min(logits.rows(), 65535), rowThreads(logits.cols()));
        return finishLoss(s, null, logits.rows(), logits.cols());
    }

    @Override
    protected synchronized double doSparseSoftmaxCrossEntropy(Tensor logits, Tensor labels, Tensor probs) {
        CUdeviceptr s = lossScratch();
        k.launch(Kernel.SPARSE_SOFTMAX_XENT, logits.dtype())
                .ptr(p(logits)).ptr(p(labels)).ptr(p(probs)).ptr(s).ptr(scratchAt8).i32(logits.rows())
                .i32(logits.cols())
                .run(Math.min(logits.rows(), 65535), rowThreads(logits.cols()));
        return finishLoss(s, labels, logits.rows(), logits.cols());
    }

    @Override
    protected synchronized void doSoftmaxCrossEntropyBackward(Tensor probs, Tensor targets, double scale, Tensor dx) {
        long n = probs.size();
        k.launch(Kernel.XENT_BACKWARD, probs.dtype())
                .ptr(p(probs)).ptr(p(targets)).f64(scale).ptr(p(dx)).i64(n)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doSparseSoftmaxCrossEntropyBackward(Tensor probs, Tensor labels, double scale, Tensor dx) {
        CUdeviceptr s = lossScratch();
        long n = probs.size();
        k.launch(Kernel.SPARSE_XENT_BACKWARD, probs.dtype())
                .ptr(p(probs)).ptr(p(labels)).f64(scale).ptr(p(dx)).i32(probs.rows()).i32(probs.cols())
                .ptr(scratchAt8)
                .run(Kernels.blocks(n), 256);
        finishLoss(s, labels, probs.rows(), probs.cols());
    }

    // ---------------------------------------------------------------- data movement and optimizers

    @Override
    protected synchronized void doGatherRows(Tensor src, int[] rowIndices, Tensor out) {
        CUdeviceptr idx = indices(rowIndices);
        long n = (long) out.rows() * out.cols();
        k.launch(Kernel.GATHER_ROWS, src.dtype())
                .ptr(p(src)).ptr(idx).ptr(p(out)).i32(out.rows()).i32(out.cols())
                .run(Kernels.blocks(n), 256);
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    protected synchronized void doIm2col(Tensor x, ConvGeometry g, Tensor cols) {
        long n = (long) g.colRows() * g.colCols();
        k.launch(Kernel.IM2COL, x.dtype()).ptr(p(x)).ptr(p(cols)).geometry(g).run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doCol2im(Tensor cols, ConvGeometry g, Tensor dx) {
        k.launch(Kernel.COL2IM, cols.dtype()).ptr(p(cols)).ptr(p(dx)).geometry(g)
                .run(Kernels.blocks(g.inputSize()), 256);
    }

    @Override
    protected synchronized void doSwapOuterAxes(Tensor a, int outer, int inner, int block, Tensor bias, Tensor out) {
        // Without a bias the kernel reads no bias: a stands in for the pointer.
        k.launch(Kernel.SWAP_OUTER_AXES, a.dtype()).ptr(p(a)).ptr(p(bias == null ? a : bias)).ptr(p(out))
                .i32(outer).i32(inner).i32(block).i32(bias == null ? 0 : 1)
                .run(Kernels.blocks((long) outer * inner * block), 256);
    }

    @Override
    protected synchronized void doMaxPool2d(Tensor x, ConvGeometry g, Tensor out, Tensor argmax) {
        k.launch(Kernel.MAX_POOL, x.dtype()).ptr(p(x)).ptr(p(out)).ptr(p(argmax)).geometry(g)
                .run(Kernels.blocks(g.outputSize()), 256);
    }

    @Override
    protected synchronized void doMaxPool2dBackward(Tensor dout, Tensor argmax, ConvGeometry g, Tensor dx) {
        k.launch(Kernel.MAX_POOL_BACKWARD, dout.dtype()).ptr(p(dout)).ptr(p(argmax)).ptr(p(dx)).geometry(g)
                .run(Kernels.blocks(g.inputSize()), 256);
    }

    @Override
    protected synchronized void doAvgPool2d(Tensor x, ConvGeometry g, Tensor out) {
        k.launch(Kernel.AVG_POOL, x.dtype()).ptr(p(x)).ptr(p(out)).geometry(g)
                .run(Kernels.blocks(g.outputSize()), 256);
    }

    @Override
    protected synchronized void doAvgPool2dBackward(Tensor dout, ConvGeometry g, Tensor dx) {
        k.launch(Kernel.AVG_POOL_BACKWARD, dout.dtype()).ptr(p(dout)).ptr(p(dx)).geometry(g)
                .run(Kernels.blocks(g.inputSize()), 256);
    }

    // ---------------------------------------------------------------- batch normalisation

    @Override
    protected synchronized void doBatchNorm(Tensor x, int channels, Tensor gamma, Tensor beta, double eps,
                                            Tensor mean, Tensor var, Tensor y) {
        k.launch(Kernel.BATCH_NORM, x.dtype()).ptr(p(x)).ptr(p(gamma)).ptr(p(beta)).ptr(p(mean)).ptr(p(var)).ptr(p(y))
                .i32(x.shape().dim(0)).i32(channels).i32(normSpatial(x, channels)).f64(eps)
                .run(Math.min(channels, 65535), 256);
    }

    @Override
    protected synchronized void doBatchNormInference(Tensor x, int channels, Tensor gamma, Tensor beta, Tensor mean,
                                                     Tensor var, double eps, Tensor y) {
        k.launch(Kernel.BATCH_NORM_INFERENCE, x.dtype()).ptr(p(x)).ptr(p(gamma)).ptr(p(beta)).ptr(p(mean))
                .ptr(p(var)).ptr(p(y)).i32(x.shape().dim(0)).i32(channels).i32(normSpatial(x, channels)).f64(eps)
                .run(Kernels.blocks(x.size()), 256);
    }

    @Override
    protected synchronized void doBatchNormBackward(Tensor x, int channels, Tensor gamma, Tensor mean, Tensor var,
                                                    double eps, Tensor dy, Tensor dx, Tensor dgamma, Tensor dbeta) {
        k.launch(Kernel.BATCH_NORM_BACKWARD, x.dtype()).ptr(p(x)).ptr(p(gamma)).ptr(p(mean)).ptr(p(var)).ptr(p(dy))
                .ptr(p(dx)).ptr(p(dgamma)).ptr(p(dbeta)).i32(x.shape().dim(0)).i32(channels)
                .i32(normSpatial(x, channels)).f64(eps)
                .run(Math.min(channels, 65535), 256);
    }

    @Override
    protected synchronized void doAxpy(double alpha, Tensor x, Tensor y) {
        long n = x.size();
        k.launch(Kernel.AXPY, x.dtype()).f64(alpha).ptr(p(x)).ptr(p(y)).i64(n).run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doMomentumStep(Tensor param, Tensor grad, Tensor velocity, double lr, double momentum,
                                  double weightDecay) {
        long n = param.size();
        k.launch(Kernel.MOMENTUM, param.dtype())
                .ptr(p(param)).ptr(p(grad)).ptr(p(velocity)).f64(lr).f64(momentum).f64(weightDecay).i64(n)
                .run(Kernels.blocks(n), 256);
    }

    @Override
    protected synchronized void doAdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                              double epsilon, double weightDecay, long step) {
        long n = param.size();
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        k.launch(Kernel.ADAM, param.dtype())
                .ptr(p(param)).ptr(p(grad)).ptr(p(m)).ptr(p(v)).f64(lrT).f64(beta1).f64(beta2).f64(epsilon)
                .f64(weightDecay).i64(n)
                .run(Kernels.blocks(n), 256);
    }
}
