package io.jgrad.backend.cpu;

import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.CounterRng;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.UnaryOp;

/**
 * Elementwise, reduction, softmax and optimizer loops on double arrays. FloatOps is generated from
 * this file by {@code backend-cpu/gen-float-ops.py}: edit here, then run it. Conventions the
 * generator relies on: {@code double/*wide*}{@code /} marks accumulators that stay double in both
 * versions; {@code (double)} casts become {@code (float)}.
 */
@SuppressWarnings("cast") // the (double) casts are the generator's markers: they become (float) in FloatOps
final class DoubleOps {
    private DoubleOps() {
    }

    static void binary(BinaryOp op, double[] a, double[] b, double[] out, int from, int to, int cols,
                       boolean rowBroadcast) {
        if (!rowBroadcast) {
            switch (op) {
                case ADD: for (int i = from; i < to; i++) { out[i] = a[i] + b[i]; } break;
                case SUB: for (int i = from; i < to; i++) { out[i] = a[i] - b[i]; } break;
                case MUL: for (int i = from; i < to; i++) { out[i] = a[i] * b[i]; } break;
                default: for (int i = from; i < to; i++) { out[i] = a[i] / b[i]; } break;
            }
            return;
        }
        for (int r = from; r < to; r += cols) { // from and to fall on row starts
            switch (op) {
                case ADD: for (int j = 0; j < cols; j++) { out[r + j] = a[r + j] + b[j]; } break;
                case SUB: for (int j = 0; j < cols; j++) { out[r + j] = a[r + j] - b[j]; } break;
                case MUL: for (int j = 0; j < cols; j++) { out[r + j] = a[r + j] * b[j]; } break;
                default: for (int j = 0; j < cols; j++) { out[r + j] = a[r + j] / b[j]; } break;
            }
        }
    }

    static void unary(UnaryOp op, double[] a, double[] out, int from, int to) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) { out[i] = -a[i]; } break;
            case EXP: for (int i = from; i < to; i++) { out[i] = (double) Exponentials.exp(a[i]); } break;
            case LOG: for (int i = from; i < to; i++) { out[i] = (double) Math.log(a[i]); } break;
            case SQRT: for (int i = from; i < to; i++) { out[i] = (double) Math.sqrt(a[i]); } break;
            case SQUARE: for (int i = from; i < to; i++) { out[i] = a[i] * a[i]; } break;
            case ABS: for (int i = from; i < to; i++) { out[i] = Math.abs(a[i]); } break;
            case SIGMOID: for (int i = from; i < to; i++) { out[i] = (double) (1.0 / (1.0 + Exponentials.exp(-a[i]))); } break;
            case TANH: for (int i = from; i < to; i++) { out[i] = (double) Math.tanh(a[i]); } break;
            // Branch-free: on random signs a branch mispredicts half the time (measured 3 ns/element).
            default: for (int i = from; i < to; i++) { out[i] = Math.max(a[i], 0); } break;
        }
    }

    static void unaryBackward(UnaryOp op, double[] x, double[] y, double[] dout, double[] dx, int from, int to) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) { dx[i] = -dout[i]; } break;
            case EXP: for (int i = from; i < to; i++) { dx[i] = dout[i] * y[i]; } break;
            case LOG: for (int i = from; i < to; i++) { dx[i] = dout[i] / x[i]; } break;
            case SQRT: for (int i = from; i < to; i++) { dx[i] = dout[i] * (double) 0.5 / y[i]; } break;
            case SQUARE: for (int i = from; i < to; i++) { dx[i] = dout[i] * (double) 2 * x[i]; } break;
            case ABS: for (int i = from; i < to; i++) { dx[i] = x[i] > 0 ? dout[i] : x[i] < 0 ? -dout[i] : 0; } break;
            case SIGMOID: for (int i = from; i < to; i++) { dx[i] = dout[i] * y[i] * (1 - y[i]); } break;
            case TANH: for (int i = from; i < to; i++) { dx[i] = dout[i] * (1 - y[i] * y[i]); } break;
            default: // both operands loaded first, so C2 selects with a conditional move, not a branch
                for (int i = from; i < to; i++) {
                    double d = dout[i];
                    double v = x[i];
                    dx[i] = v > 0 ? d : 0;
                }
                break;
        }
    }

    static void scaleShift(double[] a, double scale, double shift, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * scale + shift;
        }
    }

    static void leakyRelu(double[] x, double slope, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? x[i] : x[i] * slope;
        }
    }

    static void leakyReluBackward(double[] x, double slope, double[] dout, double[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = x[i] > 0 ? dout[i] : dout[i] * slope;
        }
    }

    /** PER_COLUMN or ALL; PER_ROW runs through {@link #reduceRows}, whose rows the backend splits across cores. */
    static void reduce(ReduceOp op, Reduction over, double[] a, int rows, int cols, double[] out) {
        if (over == Reduction.PER_ROW) {
            throw new IllegalArgumentException("per-row reductions go through reduceRows");
        }
        if (over == Reduction.PER_COLUMN) {
            // Row by row so that the inner loop runs over contiguous memory.
            System.arraycopy(a, 0, out, 0, cols);
            for (int r = 1; r < rows; r++) {
                int o = r * cols;
                if (op == ReduceOp.MAX) {
                    for (int j = 0; j < cols; j++) { out[j] = Math.max(out[j], a[o + j]); }
                } else {
                    for (int j = 0; j < cols; j++) { out[j] += a[o + j]; }
                }
            }
            if (op == ReduceOp.MEAN) {
                for (int j = 0; j < cols; j++) { out[j] /= rows; }
            }
        } else {
            out[0] = (double) reduceRange(op, a, 0, rows * cols);
        }
    }

    /** Rows [r0, r1) of a rows x cols matrix, each reduced to one value in out. */
    static void reduceRows(ReduceOp op, double[] a, int cols, double[] out, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            out[r] = (double) reduceRange(op, a, r * cols, cols);
        }
    }

    private static double/*wide*/ reduceRange(ReduceOp op, double[] a, int from, int count) {
        if (op == ReduceOp.MAX) {
            double m = a[from];
            for (int i = 1; i < count; i++) { m = Math.max(m, a[from + i]); }
            return m;
        }
        double/*wide*/ s = sum(a, from, count);
        return op == ReduceOp.MEAN ? s / count : s;
    }

    /** Eight independent partial sums, so the adds overlap instead of waiting on each other. */
    private static double/*wide*/ sum(double[] a, int from, int count) {
        double/*wide*/ s0 = 0;
        double/*wide*/ s1 = 0;
        double/*wide*/ s2 = 0;
        double/*wide*/ s3 = 0;
        double/*wide*/ s4 = 0;
        double/*wide*/ s5 = 0;
        double/*wide*/ s6 = 0;
        double/*wide*/ s7 = 0;
        int i = from;
        for (int end = from + (count & ~7); i < end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (int end = from + count; i < end; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static double/*wide*/ dot(double[] a, double[] b, int n) {
        double/*wide*/ s = 0;
        for (int i = 0; i < n; i++) {
            s += (double/*wide*/) a[i] * b[i];
        }
        return s;
    }

    static void argmaxRows(double[] a, int rows, int cols, int[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int best = 0;
            double bv = a[o];
            for (int j = 1; j < cols; j++) {
                if (a[o + j] > bv) { bv = a[o + j]; best = j; }
            }
            out[r] = best;
        }
    }

    /** Softmax of one row into out; returns log(sum(exp(x - max))) + max, the row's log-partition. */
    private static double/*wide*/ softmaxRow(double[] a, double[] out, int o, int cols) {
        double max = a[o];
        for (int j = 1; j < cols; j++) { max = Math.max(max, a[o + j]); }
        double/*wide*/ sum = 0;
        for (int j = 0; j < cols; j++) {
            double e = (double) Exponentials.exp(a[o + j] - max);
            out[o + j] = e;
            sum += e;
        }
        double inv = (double) (1.0 / sum);
        for (int j = 0; j < cols; j++) { out[o + j] *= inv; }
        return Math.log(sum) + max;
    }

    static void softmaxRows(double[] a, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            softmaxRow(a, out, r * cols, cols);
        }
    }

    static void softmaxBackward(double[] y, double[] dout, double[] dx, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double/*wide*/ s = 0;
            for (int j = 0; j < cols; j++) { s += (double/*wide*/) dout[o + j] * y[o + j]; }
            double ss = (double) s;
            for (int j = 0; j < cols; j++) { dx[o + j] = y[o + j] * (dout[o + j] - ss); }
        }
    }

    /** Mean over rows of -sum(t * log p), with log p = x - logZ computed without forming log(p). */
    static double/*wide*/ softmaxCrossEntropy(double[] logits, double[] targets, double[] probs, int rows, int cols) {
        double/*wide*/ total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double/*wide*/ logZ = softmaxRow(logits, probs, o, cols);
            for (int j = 0; j < cols; j++) {
                if (targets[o + j] != 0) {
                    total -= targets[o + j] * (logits[o + j] - logZ);
                }
            }
        }
        return total / rows;
    }

    /** Labels are checked first, so a bad label leaves probs untouched. Returns -1 - index of a bad label. */
    static int firstBadLabel(double[] labels, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double v = labels[r];
            if (!(v >= 0 && v < cols) || v != (int) v) {
                return r;
            }
        }
        return -1;
    }

    static double/*wide*/ sparseSoftmaxCrossEntropy(double[] logits, double[] labels, double[] probs, int rows, int cols) {
        double/*wide*/ total = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double/*wide*/ logZ = softmaxRow(logits, probs, o, cols);
            total -= logits[o + (int) labels[r]] - logZ;
        }
        return total / rows;
    }

    static void softmaxCrossEntropyBackward(double[] probs, double[] targets, double scale, double[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = (probs[i] - targets[i]) * scale;
        }
    }

    static void sparseSoftmaxCrossEntropyBackward(double[] probs, double[] labels, double scale, double[] dx,
                                                  int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) { dx[o + j] = probs[o + j] * scale; }
            dx[o + (int) labels[r]] -= scale;
        }
    }

    /** Output rows [i0, i1): out row i is src row rows[i]. */
    static void gatherRows(double[] src, int cols, int[] rows, double[] out, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            System.arraycopy(src, rows[i] * cols, out, i * cols, cols);
        }
    }

    // The optimizer loops take an element range [from, to) so that the pool can split them.

    static void axpy(double alpha, double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += alpha * x[i];
        }
    }

    static void momentumStep(double[] p, double[] g, double[] v, double lr, double mu, double wd, int from,
                             int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i] + wd * p[i];
            v[i] = mu * v[i] - lr * gi;
            p[i] += v[i];
        }
    }

    /**
     * One Adam update; {@code c1 = 1 - b1} and {@code c2 = 1 - b2} come from the caller, worked out
     * in double from the double betas and rounded once, as PyTorch does (1 - 0.999f in float is
     * 1.3e-5 off, and the drift grows step after step).
     */
    static void adamStep(double[] p, double[] g, double[] m, double[] v, double lrT, double b1, double c1,
                         double b2, double c2, double eps, double wd, int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i] + wd * p[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            p[i] -= lrT * m[i] / ((double) Math.sqrt(v[i]) + eps);
        }
    }

    static void randomUniform(double[] out, int n, double lo, double hi, long seed) {
        double/*wide*/ span = hi - lo;
        for (int i = 0; i < n; i++) {
            out[i] = (double) (lo + span * CounterRng.uniform(seed, i));
        }
    }

    static void randomNormal(double[] out, int n, double mean, double std, long seed) {
        for (int i = 0; i < n; i++) {
            out[i] = (double) (mean + std * CounterRng.normal(seed, i));
        }
    }

    static void dropoutMask(double[] mask, int n, double p, long seed) {
        double keep = (double) (1.0 / (1.0 - p));
        for (int i = 0; i < n; i++) {
            mask[i] = CounterRng.uniform(seed, i) >= p ? keep : 0;
        }
    }
}
