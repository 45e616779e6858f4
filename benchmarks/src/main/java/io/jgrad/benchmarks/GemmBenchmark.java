package io.jgrad.benchmarks;

import java.util.concurrent.TimeUnit;

import io.jgrad.backend.cpu.CpuBackend;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GEMM on the CPU backend for the shapes jgrad trains: square sizes, the MLP's products (x W1,
 * h W2, the transposed-A weight gradient, the batch-3 gradient) and the CNN recipe's im2col
 * products (conv2 forward W^T cols, weight gradient cols dY^T, input gradient W dY), in float32
 * and float64.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchmarkSupport.VECTOR, BenchmarkSupport.NO_OOB_CHECK})
public class GemmBenchmark {
    /** m x k x n, then 0, or 1 where A is passed transposed (op(A) = A^T), or 2 where B is. */
    @Param({"1024x1024x1024x0", "100x784x100x0", "100x100x10x0", "784x100x100x1", "3x784x50x0",
        "64x288x12544x1", "288x12544x64x2", "288x64x12544x0"})
    public String shape;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    private CpuBackend backend;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private boolean transA;
    private boolean transB;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        int m = Integer.parseInt(p[0]);
        int k = Integer.parseInt(p[1]);
        int n = Integer.parseInt(p[2]);
        transA = p[3].equals("1");
        transB = p[3].equals("2");
        backend = new CpuBackend();
        a = backend.randomNormal(transA ? Shape.of(k, m) : Shape.of(m, k), dtype, 0, 1, 1);
        b = backend.randomNormal(transB ? Shape.of(n, k) : Shape.of(k, n), dtype, 0, 1, 2);
        c = backend.zeros(Shape.of(m, n), dtype);
    }

    @Benchmark
    public Tensor gemm() {
        backend.gemm(transA, transB, 1, a, b, 0, c);
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
    }
}
