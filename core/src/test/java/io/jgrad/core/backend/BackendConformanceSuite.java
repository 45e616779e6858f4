package io.jgrad.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend runs this suite: each op against a plain float64 reference on random data, odd
 * shapes, all transpose combinations, row broadcasting, both dtypes, and the error cases. A backend
 * module extends it and supplies {@link #backend()}.
 */
public abstract class BackendConformanceSuite extends ScopedBackendTest {
    private static final int[][] SHAPES = {{1, 1}, {7, 33}, {100, 784}, {784, 100}};

    private final Random random = new Random(20261122);


    // ------------------------------------------------------------------ helpers

    private double[] randomData(int n, double lo, double hi) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = lo + (hi - lo) * random.nextDouble();
        }
        return d;
    }

    /** A tensor holding {@code data}, rounded to float when the dtype is float32 (so references match). */
    private Tensor tensor(DType dtype, double[] data, int... dims) {
        if (dtype == DType.FLOAT64) {
            return track(backend.tensor(data, Shape.of(dims)));
        }
        float[] f = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            f[i] = (float) data[i];
            data[i] = f[i];
        }
        return track(backend.tensor(f, Shape.of(dims)));
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-5 : 1e-12;
    }

    /** max |actual - expected| / (1 + |expected|) within the dtype's tolerance (scaled). */
    private static void assertClose(double[] expected, Tensor actual, DType dtype, double scale, String what) {
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what + ": length");
        double tol = tolerance(dtype) * scale;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(got[i] - expected[i]) / (1 + Math.abs(expected[i]));
            if (!(err <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]
                        + " (relative error " + err + " > " + tol + ")");
            }
        }
    }

    // ------------------------------------------------------------------ creation and memory

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsHostArrays(DType dtype) {
        double[] d = randomData(7 * 33, -3, 3);
        Tensor t = tensor(dtype, d, 7, 33);
        assertEquals(Shape.of(7, 33), t.shape());
        assertEquals(dtype, t.dtype());
        assertClose(d, t, dtype, 0, "round trip");
        float[] f = t.toFloatArray();
        assertEquals((float) d[5], f[5]);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void zerosFullFillAndSet(DType dtype) {
        Tensor z = track(backend.zeros(Shape.of(3, 4), dtype));
        assertClose(new double[12], z, dtype, 0, "zeros");
        assertClose(new double[] {1, 1, 1}, track(backend.ones(Shape.of(3), dtype)), dtype, 0, "ones");
        Tensor f = track(backend.full(Shape.of(2, 2), dtype, 1.5));
        assertClose(new double[] {1.5, 1.5, 1.5, 1.5}, f, dtype, 0, "full");
        backend.fill(f, -2);
        f.set(3, 7);
        assertClose(new double[] {-2, -2, -2, 7}, f, dtype, 0, "fill + set");
        assertEquals(7.0, f.get(3));
    }

    @Test
    void copyConvertsBetweenDTypes() {
        double[] d = randomData(33, -1, 1);
        Tensor src = tensor(DType.FLOAT64, d, 33);
        Tensor dst = track(backend.zeros(Shape.of(3, 11), DType.FLOAT32));
        backend.copy(src, dst);
        double[] expected = d.clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) expected[i];
        }
        assertClose(expected, dst, DType.FLOAT32, 0, "float64 -> float32");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void reshapeSharesMemory(DType dtype) {
        Tensor t = tensor(dtype, randomData(12, 0, 1), 3, 4);
        Tensor v = t.reshape(2, 6);
        v.set(11, 5);
        assertEquals(5.0, t.get(11));
        assertEquals(Shape.of(2, 6), v.shape());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void randomIsDeterministicPerSeedAndRoughlyNormal(DType dtype) {
        Tensor a = track(backend.randomNormal(Shape.of(100, 100), dtype, 1.0, 2.0, 42));
        Tensor b = track(backend.randomNormal(Shape.of(100, 100), dtype, 1.0, 2.0, 42));
        Tensor c = track(backend.randomNormal(Shape.of(100, 100), dtype, 1.0, 2.0, 43));
        double[] x = a.toDoubleArray();
        assertArrayEquals(x, b.toDoubleArray());
        assertTrue(x[0] != c.get(0) || x[1] != c.get(1), "another seed gives other numbers");
        double mean = 0;
        double sq = 0;
        for (double v : x) {
            mean += v;
            sq += v * v;
        }
        mean /= x.length;
        double std = Math.sqrt(sq / x.length - mean * mean);
        assertEquals(1.0, mean, 0.06);
        assertEquals(2.0, std, 0.06);
        Tensor u = track(backend.randomUniform(Shape.of(1000), dtype, -1, 3, 7));
        for (double v : u.toDoubleArray()) {
            assertTrue(v >= -1 && v < 3, "uniform value " + v + " outside [-1, 3)");
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void dropoutMaskKeepsTheRightShareScaled(DType dtype) {
        Tensor mask = track(backend.zeros(Shape.of(100, 100), dtype));
        backend.dropoutMask(mask, 0.25, 9);
        int kept = 0;
        for (double v : mask.toDoubleArray()) {
            if (v != 0) {
                kept++;
                assertEquals(1 / 0.75, v, 1e-6);
            }
        }
        assertEquals(7500, kept, 200);
    }

    // ------------------------------------------------------------------ gemm

    static Stream<Arguments> gemmCases() {
        // m x k x n: edge tiles, the MLP's shapes, skinny products read in place (batch 3, k = 3,
        // a panel narrower than one vector pair, a short K over row counts that are no multiple of
        // a tile, a short K split by columns, one or two rows with a ragged column), a transposed A
        // whose rows are a whole number of tiles (packing must not read past its end), and long
        // inner dimensions that backends may split; last, a few columns past whole panels with an
        // odd row count and a K that is no multiple of a vector, short or long against the columns;
        // and narrow products with a K longer than a packing buffer; row counts ending in 3 or 2 rows
        // of a six-row tile on products large enough to be blocked (a convolution's weight gradient).
        int[][] mkn = {{1, 1, 1}, {7, 33, 5}, {33, 7, 65}, {100, 784, 100}, {784, 100, 100}, {100, 100, 10},
            {3, 784, 50}, {3, 784, 10}, {784, 3, 50}, {13, 5, 40}, {8, 10, 1000}, {2, 300, 17}, {5, 2, 9},
            {24, 40, 30}, {10, 2000, 20}, {64, 1000, 64}, {129, 257, 31}, {101, 70, 37}, {45, 33, 7}, {51, 300, 36}, {1, 20000, 2}, {12, 50000, 1},
            {9, 4000, 32}, {62, 600, 30}};
        // alpha and beta: the general case, plain C = AB, and accumulation C += AB.
        double[][] scales = {{0.75, 0.5}, {1, 0}, {1, 1}};
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType dtype : DType.values()) {
            for (int[] s : mkn) {
                for (int t = 0; t < 4; t++) {
                    for (double[] ab : scales) {
                        b.add(Arguments.of(dtype, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1]));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5} alpha={6} beta={7}")
    @MethodSource("gemmCases")
    void gemmMatchesReference(DType dtype, int m, int k, int n, boolean ta, boolean tb, double alpha, double beta) {
        double[] a = randomData(m * k, -1, 1);
        double[] b = randomData(k * n, -1, 1);
        double[] c = randomData(m * n, -1, 1);
        Tensor ta0 = ta ? tensor(dtype, a, k, m) : tensor(dtype, a, m, k);
        Tensor tb0 = tb ? tensor(dtype, b, n, k) : tensor(dtype, b, k, n);
        Tensor tc = tensor(dtype, c, m, n);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                }
                expected[i * n + j] = alpha * s + beta * c[i * n + j];
            }
        }
        backend.gemm(ta, tb, alpha, ta0, tb0, beta, tc);
        assertClose(expected, tc, dtype, Math.sqrt(k), "gemm");
    }

    /**
     * Shapes drawn at random (fixed seed) from the families that take different paths: square-ish,
     * a few rows and columns over a K of 10,000 or more, many rows and few columns, short K and wide C; every transposition,
     * both dtypes, scaled or not. A hand-picked list missed a narrow product with a long K.
     */
    static Stream<Arguments> randomGemmCases() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261202);
        Stream.Builder<Arguments> b = Stream.builder();
        for (int i = 0; i < 32; i++) {
            int family = i % 4;
            int m = 1 + (family == 1 ? r.nextInt(4) : family == 3 ? r.nextInt(40) : r.nextInt(300));
            int n = 1 + (family == 1 ? r.nextInt(20) : family == 2 ? r.nextInt(20) : family == 3 ? r.nextInt(3000)
                    : r.nextInt(300));
            int k = family == 1 ? 10_000 + r.nextInt(50_000) : 1 + (family == 3 ? r.nextInt(40) : r.nextInt(600));
            while (family == 1 && m * n > 1 && (long) m * n * k > 1_000_000L) { // small products, long K
                if (n >= m) {
                    n /= 2;
                } else {
                    m /= 2;
                }
            }
            while ((long) m * n * k > 2_000_000L) { // the largest side halved until the reference is quick
                if (k >= n && k >= m) {
                    k /= 2;
                } else if (n >= m) {
                    n /= 2;
                } else {
                    m /= 2;
                }
            }
            double[] scales = r.nextBoolean() ? new double[] {1, 0} : new double[] {r.nextDouble(-2, 2), r.nextDouble(-1, 1)};
            b.add(Arguments.of(r.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64, m, k, n, r.nextBoolean(), r.nextBoolean(),
                    scales[0], scales[1]));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5} alpha={6} beta={7}")
    @MethodSource("randomGemmCases")
    void gemmMatchesReferenceOnRandomShapes(DType dtype, int m, int k, int n, boolean ta, boolean tb, double alpha,
                                            double beta) {
        gemmMatchesReference(dtype, m, k, n, ta, tb, alpha, beta);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gemmWithZeroBetaIgnoresNaNInOutput(DType dtype) {
        Tensor a = tensor(dtype, randomData(7 * 33, -1, 1), 7, 33);
        Tensor b = tensor(dtype, randomData(33 * 5, -1, 1), 33, 5);
        Tensor c = track(backend.full(Shape.of(7, 5), dtype, Double.NaN));
        backend.gemm(false, false, 1, a, b, 0, c);
        for (double v : c.toDoubleArray()) {
            assertTrue(Double.isFinite(v), "NaN leaked from the old output");
        }
    }

    @Test
    void gemmShapeMismatchNamesBothShapes() {
        Tensor a = track(backend.zeros(Shape.of(7, 33), DType.FLOAT32));
        Tensor b = track(backend.zeros(Shape.of(32, 5), DType.FLOAT32));
        Tensor c = track(backend.zeros(Shape.of(7, 5), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(false, false, 1, a, b, 0, c));
        assertTrue(e.getMessage().contains("[7, 33]") && e.getMessage().contains("[32, 5]"), e.getMessage());
    }

    @Test
    void dtypeMismatchIsRefused() {
        Tensor a = track(backend.zeros(Shape.of(2, 2), DType.FLOAT32));
        Tensor b = track(backend.zeros(Shape.of(2, 2), DType.FLOAT64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.add(a, b, a));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void useAfterCloseFails() {
        Tensor a = track(backend.zeros(Shape.of(2, 2), DType.FLOAT32));
        a.close();
        assertThrows(IllegalStateException.class, () -> backend.unary(UnaryOp.RELU, a, a));
        assertThrows(IllegalStateException.class, a::toFloatArray);
    }

    @Test
    void scopeClosesExactlyWhatItOwns() {
        long start = backend.liveTensors();
        Tensor outside = backend.zeros(Shape.of(1), DType.FLOAT32);
        Tensor made;
        Tensor added;
        Tensor detached;
        try (TensorScope s = new TensorScope()) {
            made = s.zeros(backend, Shape.of(1), DType.FLOAT32);
            added = s.add(backend.zeros(Shape.of(2), DType.FLOAT32));
            detached = s.detach(s.add(backend.zeros(Shape.of(3), DType.FLOAT32)));
            assertEquals(start + 4, backend.liveTensors());
        }
        assertTrue(made.isClosed() && added.isClosed());
        assertTrue(!outside.isClosed() && !detached.isClosed(), "nothing is adopted behind the caller's back");
        assertEquals(start + 2, backend.liveTensors());
        outside.close();
        detached.close();
        assertEquals(start, backend.liveTensors());
    }

    @Test
    void liveCountIgnoresViewsAndDoubleClose() {
        long start = backend.liveTensors();
        long startBytes = backend.liveBytes();
        Tensor t = backend.zeros(Shape.of(4, 6), DType.FLOAT64);
        Tensor view = t.reshape(6, 4);
        assertEquals(start + 1, backend.liveTensors());
        assertEquals(startBytes + 4 * 6 * 8, backend.liveBytes());
        view.close();
        assertTrue(!t.isClosed(), "closing a view leaves its base alive");
        t.close();
        t.close();
        assertTrue(view.isClosed());
        assertEquals(start, backend.liveTensors());
        assertEquals(startBytes, backend.liveBytes());
    }

    // ------------------------------------------------------------------ threads

    /**
     * The thread-safety contract: 4 threads share this backend, each running every op family on
     * its own tensors, round after round; every result must equal the serial run's, bit for bit
     * (a split decided by the pool's state must not change the arithmetic), with no exception.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void opsFromFourThreadsMatchSerialResults(DType dtype) throws Exception {
        int threads = 4;
        int rounds = 6;
        long start = backend.liveTensors();
        java.util.List<java.util.List<double[]>> serial = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            serial.add(new ConcurrentWorkload(backend, dtype, 100 + t).run());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int r = 0; r < rounds; r++) {
                        barrier.await();
                        java.util.List<double[]> got = new ConcurrentWorkload(backend, dtype, 100 + id).run();
                        for (int i = 0; i < got.size(); i++) {
                            if (!java.util.Arrays.equals(serial.get(id).get(i), got.get(i))) {
                                wrong++;
                            }
                        }
                    }
                    return wrong;
                }));
            }
            int wrong = 0;
            for (java.util.concurrent.Future<Integer> f : results) {
                wrong += f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
            assertEquals(0, wrong, "results that differ from the serial run (" + backend + ")");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(start, backend.liveTensors(), "every tensor of the workload was freed");
    }

    // ------------------------------------------------------------------ convolution and pooling

    /** Odd geometries: 1x1, 5x5, stride 2 with padding on a 7x9 image, batch 1, dilation, asymmetric windows. */
    static Stream<Arguments> convCases() {
        ConvGeometry[] gs = {
            new ConvGeometry(2, 3, 5, 4, 1, 1, 1, 1, 0, 0, 1, 1),
            new ConvGeometry(1, 2, 9, 8, 5, 5, 1, 1, 2, 2, 1, 1),
            new ConvGeometry(2, 3, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1),
            new ConvGeometry(1, 1, 7, 9, 3, 3, 1, 1, 2, 2, 2, 2),
            new ConvGeometry(3, 2, 6, 7, 2, 3, 1, 2, 0, 1, 1, 1),
            new ConvGeometry(4, 8, 20, 20, 3, 3, 1, 1, 1, 1, 1, 1), // large enough to run on all cores
            new ConvGeometry(2, 3, 9, 7, 3, 3, 1, 1, 2, 1, 2, 1), // dilated down only, rows as wide as the input
            new ConvGeometry(2, 2, 8, 5, 3, 1, 1, 1, 0, 0, 1, 1), // fewer output rows, same width
            new ConvGeometry(1, 2, 6, 40, 3, 3, 1, 1, 1, 1, 1, 1), // rows longer than a vector
            new ConvGeometry(1, 2, 1, 3, 9, 1, 1, 1, 6, 0, 1, 1), // taps whose rows are all padding
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType d : DType.values()) {
            for (ConvGeometry g : gs) {
                b.add(Arguments.of(d, g));
            }
        }
        return b.build();
    }

    static Stream<Arguments> poolCases() {
        ConvGeometry[] gs = {
            ConvGeometry.of(2, 3, 7, 9, 2, 2, 0),
            ConvGeometry.of(1, 2, 7, 9, 3, 2, 1),
            ConvGeometry.of(2, 1, 5, 5, 3, 1, 0),
            new ConvGeometry(1, 2, 6, 6, 6, 6, 1, 1, 0, 0, 1, 1), // global
            ConvGeometry.of(4, 16, 28, 28, 2, 2, 0), // large enough to run on all cores
            ConvGeometry.of(2, 3, 9, 40, 2, 2, 0), // rows of 20 windows, the last input row unused
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType d : DType.values()) {
            for (ConvGeometry g : gs) {
                b.add(Arguments.of(d, g));
            }
        }
        return b.build();
    }

    /** The input element a window tap reads, or -1 where it covers padding. */
    private static int tap(ConvGeometry g, int n, int c, int oy, int ox, int i, int j) {
        int iy = oy * g.strideH() - g.padH() + i * g.dilationH();
        int ix = ox * g.strideW() - g.padW() + j * g.dilationW();
        if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
            return -1;
        }
        return ((n * g.channels() + c) * g.height() + iy) * g.width() + ix;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("convCases")
    void im2colAndCol2imMatchReference(DType dtype, ConvGeometry g) {
        double[] x = randomData((int) g.inputSize(), -1, 1);
        Tensor tx = tensor(dtype, x, (int) g.inputSize());
        double[] cols = new double[g.colRows() * g.colCols()];
        double[] back = new double[(int) g.inputSize()];
        double[] c = randomData(cols.length, -1, 1);
        Tensor tc = tensor(dtype, c, g.colRows(), g.colCols());
        for (int n = 0; n < g.batch(); n++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    int col = (n * g.outH() + oy) * g.outW() + ox;
                    for (int ch = 0; ch < g.channels(); ch++) {
                        for (int i = 0; i < g.kernelH(); i++) {
                            for (int j = 0; j < g.kernelW(); j++) {
                                int row = (ch * g.kernelH() + i) * g.kernelW() + j;
                                int at = tap(g, n, ch, oy, ox, i, j);
                                cols[row * g.colCols() + col] = at < 0 ? 0 : x[at];
                                if (at >= 0) {
                                    back[at] += c[row * g.colCols() + col];
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor out = track(backend.full(Shape.of(g.colRows(), g.colCols()), dtype, Double.NaN));
        backend.im2col(tx, g, out);
        assertClose(cols, out, dtype, 0, "im2col " + g);
        Tensor dx = track(backend.full(Shape.of((int) g.inputSize()), dtype, Double.NaN));
        backend.col2im(tc, g, dx);
        assertClose(back, dx, dtype, 1, "col2im " + g);
    }

    static Stream<Arguments> swapCases() {
        // blocks shorter than a vector, and one with whole vectors and a tail (a conv2's 14 x 14 plane)
        return Stream.of(DType.values()).flatMap(d -> Stream.of(Arguments.of(d, 5), Arguments.of(d, 196)));
    }

    @ParameterizedTest(name = "{0} block {1}")
    @MethodSource("swapCases")
    void swapOuterAxesMatchesReference(DType dtype, int block) {
        int outer = 3;
        int inner = 7;
        double[] a = randomData(outer * inner * block, -1, 1);
        double[] bias = randomData(outer, -1, 1);
        Tensor ta = tensor(dtype, a, outer, inner, block); // rounds a to the dtype first
        Tensor tb = tensor(dtype, bias, outer);
        double[] moved = new double[a.length];
        double[] biased = new double[a.length];
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                for (int s = 0; s < block; s++) {
                    moved[(j * outer + i) * block + s] = a[(i * inner + j) * block + s];
                    biased[(j * outer + i) * block + s] = a[(i * inner + j) * block + s] + bias[i];
                }
            }
        }
        Tensor out = track(backend.full(Shape.of(inner, outer, block), dtype, Double.NaN));
        backend.swapOuterAxes(ta, outer, inner, block, null, out);
        assertClose(moved, out, dtype, 0, "swapOuterAxes");
        backend.swapOuterAxes(ta, outer, inner, block, tb, out);
        assertClose(biased, out, dtype, 1, "swapOuterAxes with bias");
    }

    @ParameterizedTest(name = "{0} block {1}")
    @MethodSource("swapCases")
    void swapOuterAxesReluMatchesSwapThenRelu(DType dtype, int block) {
        int outer = 4;
        int inner = 3;
        double[] a = randomData(outer * inner * block, -1, 1);
        double[] bias = randomData(outer, -0.5, 0.5);
        Tensor ta = tensor(dtype, a, outer, inner, block);
        Tensor tb = tensor(dtype, bias, outer);
        for (boolean withBias : new boolean[] {false, true}) {
            double[] expected = new double[a.length];
            for (int i = 0; i < outer; i++) {
                for (int j = 0; j < inner; j++) {
                    for (int s = 0; s < block; s++) {
                        double v = ta.get((i * inner + j) * block + s) + (withBias ? tb.get(i) : 0);
                        expected[(j * outer + i) * block + s] = Math.max(v, 0);
                    }
                }
            }
            Tensor out = track(backend.full(Shape.of(inner, outer, block), dtype, Double.NaN));
            backend.swapOuterAxesRelu(ta, outer, inner, block, withBias ? tb : null, out);
            assertClose(expected, out, dtype, 1, "swapOuterAxesRelu" + (withBias ? " with bias" : ""));
        }
    }

    @ParameterizedTest(name = "{0} block {1}")
    @MethodSource("swapCases")
    void swapOuterAxesReluBackwardPassesTheGradientWhereTheOutputIsPositive(DType dtype, int block) {
        int outer = 4;
        int inner = 3;
        int n = outer * inner * block;
        double[] dout = randomData(n, -1, 1);
        double[] y = randomData(n, -1, 1);
        for (int e = 0; e < n; e += 7) {
            y[e] = 0; // a ReLU's output is often exactly 0: no gradient there
        }
        Tensor td = tensor(dtype, dout, outer, inner, block);
        Tensor ty = tensor(dtype, y, outer, inner, block);
        double[] expected = new double[n];
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                for (int s = 0; s < block; s++) {
                    int src = (i * inner + j) * block + s;
                    expected[(j * outer + i) * block + s] = y[src] > 0 ? td.get(src) : 0;
                }
            }
        }
        Tensor out = track(backend.full(Shape.of(inner, outer, block), dtype, Double.NaN));
        backend.swapOuterAxesReluBackward(td, ty, outer, inner, block, out);
        assertClose(expected, out, dtype, 0, "swapOuterAxesReluBackward");
    }

    @Test
    void swapOuterAxesReluBackwardRefusesAReluOutputOfAnotherSize() {
        Tensor dout = track(backend.zeros(Shape.of(3, 4, 5), DType.FLOAT32));
        Tensor y = track(backend.zeros(Shape.of(3, 4, 4), DType.FLOAT32));
        Tensor out = track(backend.zeros(Shape.of(4, 3, 5), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.swapOuterAxesReluBackward(dout, y, 3, 4, 5, out));
        assertTrue(e.getMessage().contains("60") && e.getMessage().contains("[3, 4, 4]"), e.getMessage());
    }

    @Test
    void swapOuterAxesRefusesAWrongBias() {
        Tensor a = track(backend.zeros(Shape.of(3, 4, 5), DType.FLOAT32));
        Tensor out = track(backend.zeros(Shape.of(4, 3, 5), DType.FLOAT32));
        Tensor bias = track(backend.zeros(Shape.of(4), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.swapOuterAxes(a, 3, 4, 5, bias, out));
        assertTrue(e.getMessage().contains("needs 3 elements") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poolCases")
    void poolingAndBackwardMatchReference(DType dtype, ConvGeometry g) {
        double[] x = randomData((int) g.inputSize(), -1, 1);
        Tensor tx = tensor(dtype, x, (int) g.inputSize());
        int outs = (int) g.outputSize();
        double[] dout = randomData(outs, -1, 1);
        Tensor tdout = tensor(dtype, dout, outs);
        double[] max = new double[outs];
        double[] arg = new double[outs];
        double[] avg = new double[outs];
        double[] dmax = new double[x.length];
        double[] davg = new double[x.length];
        double window = g.kernelH() * g.kernelW();
        int o = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int ch = 0; ch < g.channels(); ch++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int bestAt = -1;
                        double sum = 0;
                        for (int i = 0; i < g.kernelH(); i++) {
                            for (int j = 0; j < g.kernelW(); j++) {
                                int at = tap(g, n, ch, oy, ox, i, j);
                                if (at >= 0) {
                                    sum += x[at];
                                    davg[at] += dout[o] / window;
                                    if (bestAt < 0 || x[at] > best) {
                                        best = x[at];
                                        bestAt = at;
                                    }
                                }
                            }
                        }
                        max[o] = best;
                        arg[o] = bestAt % (g.height() * g.width());
                        avg[o] = sum / window;
                        dmax[bestAt] += dout[o];
                    }
                }
            }
        }
        Tensor tmax = track(backend.zeros(Shape.of(outs), dtype));
        Tensor targ = track(backend.zeros(Shape.of(outs), dtype));
        backend.maxPool2d(tx, g, tmax, targ);
        assertClose(max, tmax, dtype, 0, "maxPool2d " + g);
        assertClose(arg, targ, dtype, 0, "maxPool2d argmax " + g);
        Tensor dx = track(backend.full(Shape.of(x.length), dtype, Double.NaN));
        backend.maxPool2dBackward(tdout, targ, g, dx);
        assertClose(dmax, dx, dtype, 1, "maxPool2d backward " + g);
        Tensor tavg = track(backend.zeros(Shape.of(outs), dtype));
        backend.avgPool2d(tx, g, tavg);
        assertClose(avg, tavg, dtype, 1, "avgPool2d " + g);
        backend.avgPool2dBackward(tdout, g, dx);
        assertClose(davg, dx, dtype, 1, "avgPool2d backward " + g);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolTakesTheFirstMaxAndTheFirstNaN(DType dtype) {
        ConvGeometry g = ConvGeometry.of(2, 3, 6, 40, 2, 2, 0);
        double[] levels = {-1, 0, 1, Double.NaN};
        Random rnd = new Random(7);
        double[] x = new double[(int) g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[rnd.nextInt(levels.length)]; // ties everywhere, NaN in a quarter of the taps
        }
        int outs = (int) g.outputSize();
        double[] max = new double[outs];
        double[] arg = new double[outs];
        int o = 0;
        for (int plane = 0; plane < g.batch() * g.channels(); plane++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++, o++) {
                    int at = -1;
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            int t = (2 * oy + i) * g.width() + 2 * ox + j;
                            double v = x[plane * g.height() * g.width() + t];
                            double best = at < 0 ? 0 : max[o];
                            if (at < 0 || v > best || Double.isNaN(v) && !Double.isNaN(best)) {
                                max[o] = v;
                                at = t;
                            }
                        }
                    }
                    arg[o] = at;
                }
            }
        }
        Tensor out = track(backend.zeros(Shape.of(outs), dtype));
        Tensor argmax = track(backend.zeros(Shape.of(outs), dtype));
        backend.maxPool2d(tensor(dtype, x, x.length), g, out, argmax);
        assertArrayEquals(arg, argmax.toDoubleArray(), "argmax");
        assertArrayEquals(max, out.toDoubleArray(), "max (NaN where the window has one)");
    }

    @Test
    void convOpErrorsNameTheShapes() {
        ConvGeometry g = new ConvGeometry(2, 3, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1);
        Tensor x = track(backend.zeros(Shape.of(2, 3, 7, 9), DType.FLOAT32));
        Tensor wrong = track(backend.zeros(Shape.of(28, 40), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.im2col(x, g, wrong));
        assertTrue(e.getMessage().contains("[28, 40]") && e.getMessage().contains("[2, 3, 7, 9]")
                && e.getMessage().contains("needs [27, 40]"), e.getMessage());
        Tensor small = track(backend.zeros(Shape.of(2, 3, 4, 4), DType.FLOAT32));
        e = assertThrows(IllegalArgumentException.class,
                () -> backend.maxPool2d(small, g, small, small));
        assertTrue(e.getMessage().contains("[2, 3, 4, 4]") && e.getMessage().contains("needs 378"), e.getMessage());
        IllegalArgumentException geometry = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of(1, 1, 2, 2, 5, 1, 0));
        assertTrue(geometry.getMessage().contains("does not fit the 2x2 input"), geometry.getMessage());
    }

    // ------------------------------------------------------------------ batch normalisation

    static Stream<Arguments> normCases() {
        // the last two: planes long enough for vectorized sums, with a ragged tail, and longer than
        // the chunks such a sum adds in float32
        int[][] shapes = {{5, 3}, {1, 4}, {3, 2, 4, 5}, {1, 3, 7, 9}, {64, 32, 6, 6}, {3, 2, 9, 9}, {2, 3, 70, 70}};
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType d : DType.values()) {
            for (int[] s : shapes) {
                b.add(Arguments.of(d, s));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("normCases")
    void batchNormForwardInferenceAndBackwardMatchReference(DType dtype, int[] dims) {
        Shape shape = Shape.of(dims);
        int n = dims[0];
        int c = dims[1];
        int sp = shape.size() / (n * c);
        double eps = 1e-5;
        double[] x = randomData(shape.size(), -2, 3);
        double[] dy = randomData(shape.size(), -1, 1);
        double[] gamma = randomData(c, 0.5, 1.5);
        double[] beta = randomData(c, -1, 1);
        double[] rm = randomData(c, -1, 1);
        double[] rv = randomData(c, 0.5, 2);
        Tensor tx = tensor(dtype, x, dims);
        Tensor tdy = tensor(dtype, dy, dims);
        Tensor tg = tensor(dtype, gamma, c);
        Tensor tb = tensor(dtype, beta, c);
        Tensor trm = tensor(dtype, rm, c);
        Tensor trv = tensor(dtype, rv, c);
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] y = new double[x.length];
        double[] yi = new double[x.length];
        double[] dx = new double[x.length];
        double[] dg = new double[c];
        double[] db = new double[c];
        int m = n * sp;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < sp; k++) {
                    mean[ch] += x[(i * c + ch) * sp + k] / m;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < sp; k++) {
                    double d = x[(i * c + ch) * sp + k] - mean[ch];
                    var[ch] += d * d / m;
                }
            }
            double inv = 1 / Math.sqrt(var[ch] + eps);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < sp; k++) {
                    int at = (i * c + ch) * sp + k;
                    double xhat = (x[at] - mean[ch]) * inv;
                    y[at] = gamma[ch] * xhat + beta[ch];
                    yi[at] = gamma[ch] * (x[at] - rm[ch]) / Math.sqrt(rv[ch] + eps) + beta[ch];
                    db[ch] += dy[at];
                    dg[ch] += dy[at] * xhat;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < sp; k++) {
                    int at = (i * c + ch) * sp + k;
                    double xhat = (x[at] - mean[ch]) * inv;
                    dx[at] = gamma[ch] * inv / m * (m * dy[at] - db[ch] - xhat * dg[ch]);
                }
            }
        }
        Tensor tmean = track(backend.zeros(Shape.of(c), dtype));
        Tensor tvar = track(backend.zeros(Shape.of(c), dtype));
        Tensor ty = track(backend.full(shape, dtype, Double.NaN));
        backend.batchNorm(tx, c, tg, tb, eps, tmean, tvar, ty);
        double scale = dtype == DType.FLOAT32 ? 20 : 100; // sums over up to 2304 elements
        assertClose(mean, tmean, dtype, scale, "batchNorm mean " + shape);
        assertClose(var, tvar, dtype, scale, "batchNorm var " + shape);
        assertClose(y, ty, dtype, scale * 10, "batchNorm y " + shape);
        backend.batchNormInference(tx, c, tg, tb, trm, trv, eps, ty);
        assertClose(yi, ty, dtype, scale, "batchNorm inference " + shape);
        Tensor tdx = track(backend.full(shape, dtype, Double.NaN));
        Tensor tdg = track(backend.zeros(Shape.of(c), dtype));
        Tensor tdb = track(backend.zeros(Shape.of(c), dtype));
        backend.batchNormBackward(tx, c, tg, tmean, tvar, eps, tdy, tdx, tdg, tdb);
        assertClose(db, tdb, dtype, scale * 10, "batchNorm dbeta " + shape);
        assertClose(dg, tdg, dtype, scale * 10, "batchNorm dgamma " + shape);
        assertClose(dx, tdx, dtype, scale * 100, "batchNorm dx " + shape);
    }

    @Test
    void batchNormErrorsNameTheShapes() {
        Tensor x = track(backend.zeros(Shape.of(4, 3, 5, 5), DType.FLOAT32));
        Tensor c3 = track(backend.zeros(Shape.of(3), DType.FLOAT32));
        Tensor c4 = track(backend.zeros(Shape.of(4), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.batchNorm(x, 3, c3, c4, 1e-5, c3, c3, x));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("needs 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.batchNorm(x, 4, c4, c4, 1e-5, c4, c4, x));
        assertTrue(e.getMessage().contains("[4, 3, 5, 5] is not [batch, 4]"), e.getMessage());
    }

    // ------------------------------------------------------------------ elementwise

    static Stream<Arguments> binaryCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType dtype : DType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                for (int[] s : SHAPES) {
                    b.add(Arguments.of(dtype, op, s[0], s[1], false));
                    b.add(Arguments.of(dtype, op, s[0], s[1], true));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} broadcast={4}")
    @MethodSource("binaryCases")
    void binaryMatchesReference(DType dtype, BinaryOp op, int rows, int cols, boolean broadcast) {
        double[] a = randomData(rows * cols, -2, 2);
        double[] b = randomData(broadcast ? cols : rows * cols, 0.5, 2);
        Tensor ta = tensor(dtype, a, rows, cols);
        Tensor tb = broadcast ? tensor(dtype, b, cols) : tensor(dtype, b, rows, cols);
        Tensor out = track(backend.zeros(Shape.of(rows, cols), dtype));
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double y = b[broadcast ? i % cols : i];
            expected[i] = switch (op) {
                case ADD -> a[i] + y;
                case SUB -> a[i] - y;
                case MUL -> a[i] * y;
                case DIV -> a[i] / y;
            };
        }
        backend.binary(op, ta, tb, out);
        assertClose(expected, out, dtype, 1, op.toString());
        backend.binary(op, ta, tb, ta); // in place
        assertClose(expected, ta, dtype, 1, op + " in place");
    }

    @Test
    void binaryShapeMismatchNamesBothShapes() {
        Tensor a = track(backend.zeros(Shape.of(7, 33), DType.FLOAT32));
        Tensor b = track(backend.zeros(Shape.of(7, 32), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.add(a, b, a));
        assertTrue(e.getMessage().contains("[7, 33]") && e.getMessage().contains("[7, 32]"), e.getMessage());
    }

    static Stream<Arguments> unaryCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType dtype : DType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                b.add(Arguments.of(dtype, op, 7, 33));
                b.add(Arguments.of(dtype, op, 100, 784));
            }
        }
        return b.build();
    }

    private static double forward(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case ABS -> Math.abs(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(0, x);
        };
    }

    private static double derivative(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -1;
            case EXP -> Math.exp(x);
            case LOG -> 1 / x;
            case SQRT -> 0.5 / Math.sqrt(x);
            case SQUARE -> 2 * x;
            case ABS -> Math.signum(x);
            case SIGMOID -> forward(op, x) * (1 - forward(op, x));
            case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
            case RELU -> x > 0 ? 1 : 0;
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("unaryCases")
    void unaryAndBackwardMatchReference(DType dtype, UnaryOp op, int rows, int cols) {
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
        double[] x = randomData(rows * cols, positive ? 0.1 : -3, 3);
        double[] dout = randomData(rows * cols, -1, 1);
        Tensor tx = tensor(dtype, x, rows, cols);
        Tensor ty = track(backend.zeros(tx.shape(), dtype));
        Tensor td = tensor(dtype, dout, rows, cols);
        Tensor tdx = track(backend.zeros(tx.shape(), dtype));
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = forward(op, x[i]);
            dx[i] = dout[i] * derivative(op, x[i]);
        }
        backend.unary(op, tx, ty);
        assertClose(y, ty, dtype, 4, op.toString());
        backend.unaryBackward(op, tx, ty, td, tdx);
        assertClose(dx, tdx, dtype, 8, op + " backward");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void scaleShiftAndLeakyRelu(DType dtype) {
        double[] x = randomData(7 * 33, -2, 2);
        double[] d = randomData(7 * 33, -1, 1);
        Tensor tx = tensor(dtype, x, 7, 33);
        Tensor td = tensor(dtype, d, 7, 33);
        Tensor out = track(backend.zeros(tx.shape(), dtype));
        double[] e1 = new double[x.length];
        double[] e2 = new double[x.length];
        double[] e3 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e1[i] = x[i] * -0.5 + 3;
            e2[i] = x[i] > 0 ? x[i] : 0.1 * x[i];
            e3[i] = x[i] > 0 ? d[i] : 0.1 * d[i];
        }
        backend.scaleShift(tx, -0.5, 3, out);
        assertClose(e1, out, dtype, 1, "scaleShift");
        backend.leakyRelu(tx, 0.1, out);
        assertClose(e2, out, dtype, 1, "leakyRelu");
        backend.leakyReluBackward(tx, 0.1, td, out);
        assertClose(e3, out, dtype, 1, "leakyRelu backward");
    }

    static Stream<Arguments> fusedReluCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType dtype : DType.values()) {
            for (int[] s : SHAPES) {
                b.add(Arguments.of(dtype, s[0], s[1]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("fusedReluCases")
    void addRowsReluIsTheBiasAddThenRelu(DType dtype, int rows, int cols) {
        double[] a = randomData(rows * cols, -2, 2);
        double[] bias = randomData(cols, -1, 1);
        Tensor ta = tensor(dtype, a, rows, cols);
        Tensor tb = tensor(dtype, bias, cols);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = Math.max(0, a[i] + bias[i % cols]);
        }
        Tensor out = track(backend.zeros(Shape.of(rows, cols), dtype));
        backend.addRowsRelu(ta, tb, out);
        assertClose(expected, out, dtype, 1, "addRowsRelu");
        backend.addRowsRelu(ta, tb, ta); // in place, as a Dense layer calls it
        assertClose(expected, ta, dtype, 1, "addRowsRelu in place");
    }

    @Test
    void addRowsReluNamesAWrongBiasLength() {
        Tensor a = track(backend.zeros(Shape.of(4, 5), DType.FLOAT32));
        Tensor four = track(backend.zeros(Shape.of(4), DType.FLOAT32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.addRowsRelu(a, four, a));
        assertTrue(e.getMessage().contains("a bias of 5 for [4, 5]"), e.getMessage());
    }

    // ------------------------------------------------------------------ reductions

    static Stream<Arguments> reduceCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (DType dtype : DType.values()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (Reduction over : Reduction.values()) {
                    for (int[] s : SHAPES) {
                        b.add(Arguments.of(dtype, op, over, s[0], s[1]));
                    }
                }
                // A convolution's bias gradient: long rows, split across cores; rows longer than
                // the chunks a vectorized sum adds up in float32 before float64, with a ragged tail.
                b.add(Arguments.of(dtype, op, Reduction.PER_ROW, 37, 3001));
                b.add(Arguments.of(dtype, op, Reduction.PER_ROW, 5, 9001));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}x{4}")
    @MethodSource("reduceCases")
    void reduceMatchesReference(DType dtype, ReduceOp op, Reduction over, int rows, int cols) {
        double[] a = randomData(rows * cols, -1, 1);
        Tensor ta = tensor(dtype, a, rows, cols);
        int outs = over == Reduction.PER_COLUMN ? cols : over == Reduction.PER_ROW ? rows : 1;
        double[] expected = new double[outs];
        java.util.Arrays.fill(expected, op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : 0);
        int[] counts = new int[outs];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int o = over == Reduction.PER_COLUMN ? c : over == Reduction.PER_ROW ? r : 0;
                double v = a[r * cols + c];
                expected[o] = op == ReduceOp.MAX ? Math.max(expected[o], v) : expected[o] + v;
                counts[o]++;
            }
        }
        if (op == ReduceOp.MEAN) {
            for (int o = 0; o < outs; o++) {
                expected[o] /= counts[o];
            }
        }
        Tensor out = track(backend.zeros(Shape.of(outs), dtype));
        backend.reduce(op, over, ta, out);
        assertClose(expected, out, dtype, 10, op + " " + over);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sumDotAndArgmax(DType dtype) {
        double[] a = randomData(100 * 784, -1, 1);
        double[] b = randomData(100 * 784, -1, 1);
        Tensor ta = tensor(dtype, a, 100, 784);
        Tensor tb = tensor(dtype, b, 100, 784);
        double sum = 0;
        double dot = 0;
        int[] arg = new int[100];
        for (int r = 0; r < 100; r++) {
            for (int c = 0; c < 784; c++) {
                sum += a[r * 784 + c];
                dot += a[r * 784 + c] * b[r * 784 + c];
                if (a[r * 784 + c] > a[r * 784 + arg[r]]) {
                    arg[r] = c;
                }
            }
        }
        assertEquals(sum, backend.sum(ta), tolerance(dtype) * 1e3);
        assertEquals(dot, backend.dot(ta, tb), tolerance(dtype) * 1e3);
        int[] got = new int[100];
        backend.argmaxRows(ta, got);
        assertArrayEquals(arg, got);
    }

    // ------------------------------------------------------------------ softmax and cross-entropy

    private static double[] softmaxReference(double[] x, int rows, int cols) {
        double[] p = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, x[r * cols + c]);
            }
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += Math.exp(x[r * cols + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                p[r * cols + c] = Math.exp(x[r * cols + c] - max) / s;
            }
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxAndBackward(DType dtype) {
        int rows = 100;
        int cols = 10;
        double[] x = randomData(rows * cols, -5, 5);
        double[] d = randomData(rows * cols, -1, 1);
        double[] p = softmaxReference(x, rows, cols);
        double[] dx = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += d[r * cols + c] * p[r * cols + c];
            }
            for (int c = 0; c < cols; c++) {
                dx[r * cols + c] = p[r * cols + c] * (d[r * cols + c] - s);
            }
        }
        Tensor tx = tensor(dtype, x, rows, cols);
        Tensor ty = track(backend.zeros(tx.shape(), dtype));
        backend.softmaxRows(tx, ty);
        assertClose(p, ty, dtype, 4, "softmax");
        Tensor tdx = track(backend.zeros(tx.shape(), dtype));
        backend.softmaxBackward(ty, tensor(dtype, d, rows, cols), tdx);
        assertClose(dx, tdx, dtype, 4, "softmax backward");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxIsStableForHugeLogits(DType dtype) {
        Tensor tx = tensor(dtype, new double[] {1000, 1001, -1000, 0}, 2, 2);
        Tensor ty = track(backend.zeros(tx.shape(), dtype));
        backend.softmaxRows(tx, ty);
        double[] p = ty.toDoubleArray();
        assertEquals(1 / (1 + Math.E), p[0], 1e-6);
        assertEquals(0.0, p[2], 1e-6);
        assertEquals(1.0, p[3], 1e-6);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void crossEntropyOneHotAndSparseAgree(DType dtype) {
        int rows = 33;
        int cols = 10;
        double[] x = randomData(rows * cols, -4, 4);
        double[] labels = new double[rows];
        double[] onehot = new double[rows * cols];
        double loss = 0;
        double[] p = softmaxReference(x, rows, cols);
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
            onehot[r * cols + (int) labels[r]] = 1;
            loss -= Math.log(p[r * cols + (int) labels[r]]);
        }
        loss /= rows;
        double scale = 1.0 / rows;
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = (p[i] - onehot[i]) * scale;
        }
        Tensor tx = tensor(dtype, x, rows, cols);
        Tensor probs = track(backend.zeros(tx.shape(), dtype));
        Tensor grad = track(backend.zeros(tx.shape(), dtype));
        Tensor tLabels = tensor(dtype, labels, rows);
        Tensor tOneHot = tensor(dtype, onehot, rows, cols);
        double tol = tolerance(dtype) * 10;
        assertEquals(loss, backend.softmaxCrossEntropy(tx, tOneHot, probs), tol * (1 + loss));
        assertClose(p, probs, dtype, 4, "probabilities");
        backend.softmaxCrossEntropyBackward(probs, tOneHot, scale, grad);
        assertClose(dx, grad, dtype, 4, "one-hot gradient");
        backend.fill(probs, 0);
        assertEquals(loss, backend.sparseSoftmaxCrossEntropy(tx, tLabels, probs), tol * (1 + loss));
        backend.sparseSoftmaxCrossEntropyBackward(probs, tLabels, scale, grad);
        assertClose(dx, grad, dtype, 4, "sparse gradient");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sparseLabelOutOfRangeNamesIndexAndValue(DType dtype) {
        Tensor tx = track(backend.zeros(Shape.of(3, 10), dtype));
        Tensor probs = track(backend.zeros(Shape.of(3, 10), dtype));
        Tensor labels = tensor(dtype, new double[] {1, 10, 2}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.sparseSoftmaxCrossEntropy(tx, labels, probs));
        assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("is 10"), e.getMessage());
    }

    // ------------------------------------------------------------------ data movement and optimizers

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherRowsPicksRows(DType dtype) {
        double[] src = randomData(10 * 7, -1, 1);
        Tensor tsrc = tensor(dtype, src, 10, 7);
        int[] idx = {9, 0, 3, 3};
        double[] expected = new double[idx.length * 7];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(src, idx[i] * 7, expected, i * 7, 7);
        }
        Tensor out = track(backend.zeros(Shape.of(4, 7), dtype));
        backend.gatherRows(tsrc, idx, out);
        assertClose(expected, out, dtype, 0, "gatherRows");
        assertThrows(IndexOutOfBoundsException.class, () -> backend.gatherRows(tsrc, new int[] {0, 1, 2, 10}, out));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherRowsOfAMinibatchSplitAcrossCores(DType dtype) {
        int rows = 500;
        int cols = 300;
        double[] src = randomData(rows * cols, -1, 1);
        Tensor tsrc = tensor(dtype, src, rows, cols);
        Random rnd = new Random(3);
        int[] idx = new int[100];
        double[] expected = new double[idx.length * cols];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(rows); // with replacement: repeats included
            System.arraycopy(src, idx[i] * cols, expected, i * cols, cols);
        }
        Tensor out = track(backend.full(Shape.of(idx.length, cols), dtype, Double.NaN));
        backend.gatherRows(tsrc, idx, out);
        assertClose(expected, out, dtype, 0, "gatherRows, 100 of 500 rows");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherRowsOfOddCounts(DType dtype) {
        // 37 rows (eight at a time, then five) of widths below, at and around a vector's
        for (int cols : new int[] {1, 5, 16, 19, 33}) {
            int rows = 41;
            double[] src = randomData(rows * cols, -1, 1);
            Tensor tsrc = tensor(dtype, src, rows, cols);
            Random rnd = new Random(cols);
            int[] idx = new int[37];
            double[] expected = new double[idx.length * cols];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rnd.nextInt(rows);
                System.arraycopy(src, idx[i] * cols, expected, i * cols, cols);
            }
            Tensor out = track(backend.full(Shape.of(idx.length, cols), dtype, Double.NaN));
            backend.gatherRows(tsrc, idx, out);
            assertClose(expected, out, dtype, 0, "gatherRows, 37 rows of " + cols);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void optimizerUpdatesMatchReference(DType dtype) {
        int n = 7 * 33;
        double[] p = randomData(n, -1, 1);
        double[] g = randomData(n, -1, 1);
        double[] v = randomData(n, -0.1, 0.1);
        double[] m2 = randomData(n, -0.1, 0.1);
        double[] v2 = randomData(n, 0, 0.1);
        double lr = 0.01;
        double wd = 0.001;
        Tensor tp = tensor(dtype, p, n);
        Tensor tg = tensor(dtype, g, n);
        double[] axpy = new double[n];
        for (int i = 0; i < n; i++) {
            axpy[i] = p[i] - lr * g[i];
        }
        backend.axpy(-lr, tg, tp);
        assertClose(axpy, tp, dtype, 1, "axpy");

        Tensor tv = tensor(dtype, v.clone(), n);
        backend.write(tp, p);
        double[] pm = new double[n];
        for (int i = 0; i < n; i++) {
            double gi = g[i] + wd * p[i];
            double vi = 0.9 * v[i] - lr * gi;
            pm[i] = p[i] + vi;
        }
        backend.momentumStep(tp, tg, tv, lr, 0.9, wd);
        assertClose(pm, tp, dtype, 1, "momentum");

        backend.write(tp, p);
        Tensor tm = tensor(dtype, m2, n);
        Tensor tv2 = tensor(dtype, v2, n);
        long step = 3;
        double lrT = lr * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
        double[] pa = new double[n];
        for (int i = 0; i < n; i++) {
            double gi = g[i] + wd * p[i];
            double mi = 0.9 * m2[i] + 0.1 * gi;
            double vi = 0.999 * v2[i] + 0.001 * gi * gi;
            pa[i] = p[i] - lrT * mi / (Math.sqrt(vi) + 1e-7);
        }
        backend.adamStep(tp, tg, tm, tv2, lr, 0.9, 0.999, 1e-7, wd, step);
        assertClose(pa, tp, dtype, 10, "adam");
    }
}
