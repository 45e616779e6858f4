package io.jgrad.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;

/**
 * One thread's share of the concurrency test: every op family on tensors of its own, sized so that
 * GEMM takes each of its paths (small direct products, packed row and column splits, a depth split,
 * all four transposes) and the optimizer updates take the multithreaded path. A pure function of
 * the seed, so results from concurrent runs can be compared with a serial run.
 */
final class ConcurrentWorkload {
    private final Backend backend;
    private final DType dtype;
    private final long seed;

    ConcurrentWorkload(Backend backend, DType dtype, long seed) {
        this.backend = backend;
        this.dtype = dtype;
        this.seed = seed;
    }

    /** Runs the ops and returns every output, in a fixed order. */
    List<double[]> run() {
        List<double[]> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        try (TensorScope s = new TensorScope()) {
            int[][] gemms = {{3, 784, 100}, {100, 784, 100}, {784, 100, 100}, {10, 1024, 10}, {37, 45, 29}};
            for (int[] g : gemms) {
                int m = g[0];
                int k = g[1];
                int n = g[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    Tensor a = random(s, rnd, ta ? Shape.of(k, m) : Shape.of(m, k));
                    Tensor b = random(s, rnd, tb ? Shape.of(n, k) : Shape.of(k, n));
                    Tensor c = random(s, rnd, Shape.of(m, n));
                    backend.gemm(ta, tb, 1.0, a, b, t == 3 ? 0.5 : 0.0, c);
                    out.add(c.toDoubleArray());
                }
            }
            Tensor x = random(s, rnd, Shape.of(64, 130));
            Tensor y = random(s, rnd, Shape.of(64, 130));
            Tensor row = random(s, rnd, Shape.of(130));
            Tensor z = s.zeros(backend, x.shape(), dtype);
            for (BinaryOp op : BinaryOp.values()) {
                backend.binary(op, x, op == BinaryOp.ADD ? row : y, z);
                out.add(z.toDoubleArray());
            }
            for (UnaryOp op : UnaryOp.values()) {
                backend.unary(op, x, z);
                out.add(z.toDoubleArray());
                Tensor dx = s.zeros(backend, x.shape(), dtype);
                backend.unaryBackward(op, x, z, y, dx);
                out.add(dx.toDoubleArray());
            }
            backend.scaleShift(x, 0.5, 2, z);
            out.add(z.toDoubleArray());
            backend.leakyRelu(x, 0.1, z);
            out.add(z.toDoubleArray());
            Tensor cols = s.zeros(backend, Shape.of(130), dtype);
            Tensor rows = s.zeros(backend, Shape.of(64), dtype);
            for (ReduceOp op : ReduceOp.values()) {
                backend.reduce(op, Reduction.PER_COLUMN, x, cols);
                backend.reduce(op, Reduction.PER_ROW, x, rows);
                out.add(cols.toDoubleArray());
                out.add(rows.toDoubleArray());
            }
            out.add(new double[] {backend.sum(x), backend.dot(x, y)});
            int[] argmax = new int[64];
            backend.argmaxRows(x, argmax);
            out.add(java.util.Arrays.stream(argmax).asDoubleStream().toArray());
            Tensor probs = s.zeros(backend, x.shape(), dtype);
            double[] labels = new double[64];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rnd.nextInt(130);
            }
            Tensor lab = s.add(dtype == DType.FLOAT64 ? backend.tensor(labels, Shape.of(64))
                    : backend.tensor(toFloat(labels), Shape.of(64)));
            double loss = backend.sparseSoftmaxCrossEntropy(x, lab, probs);
            backend.sparseSoftmaxCrossEntropyBackward(probs, lab, 1.0 / 64, z);
            out.add(new double[] {loss});
            out.add(z.toDoubleArray());
            backend.softmaxRows(y, probs);
            backend.softmaxBackward(probs, x, z);
            out.add(z.toDoubleArray());
            Tensor gathered = s.zeros(backend, Shape.of(5, 130), dtype);
            backend.gatherRows(x, new int[] {63, 0, 7, 7, 12}, gathered);
            out.add(gathered.toDoubleArray());
            // Parameter-sized updates: large enough for the parallel path.
            Tensor p = random(s, rnd, Shape.of(784, 100));
            Tensor g = random(s, rnd, Shape.of(784, 100));
            Tensor m = s.zeros(backend, p.shape(), dtype);
            Tensor v = s.zeros(backend, p.shape(), dtype);
            backend.axpy(-0.1, g, p);
            backend.momentumStep(p, g, m, 0.01, 0.9, 1e-4);
            backend.adamStep(p, g, m, v, 0.001, 0.9, 0.999, 1e-7, 0, 3);
            out.add(p.toDoubleArray());
            ConvGeometry conv = new ConvGeometry(4, 8, 20, 20, 3, 3, 1, 1, 1, 1, 1, 1);
            Tensor img = random(s, rnd, Shape.of(4, 8, 20, 20));
            Tensor unfolded = s.zeros(backend, Shape.of(conv.colRows(), conv.colCols()), dtype);
            Tensor back = s.zeros(backend, img.shape(), dtype);
            backend.im2col(img, conv, unfolded);
            backend.col2im(unfolded, conv, back);
            out.add(back.toDoubleArray());
            ConvGeometry pool = ConvGeometry.of(4, 8, 20, 20, 2, 2, 0);
            Tensor pooled = s.zeros(backend, Shape.of(4, 8, 10, 10), dtype);
            Tensor arg = s.zeros(backend, pooled.shape(), dtype);
            backend.maxPool2d(img, pool, pooled, arg);
            backend.maxPool2dBackward(pooled, arg, pool, back);
            out.add(back.toDoubleArray());
            Tensor t = s.zeros(backend, img.shape(), dtype);
            backend.swapOuterAxes(img, 4, 8, 400, null, t);
            out.add(t.toDoubleArray());
            Tensor mask = s.zeros(backend, x.shape(), dtype);
            backend.dropoutMask(mask, 0.3, seed);
            out.add(mask.toDoubleArray());
        }
        return out;
    }

    private Tensor random(TensorScope s, SplittableRandom rnd, Shape shape) {
        double[] d = new double[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        return s.add(dtype == DType.FLOAT64 ? backend.tensor(d, shape) : backend.tensor(toFloat(d), shape));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
