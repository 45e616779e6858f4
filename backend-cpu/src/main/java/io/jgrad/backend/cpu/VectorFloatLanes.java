package io.jgrad.backend.cpu;

import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ConvGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatLanes} on the Vector API: compares and blends per vector instead of one unpredictable
 * branch per element. Loaded by name only when the {@code jdk.incubator.vector} module is present
 * (see {@link KernelChoice}).
 */
final class VectorFloatLanes implements FloatLanes {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorWidth.SHAPE);
    private static final int L = S.length();
    /** Lanes 0, 2, 4, ... then 1, 3, 5, ... of one vector, twice over: each half of the pair split. */
    private static final VectorShuffle<Float> EVEN = S.shuffleFromOp(i -> 2 * i % L);
    private static final VectorShuffle<Float> ODD = S.shuffleFromOp(i -> (2 * i + 1) % L);
    private static final VectorMask<Float> UPPER_HALF = S.indexInRange(0, L / 2).not();
    /** 0, 2, 4, ...: the left column of each 2x2 window along a row of outputs. */
    private static final FloatVector TWICE_IOTA = FloatVector.fromArray(S, twiceIota(), 0);
    /**
     * Per pooling thread: the pair maxima of one plane, which of each pair won (0 or 1), and the
     * plane's outputs and argmax before they are copied out (rows written a whole vector wide).
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorWidth.SHAPE);
    /** Per col2im thread: for each kernel column, -1 where an output position's tap is inside the row, else 0. */
    private static final ThreadLocal<int[][]> COLUMN_MASKS = ThreadLocal.withInitial(() -> new int[0][0]);

    private static float[] twiceIota() {
        float[] t = new float[L];
        for (int i = 0; i < L; i++) {
            t[i] = 2 * i;
        }
        return t;
    }

    @Override
    public void reluBackward(float[] x, float[] dout, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector d = FloatVector.fromArray(S, dout, i);
            zero.blend(d, v.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        FloatOps.unaryBackward(io.jgrad.core.backend.UnaryOp.RELU, x, null, dout, dx, i, to); // the tail
    }

    @Override
    public void binaryRows(BinaryOp op, float[] a, float[] b, float[] out, int from, int to, int cols) {
        int vb = S.loopBound(cols);
        for (int r = from; r < to; r += cols) {
            // One loop per op: the operator must be a constant for C2 to compile the vector op.
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < vb; j += L) {
                        FloatVector.fromArray(S, a, r + j).add(FloatVector.fromArray(S, b, j)).intoArray(out, r + j);
                    }
                }
                case SUB -> {
                    for (int j = 0; j < vb; j += L) {
                        FloatVector.fromArray(S, a, r + j).sub(FloatVector.fromArray(S, b, j)).intoArray(out, r + j);
                    }
                }
                case MUL -> {
                    for (int j = 0; j < vb; j += L) {
                        FloatVector.fromArray(S, a, r + j).mul(FloatVector.fromArray(S, b, j)).intoArray(out, r + j);
                    }
                }
                default -> {
                    for (int j = 0; j < vb; j += L) {
                        FloatVector.fromArray(S, a, r + j).div(FloatVector.fromArray(S, b, j)).intoArray(out, r + j);
                    }
                }
            }
            for (int j = vb; j < cols; j++) {
                out[r + j] = scalar(op, a[r + j], b[j]);
            }
        }
    }

    private static float scalar(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            default -> x / y;
        };
    }

    @Override
    public void sumColumns(float[] a, int rows, int cols, float[] out) {
        int vb = S.loopBound(cols);
        System.arraycopy(a, 0, out, 0, cols);
        for (int r = 1; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < vb; j += L) {
                FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, a, o + j)).intoArray(out, j);
            }
            for (int j = vb; j < cols; j++) {
                out[j] += a[o + j];
            }
        }
    }

    @Override
    public void addRowsRelu(float[] a, float[] bias, float[] out, int rows, int cols) {
        FloatVector zero = FloatVector.zero(S);
        int vb = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < vb; j += L) {
                FloatVector.fromArray(S, a, o + j).add(FloatVector.fromArray(S, bias, j)).max(zero).intoArray(out, o + j);
            }
            for (int j = vb; j < cols; j++) {
                out[o + j] = Math.max(a[o + j] + bias[j], 0);
            }
        }
    }

    /**
     * Per plane: the horizontal pairs, read flat (with w even no pair straddles two rows); then each
     * output row takes, lane by lane, the larger of its two rows of pair maxima. Both passes are
     * compares and blends, no branch per element. Output rows are stored a whole vector wide into
     * scratch (the next row overwrites the spill) and copied out per plane, so no write leaves
     * this part's planes.
     */
    @Override
    public void maxPool2x2(float[] x, int h, int w, float[] out, float[] argmax, int q0, int q1) {
        int oh = h / 2;
        int ow = w / 2;
        int pairs = oh * w; // 2 * oh rows of ow pairs
        float[][] s = scratch(pairs + L, oh * ow + L);
        float[] max = s[0];
        float[] which = s[1];
        float[] planeOut = s[2];
        float[] planeArg = s[3];
        for (int q = q0; q < q1; q++) {
            pairMax(x, q * h * w, pairs, max, which);
            for (int py = 0; py < oh; py++) {
                int top = 2 * py * ow;
                int bottom = top + ow;
                int topAt = 2 * py * w; // in-plane index of the window row's first element
                for (int px = 0; px < ow; px += L) {
                    FloatVector t = FloatVector.fromArray(S, max, top + px);
                    FloatVector b = FloatVector.fromArray(S, max, bottom + px);
                    // The lower row wins where larger, or NaN where the upper is not: three blends
                    // in turn, as in pairMax.
                    VectorMask<Float> larger = b.compare(VectorOperators.GT, t);
                    VectorMask<Float> lowerNaN = b.compare(VectorOperators.NE, b);
                    VectorMask<Float> upperNaN = t.compare(VectorOperators.NE, t);
                    t.blend(b, larger).blend(b, lowerNaN).blend(t, upperNaN).intoArray(planeOut, py * ow + px);
                    FloatVector at = TWICE_IOTA.add(topAt + 2 * px);
                    FloatVector atTop = at.add(FloatVector.fromArray(S, which, top + px));
                    FloatVector atBottom = at.add(w).add(FloatVector.fromArray(S, which, bottom + px));
                    atTop.blend(atBottom, larger).blend(atBottom, lowerNaN).blend(atTop, upperNaN)
                            .intoArray(planeArg, py * ow + px);
                }
            }
            System.arraycopy(planeOut, 0, out, q * oh * ow, oh * ow);
            System.arraycopy(planeArg, 0, argmax, q * oh * ow, oh * ow);
        }
    }

    private static float[][] scratch(int pairs, int outputs) {
        float[][] s = SCRATCH.get();
        if (s[0].length < pairs) {
            s[0] = new float[pairs];
            s[1] = new float[pairs];
        }
        if (s[2].length < outputs) {
            s[2] = new float[outputs];
            s[3] = new float[outputs];
        }
        return s;
    }

    /** max[k] = larger of x[from + 2k] and x[from + 2k + 1] (the first on ties), which[k] = 1 if the second. */
    private static void pairMax(float[] x, int from, int count, float[] max, float[] which) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int k = 0;
        for (; k + L <= count; k += L) {
            FloatVector a = FloatVector.fromArray(S, x, from + 2 * k);
            FloatVector b = FloatVector.fromArray(S, x, from + 2 * k + L);
            FloatVector first = a.rearrange(EVEN).blend(b.rearrange(EVEN), UPPER_HALF);
            FloatVector second = a.rearrange(ODD).blend(b.rearrange(ODD), UPPER_HALF);
            // The second wins where larger, or NaN where the first is not (the first NaN is kept).
            // Three blends in turn, not mask and/or/test: on Java 17 those are not intrinsified, and
            // where C2 compiles this apart from its caller each one allocates.
            VectorMask<Float> larger = second.compare(VectorOperators.GT, first);
            VectorMask<Float> secondNaN = second.compare(VectorOperators.NE, second);
            VectorMask<Float> firstNaN = first.compare(VectorOperators.NE, first);
            first.blend(second, larger).blend(second, secondNaN).blend(first, firstNaN).intoArray(max, k);
            zero.blend(one, larger).blend(one, secondNaN).blend(zero, firstNaN).intoArray(which, k);
        }
        for (; k < count; k++) {
            float a = x[from + 2 * k];
            float b = x[from + 2 * k + 1];
            boolean second = b > a || b != b && a == a;
            max[k] = second ? b : a;
            which[k] = second ? 1 : 0;
        }
    }

    /**
     * Tap (i, j) of output position k = oy * w + ox reads input k + {@link #tapShift} (a flat
     * shift); positions whose input row is outside the image are skipped as a range
     * ({@link #firstTapPosition}, {@link #endTapPosition}), those whose column falls outside are
     * masked to +0 (an AND on the bits, so no Inf or NaN from elsewhere leaks in). The range is
     * trimmed to its first and last valid tap, so no write leaves the plane.
     */
    @Override
    public void col2imSameWidth(float[] cols, ConvGeometry g, float[] dx, int q0, int q1) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int planeSize = g.height() * g.width();
        int positions = g.outH() * g.width();
        int[][] masks = columnMasks(g, positions);
        for (int q = q0; q < q1; q++) {
            int n = q / g.channels();
            int ch = q - n * g.channels();
            int plane = q * planeSize;
            java.util.Arrays.fill(dx, plane, plane + planeSize, 0);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int from = firstTapPosition(g, i, j);
                    int to = endTapPosition(g, i, j, from);
                    int shift = plane + tapShift(g, i, j);
                    int o = (((ch * kh + i) * kw + j) * g.batch() + n) * positions;
                    int[] mask = masks[j];
                    int k = from;
                    for (; k + L <= to; k += L) {
                        IntVector m = IntVector.fromArray(I, mask, k);
                        FloatVector v = FloatVector.fromArray(S, cols, o + k).reinterpretAsInts().and(m)
                                .reinterpretAsFloats();
                        FloatVector.fromArray(S, dx, shift + k).add(v).intoArray(dx, shift + k);
                    }
                    for (; k < to; k++) {
                        if (mask[k] != 0) {
                            dx[shift + k] += cols[o + k];
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #col2imSameWidth}: tap (i, j) of image n, as a run over output
     * positions, copies its shifted run of the plane, masked where the tap leaves the row; the
     * positions above and below the image are zero-filled as ranges.
     */
    @Override
    public void im2colSameWidth(float[] x, ConvGeometry g, float[] cols, int u0, int u1) {
        int kh = g.kernelH();
        int kw = g.kernelW();
        int positions = g.outH() * g.width();
        int batch = g.batch();
        int[][] masks = columnMasks(g, positions);
        for (int u = u0; u < u1; u++) {
            int row = u / batch;
            int n = u - row * batch;
            int ch = row / (kh * kw);
            int i = row / kw % kh;
            int j = row % kw;
            int from = firstTapPosition(g, i, j);
            int to = endTapPosition(g, i, j, from);
            int shift = (n * g.channels() + ch) * g.height() * g.width() + tapShift(g, i, j);
            int o = u * positions;
            int[] mask = masks[j];
            java.util.Arrays.fill(cols, o, o + from, 0f);
            int k = from;
            for (; k + L <= to; k += L) {
                IntVector m = IntVector.fromArray(I, mask, k);
                FloatVector.fromArray(S, x, shift + k).reinterpretAsInts().and(m).reinterpretAsFloats()
                        .intoArray(cols, o + k);
            }
            for (; k < to; k++) {
                cols[o + k] = mask[k] != 0 ? x[shift + k] : 0f;
            }
            java.util.Arrays.fill(cols, o + to, o + positions, 0f);
        }
    }

    /** In-plane input index minus output position for tap (i, j): di * width + dj. */
    private static int tapShift(ConvGeometry g, int i, int j) {
        return (i * g.dilationH() - g.padH()) * g.width() + j - g.padW();
    }

    /**
     * The first output position whose tap (i, j) reads inside the plane: past the rows above the
     * image and the columns left of it (at most all positions, when padding rows cover them all).
     */
    private static int firstTapPosition(ConvGeometry g, int i, int j) {
        int above = Math.max(0, g.padH() - i * g.dilationH());
        int left = Math.max(0, g.padW() - j);
        return Math.min(g.outH() * g.width(), above * g.width() + left);
    }

    /** One past the last output position whose tap (i, j) reads inside the plane, at least {@code from}. */
    private static int endTapPosition(ConvGeometry g, int i, int j, int from) {
        int di = i * g.dilationH() - g.padH();
        int right = Math.max(0, j - g.padW());
        return Math.max(from, Math.min(g.outH(), g.height() - di) * g.width() - right);
    }

    /** Per kernel column j: -1 at each output position whose tap's input column is inside the row, else 0. */
    private static int[][] columnMasks(ConvGeometry g, int positions) {
        int kw = g.kernelW();
        int w = g.width();
        int[][] masks = COLUMN_MASKS.get();
        if (masks.length < kw || masks[0].length < positions) {
            masks = new int[Math.max(kw, masks.length)][Math.max(positions, masks.length == 0 ? 0 : masks[0].length)];
            COLUMN_MASKS.set(masks);
        }
        for (int j = 0; j < kw; j++) {
            for (int k = 0; k < positions; k++) {
                int ix = k % w + j - g.padW();
                masks[j][k] = ix >= 0 && ix < w ? -1 : 0;
            }
        }
        return masks;
    }

    /** Elements summed in float32 lanes before the partial sum joins the float64 total. */
    private static final int SUM_CHUNK = 4096;

    @Override
    public void swapOuterAxes(float[] a, int outer, int inner, int block, float[] bias, boolean relu, float[] out,
                              int u0, int u1) {
        int upper = S.loopBound(block);
        FloatVector zero = FloatVector.zero(S);
        for (int u = u0; u < u1; u++) {
            int src = u * block;
            int dst = FloatConvOps.swappedStart(u, outer, inner, block);
            float b = bias == null ? 0f : bias[u / inner];
            FloatVector bv = FloatVector.broadcast(S, b);
            int s = 0;
            for (; s < upper; s += L) {
                FloatVector v = FloatVector.fromArray(S, a, src + s).add(bv);
                (relu ? v.max(zero) : v).intoArray(out, dst + s);
            }
            for (; s < block; s++) {
                float v = a[src + s] + b;
                out[dst + s] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void swapOuterAxesReluBackward(float[] dout, float[] y, int outer, int inner, int block, float[] out,
                                          int u0, int u1) {
        int upper = S.loopBound(block);
        FloatVector zero = FloatVector.zero(S);
        for (int u = u0; u < u1; u++) {
            int src = u * block;
            int dst = FloatConvOps.swappedStart(u, outer, inner, block);
            int s = 0;
            for (; s < upper; s += L) {
                FloatVector d = FloatVector.fromArray(S, dout, src + s);
                FloatVector v = FloatVector.fromArray(S, y, src + s);
                zero.blend(d, v.compare(VectorOperators.GT, 0f)).intoArray(out, dst + s);
            }
            for (; s < block; s++) {
                float d = dout[src + s];
                float v = y[src + s];
                out[dst + s] = v > 0 ? d : 0f;
            }
        }
    }

    @Override
    public void batchNorm(float[] x, int n, int c, int s, float[] gamma, float[] beta, double eps, float[] mean,
                          float[] var, float[] y, int c0, int c1) {
        double count = (double) n * s;
        for (int ch = c0; ch < c1; ch++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += sum(x, (i * c + ch) * s, s);
            }
            double m = total / count;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                sq += squaredDeviations(x, (i * c + ch) * s, s, (float) m);
            }
            double v = sq / count;
            mean[ch] = (float) m;
            var[ch] = (float) v;
            double scale = gamma[ch] / Math.sqrt(v + eps);
            // y = x * a + b, as the plain loop computes it (a multiply, then an add: no fused rounding)
            float af = (float) scale;
            float bf = (float) (beta[ch] - m * scale);
            FloatVector a = FloatVector.broadcast(S, af);
            FloatVector b = FloatVector.broadcast(S, bf);
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                int k = 0;
                for (int upper = S.loopBound(s); k < upper; k += L) {
                    FloatVector.fromArray(S, x, base + k).mul(a).add(b).intoArray(y, base + k);
                }
                for (; k < s; k++) {
                    y[base + k] = x[base + k] * af + bf;
                }
            }
        }
    }

    @Override
    public void batchNormBackward(float[] x, int n, int c, int s, float[] gamma, float[] mean, float[] var,
                                  double eps, float[] dy, float[] dx, float[] dgamma, float[] dbeta, int c0, int c1) {
        double count = (double) n * s;
        for (int ch = c0; ch < c1; ch++) {
            double inv = 1 / Math.sqrt((double) var[ch] + eps);
            float m = mean[ch];
            double sumDy = 0;
            double sumDyCentered = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                sumDy += sum(dy, base, s);
                sumDyCentered += centeredProducts(dy, x, base, s, m);
            }
            double sumDyXhat = sumDyCentered * inv;
            dbeta[ch] = (float) sumDy;
            dgamma[ch] = (float) sumDyXhat;
            // dx = k1 (count dy - sumDy - xhat sumDyXhat) = p dy + q (x - m) + r
            double k1 = gamma[ch] * inv / count;
            float p = (float) (k1 * count);
            float q = (float) (-k1 * sumDyXhat * inv);
            float r = (float) (-k1 * sumDy);
            FloatVector pv = FloatVector.broadcast(S, p);
            FloatVector qv = FloatVector.broadcast(S, q);
            FloatVector rv = FloatVector.broadcast(S, r);
            FloatVector mv = FloatVector.broadcast(S, m);
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                int k = 0;
                for (int upper = S.loopBound(s); k < upper; k += L) {
                    FloatVector g = FloatVector.fromArray(S, dy, base + k);
                    FloatVector d = FloatVector.fromArray(S, x, base + k).sub(mv);
                    g.mul(pv).add(d.mul(qv)).add(rv).intoArray(dx, base + k);
                }
                for (; k < s; k++) {
                    dx[base + k] = dy[base + k] * p + (x[base + k] - m) * q + r;
                }
            }
        }
    }

    /**
     * Float32 lanes over chunks of {@link #SUM_CHUNK}, four chains so the adds overlap (two in
     * {@link #centeredProducts}, whose terms cost more); each chunk's lanes are added in a fixed
     * order into a float64 total. Written out, as is its sibling: a helper that returned vectors
     * would box them wherever C2 did not inline it.
     */
    @Override
    public double sum(float[] a, int from, int count) {
        double total = 0;
        for (int c0 = 0; c0 < count; c0 += SUM_CHUNK) {
            int len = Math.min(SUM_CHUNK, count - c0);
            int base = from + c0;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            int i = 0;
            for (; i + 4 * L <= len; i += 4 * L) {
                s0 = s0.add(FloatVector.fromArray(S, a, base + i));
                s1 = s1.add(FloatVector.fromArray(S, a, base + i + L));
                s2 = s2.add(FloatVector.fromArray(S, a, base + i + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, base + i + 3 * L));
            }
            for (; i + L <= len; i += L) {
                s0 = s0.add(FloatVector.fromArray(S, a, base + i));
            }
            double chunk = laneTotal(s0.add(s1).add(s2.add(s3)));
            for (; i < len; i++) {
                chunk += a[base + i];
            }
            total += chunk;
        }
        return total;
    }

    /** The sum of (a[i] - m)^2, as {@link #sum} adds. */
    private static double squaredDeviations(float[] a, int from, int count, float m) {
        return centeredProducts(a, a, from, count, m);
    }

    /**
     * The sum of a[i] (b[i] - m), as {@link #sum} adds; given the same array twice, of
     * (b[i] - m)^2 (the deviation taken as both factors, not a[i]).
     */
    private static double centeredProducts(float[] a, float[] b, int from, int count, float m) {
        boolean squares = a == b;
        FloatVector mv = FloatVector.broadcast(S, m);
        double total = 0;
        for (int c0 = 0; c0 < count; c0 += SUM_CHUNK) {
            int len = Math.min(SUM_CHUNK, count - c0);
            int base = from + c0;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            int i = 0;
            for (; i + 2 * L <= len; i += 2 * L) {
                FloatVector d0 = FloatVector.fromArray(S, b, base + i).sub(mv);
                FloatVector d1 = FloatVector.fromArray(S, b, base + i + L).sub(mv);
                s0 = (squares ? d0 : FloatVector.fromArray(S, a, base + i)).fma(d0, s0);
                s1 = (squares ? d1 : FloatVector.fromArray(S, a, base + i + L)).fma(d1, s1);
            }
            double chunk = laneTotal(s0.add(s1));
            for (; i < len; i++) {
                float d = b[base + i] - m;
                chunk += (squares ? d : a[base + i]) * d;
            }
            total += chunk;
        }
        return total;
    }

    /** v's lanes added in order. */
    private static double laneTotal(FloatVector v) {
        double t = 0;
        for (int l = 0; l < L; l++) {
            t += v.lane(l);
        }
        return t;
    }

    /**
     * Eight rows at a time, a vector from each in turn: a minibatch's rows lie at random places in a
     * dataset far larger than the caches, and eight read streams in flight hide more of each row's
     * memory latency than one row after another (a 100-row Fashion-MNIST gather on one core took
     * 21-27 us against System.arraycopy's 31-42, docs/runs/GatherRows.java).
     */
    @Override
    public void gatherRows(float[] src, int cols, int[] rows, float[] out, int i0, int i1) {
        int bound = S.loopBound(cols);
        int i = i0;
        for (; i + 8 <= i1; i += 8) {
            int s0 = rows[i] * cols;
            int s1 = rows[i + 1] * cols;
            int s2 = rows[i + 2] * cols;
            int s3 = rows[i + 3] * cols;
            int s4 = rows[i + 4] * cols;
            int s5 = rows[i + 5] * cols;
            int s6 = rows[i + 6] * cols;
            int s7 = rows[i + 7] * cols;
            int d = i * cols;
            for (int c = 0; c < bound; c += L) {
                FloatVector.fromArray(S, src, s0 + c).intoArray(out, d + c);
                FloatVector.fromArray(S, src, s1 + c).intoArray(out, d + cols + c);
                FloatVector.fromArray(S, src, s2 + c).intoArray(out, d + 2 * cols + c);
                FloatVector.fromArray(S, src, s3 + c).intoArray(out, d + 3 * cols + c);
                FloatVector.fromArray(S, src, s4 + c).intoArray(out, d + 4 * cols + c);
                FloatVector.fromArray(S, src, s5 + c).intoArray(out, d + 5 * cols + c);
                FloatVector.fromArray(S, src, s6 + c).intoArray(out, d + 6 * cols + c);
                FloatVector.fromArray(S, src, s7 + c).intoArray(out, d + 7 * cols + c);
            }
            if (bound < cols) {
                for (int r = i; r < i + 8; r++) {
                    System.arraycopy(src, rows[r] * cols + bound, out, r * cols + bound, cols - bound);
                }
            }
        }
        FloatOps.gatherRows(src, cols, rows, out, i, i1); // the last rows
    }
}
