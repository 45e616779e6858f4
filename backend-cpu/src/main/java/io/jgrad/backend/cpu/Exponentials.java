package io.jgrad.backend.cpu;

/**
 * e^x for the element loops, one overload per dtype so that {@link DoubleOps} and the
 * {@link FloatOps} generated from it call the right one. float64 keeps {@link Math#exp}, which
 * gradient checks rely on; float32 gets its own, because {@code Math.exp} (a double-precision call
 * per element) made 1,000 exponentials of a softmax cost more than a 100x100x10 GEMM.
 *
 * <p>The float32 version uses only float adds, multiplies, fused multiply-adds and bit moves, so it
 * gives the same bits on every JIT tier (a vectorized library exp did not: its results changed in
 * the last bit once C2 compiled it).
 */
final class Exponentials {
    private static final float LOG2E = 1.44269504f;
    /** ln 2 in two parts: LN2_HI has few enough bits that n * LN2_HI is exact for |n| <= 128. */
    private static final float LN2_HI = 0.693145752f;
    private static final float LN2_LO = 1.42860677e-6f;
    /** Adding 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer, ties to even. */
    private static final float ROUNDER = 12582912f;
    /** The fast path's range: n stays within float's normal exponents, -126..127. */
    private static final float LOWEST = -87f;
    private static final float HIGHEST = 88f;

    private Exponentials() {
    }

    static double exp(double x) {
        return Math.exp(x);
    }

    /**
     * e^x within 2 units in the last place of {@code (float) Math.exp(x)} (ExponentialsTest): x = n ln2 + r
     * with |r| <= ln2 / 2, e^r by its Taylor polynomial of degree 7 (truncation below 5e-9), 2^n
     * from the exponent bits. Outside [-87, 88] (and for NaN) it defers to Math.exp.
     */
    static float exp(float x) {
        if (!(x >= LOWEST && x <= HIGHEST)) {
            return (float) Math.exp(x);
        }
        float shifted = Math.fma(x, LOG2E, ROUNDER);
        int n = Float.floatToRawIntBits(shifted) - Float.floatToRawIntBits(ROUNDER);
        float nf = shifted - ROUNDER;
        float r = Math.fma(nf, -LN2_HI, x);
        r = Math.fma(nf, -LN2_LO, r);
        float p = 1f / 5040f;
        p = Math.fma(p, r, 1f / 720f);
        p = Math.fma(p, r, 1f / 120f);
        p = Math.fma(p, r, 1f / 24f);
        p = Math.fma(p, r, 1f / 6f);
        p = Math.fma(p, r, 0.5f);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat((n + 127) << 23);
    }
}
