package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.jgrad.core.backend.UnaryOp;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The report this module once failed: an app shares one CPU backend between 2 threads and runs
 * 1600 GEMMs (each GEMM path: a batch of 3 read in place, packed column and row splits, a depth
 * split) plus 1600 elementwise ops per thread; every result must equal the serial one, with no
 * exception. float32 covers the Vector API path (or EJML in the scalar execution), float64 EJML.
 */
class SharedBackendStressTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static final int[][] SHAPES = {{3, 784, 40}, {64, 300, 64}, {300, 64, 64}, {10, 1024, 10}};
    private static final int CALLS = 1600;

    @ParameterizedTest
    @EnumSource(DType.class)
    void twoThreadsGetSerialResultsOnEveryGemmPath(DType dtype) throws Exception {
        try (TensorScope scope = new TensorScope()) {
            List<List<Tensor>> inputs = new ArrayList<>();
            List<double[][]> expected = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                List<Tensor> in = new ArrayList<>();
                SplittableRandom rnd = new SplittableRandom(t);
                for (int[] s : SHAPES) {
                    in.add(random(scope, rnd, dtype, s[0], s[1]));
                    in.add(random(scope, rnd, dtype, s[1], s[2]));
                }
                inputs.add(in);
                double[][] serial = new double[SHAPES.length][];
                for (int i = 0; i < SHAPES.length; i++) {
                    serial[i] = product(scope, in, i, dtype).toDoubleArray();
                }
                expected.add(serial);
            }
            AtomicInteger wrong = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int id = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        try (TensorScope own = new TensorScope()) {
                            Tensor[] out = new Tensor[SHAPES.length];
                            for (int i = 0; i < SHAPES.length; i++) {
                                out[i] = own.zeros(CPU, Shape.of(SHAPES[i][0], SHAPES[i][2]), dtype);
                            }
                            for (int call = 0; call < CALLS; call++) {
                                int i = call % SHAPES.length;
                                try {
                                    Tensor a = inputs.get(id).get(2 * i);
                                    CPU.gemm(false, false, 1, a, inputs.get(id).get(2 * i + 1), 0, out[i]);
                                    if (!Arrays.equals(expected.get(id)[i], out[i].toDoubleArray())) {
                                        wrong.incrementAndGet();
                                    }
                                    Tensor y = own.zeros(CPU, a.shape(), dtype);
                                    CPU.unary(UnaryOp.TANH, a, y);
                                    CPU.add(y, a, y);
                                    double[] ad = a.toDoubleArray();
                                    double[] yd = y.toDoubleArray();
                                    for (int k = 0; k < ad.length; k++) {
                                        double want = dtype == DType.FLOAT32 ? (float) ((float) Math.tanh(ad[k]) + (float) ad[k])
                                                : Math.tanh(ad[k]) + ad[k];
                                        if (Math.abs(yd[k] - want) > 1e-6 * (1 + Math.abs(want))) {
                                            wrong.incrementAndGet();
                                            break;
                                        }
                                    }
                                    y.close();
                                } catch (RuntimeException e) {
                                    failures.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, failures.get(), "exceptions");
            assertEquals(0, wrong.get(), "results that differ from serial use, of " + 2 * CALLS + " GEMMs and as many"
                    + " elementwise ops (" + CPU.description() + ")");
        }
    }

    private static Tensor product(TensorScope scope, List<Tensor> in, int i, DType dtype) {
        Tensor c = scope.zeros(CPU, Shape.of(SHAPES[i][0], SHAPES[i][2]), dtype);
        CPU.gemm(false, false, 1, in.get(2 * i), in.get(2 * i + 1), 0, c);
        return c;
    }

    private static Tensor random(TensorScope scope, SplittableRandom rnd, DType dtype, int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        Tensor t = scope.zeros(CPU, Shape.of(rows, cols), dtype);
        CPU.write(t, d);
        return t;
    }
}
