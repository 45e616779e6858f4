package io.jgrad.benchmarks;

import java.util.concurrent.TimeUnit;

import io.jgrad.backend.cpu.CpuBackend;
import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bound ops around the GEMMs, on the CNN recipe's tensors at batch 64 (conv2: 32 x 14 x
 * 14 in, 64 filters), the MLP's hidden layer around its products (100 x 100: bias and ReLU, apart and
 * fused forward), and the optimizer updates on a 784 x 100 weight, float32.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkSupport.VECTOR, BenchmarkSupport.NO_OOB_CHECK})
public class OpsBenchmark {
    private final ConvGeometry conv2 = new ConvGeometry(64, 32, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1);
    private final ConvGeometry pool1 = ConvGeometry.of(64, 32, 28, 28, 2, 2, 0);
    private CpuBackend backend;
    private Tensor image;
    private Tensor cols;
    private Tensor back;
    private Tensor rows;
    private Tensor nchw;
    private Tensor map;
    private Tensor mapGrad;
    private Tensor pooled;
    private Tensor argmax;
    private Tensor p;
    private Tensor g;
    private Tensor m;
    private Tensor v;
    private Tensor hidden;
    private Tensor hiddenBias;
    private Tensor hiddenGrad;
    private Tensor hiddenOut;
    private Tensor biasGrad;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend();
        DType f = DType.FLOAT32;
        image = backend.randomNormal(Shape.of(64, 32, 14, 14), f, 0, 1, 1);
        cols = backend.zeros(Shape.of(conv2.colRows(), conv2.colCols()), f);
        back = backend.zeros(image.shape(), f);
        rows = backend.randomNormal(Shape.of(64, 64 * 196), f, 0, 1, 2);
        nchw = backend.zeros(Shape.of(64, 64, 14, 14), f);
        map = backend.randomNormal(Shape.of(64, 32, 28, 28), f, 0, 1, 3);
        mapGrad = backend.zeros(map.shape(), f);
        pooled = backend.zeros(Shape.of(64, 32, 14, 14), f);
        argmax = backend.zeros(pooled.shape(), f);
        p = backend.randomNormal(Shape.of(784, 100), f, 0, 1, 4);
        g = backend.randomNormal(p.shape(), f, 0, 1, 5);
        m = backend.zeros(p.shape(), f);
        v = backend.zeros(p.shape(), f);
        hidden = backend.randomNormal(Shape.of(100, 100), f, 0, 1, 6);
        hiddenBias = backend.randomNormal(Shape.of(100), f, 0, 1, 7);
        hiddenGrad = backend.randomNormal(hidden.shape(), f, 0, 1, 8);
        hiddenOut = backend.zeros(hidden.shape(), f);
        biasGrad = backend.zeros(hiddenBias.shape(), f);
    }

    @Benchmark
    public Tensor im2colConv2() {
        backend.im2col(image, conv2, cols);
        return cols;
    }

    @Benchmark
    public Tensor col2imConv2() {
        backend.col2im(cols, conv2, back);
        return back;
    }

    @Benchmark
    public Tensor filtersFirstToNchw() {
        backend.swapOuterAxes(rows, 64, 64, 196, null, nchw);
        return nchw;
    }

    @Benchmark
    public Tensor maxPool2x2() {
        backend.maxPool2d(map, pool1, pooled, argmax);
        return pooled;
    }

    @Benchmark
    public Tensor reluBackward() {
        backend.unaryBackward(UnaryOp.RELU, map, map, map, mapGrad);
        return mapGrad;
    }

    /** The MLP's hidden layer forward after its product, as two ops: bias add, then ReLU. */
    @Benchmark
    public Tensor denseBiasThenRelu() {
        backend.add(hidden, hiddenBias, hiddenOut);
        backend.unary(UnaryOp.RELU, hiddenOut, hiddenOut);
        return hiddenOut;
    }

    /** The same fused, as a Sequential runs Dense + ReLU. */
    @Benchmark
    public Tensor denseBiasRelu() {
        backend.addRowsRelu(hidden, hiddenBias, hiddenOut);
        return hiddenOut;
    }

    /** The hidden layer's backward before its products: ReLU's gradient, then the bias gradient (fused or not). */
    @Benchmark
    public Tensor denseReluGradientThenBiasGradient() {
        backend.unaryBackward(UnaryOp.RELU, hidden, hidden, hiddenGrad, hiddenOut);
        backend.reduce(ReduceOp.SUM, Reduction.PER_COLUMN, hiddenOut, biasGrad);
        return biasGrad;
    }

    @Benchmark
    public Tensor adamStep() {
        backend.adamStep(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 0, 10);
        return p;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {image, cols, back, rows, nchw, map, mapGrad, pooled, argmax, p, g, m, v, hidden,
            hiddenBias, hiddenGrad, hiddenOut, biasGrad}) {
            t.close();
        }
    }
}
