package io.jgrad.backend.cpu;

import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ConvGeometry;

/**
 * float32 kernels that the JIT does not vectorize by itself on Java 17 (a select on a comparison
 * compiles to scalar conditional moves or branches there). The Vector API implementation
 * ({@link VectorFloatLanes}) is loaded only where the incubator module is present; elsewhere the
 * plain loops in {@link FloatOps} and {@link FloatConvOps} run.
 */
interface FloatLanes {
    /** dx = x > 0 ? dout : 0 over [from, to): ReLU's gradient, NaN in x giving 0 as the scalar loop. */
    void reluBackward(float[] x, float[] dout, float[] dx, int from, int to);

    /**
     * {@link FloatOps#binary} with a row broadcast over [from, to), both on row starts: each row of
     * {@code a} combined with {@code b} ([cols]) into {@code out}, which may be {@code a} (a Dense
     * layer's bias add, which the JIT leaves scalar: it cannot rule out {@code b} overlapping
     * {@code out}).
     */
    void binaryRows(BinaryOp op, float[] a, float[] b, float[] out, int from, int to, int cols);

    /**
     * out[j] = the sum of column j of the rows x cols matrix {@code a}, rows added first to last in
     * float32, as {@link FloatOps#reduce} adds them (the same bits): a Dense layer's bias gradient.
     */
    void sumColumns(float[] a, int rows, int cols, float[] out);

    /** out = max(0, a + bias) per row ({@code out} may be {@code a}), as ADD then ReLU compute it. */
    void addRowsRelu(float[] a, float[] bias, float[] out, int rows, int cols);

    /**
     * 2x2 max pooling at stride 2 without padding over planes [q0, q1) of h x w, w even: the max
     * and its flat in-plane index (first max in row-major window order, the first NaN winning), as
     * {@link FloatConvOps#maxPool} computes them.
     */
    void maxPool2x2(float[] x, int h, int w, float[] out, float[] argmax, int q0, int q1);

    /**
     * {@link FloatConvOps#col2im} over planes [q0, q1) for stride 1, no dilation across, and rows
     * as wide as the input's ({@code outW == width}, as "same" padding gives): then every tap adds
     * one flat, shifted run of the plane.
     */
    void col2imSameWidth(float[] cols, ConvGeometry g, float[] dx, int q0, int q1);

    /**
     * {@link FloatConvOps#im2col} over units [u0, u1) (u = row * batch + image) for the geometries
     * of {@link #col2imSameWidth}: every tap row of an image is one flat, shifted run of its plane.
     */
    void im2colSameWidth(float[] x, ConvGeometry g, float[] cols, int u0, int u1);

    /**
     * {@link FloatConvOps#swapOuterAxes} over units [u0, u1) where it computes (a bias, or ReLU, or
     * both; {@code bias} may be null with ReLU): the add and max that C2 leaves scalar (source and
     * destination offsets it cannot tell apart).
     */
    void swapOuterAxes(float[] a, int outer, int inner, int block, float[] bias, boolean relu, float[] out, int u0,
                       int u1);

    /** {@link FloatConvOps#swapOuterAxesReluBackward} over units [u0, u1). */
    void swapOuterAxesReluBackward(float[] dout, float[] y, int outer, int inner, int block, float[] out, int u0,
                                   int u1);

    /**
     * The sum of a[from, from + count), in float32 lanes over chunks of a few thousand elements whose
     * sums are added in float64 (about as exact as the scalar loop's float64 sum); lanes are added in a
     * fixed order, so the result does not depend on how the JIT compiled the loop.
     */
    double sum(float[] a, int from, int count);

    /**
     * {@link FloatConvOps#batchNorm} over channels [c0, c1): the channel statistics (sum, then the
     * sum of squared deviations from the mean) added up as {@link #sum} adds, the normalisation
     * the same as the plain loop's.
     */
    void batchNorm(float[] x, int n, int c, int s, float[] gamma, float[] beta, double eps, float[] mean,
                   float[] var, float[] y, int c0, int c1);

    /** {@link FloatConvOps#batchNormBackward} over channels [c0, c1), its two sums added up as {@link #sum} adds. */
    void batchNormBackward(float[] x, int n, int c, int s, float[] gamma, float[] mean, float[] var, double eps,
                           float[] dy, float[] dx, float[] dgamma, float[] dbeta, int c0, int c1);

    /**
     * {@link FloatOps#gatherRows} over output rows [i0, i1): out row i is src row rows[i], several
     * rows copied side by side so that their memory reads overlap.
     */
    void gatherRows(float[] src, int cols, int[] rows, float[] out, int i0, int i1);
}
