package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExponentialsTest {
    /** Distance in units in the last place between two finite floats of the same sign. */
    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    @Test
    void floatExpIsWithinTwoUlpsOfTheRoundedDoubleExpForNegativeArguments() {
        assertWithinTwoUlps(-1f, 87f); // where softmax evaluates it (x - max <= 0)
    }

    @Test
    void floatExpIsWithinTwoUlpsOfTheRoundedDoubleExpForPositiveArguments() {
        assertWithinTwoUlps(1f, 88f);
    }

    /** Every 64th float of magnitude up to {@code limit} and the given sign (several million points). */
    private static void assertWithinTwoUlps(float sign, float limit) {
        int worst = 0;
        float worstAt = 0;
        for (int bits = 0; bits <= Float.floatToIntBits(limit); bits += 64) {
            float x = sign * Float.intBitsToFloat(bits);
            int u = ulps(Exponentials.exp(x), (float) Math.exp(x));
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulps at x = " + worstAt);
    }

    @Test
    void floatExpMatchesMathExpOutsideItsFastRange() {
        float[] xs = {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -103f, -87.5f, -100f, 88.5f, 89f,
            1000f, -Float.MAX_VALUE};
        for (float x : xs) {
            assertEquals((float) Math.exp(x), Exponentials.exp(x), "exp(" + x + ")");
        }
    }

    @Test
    void floatExpIsExactAtZeroAndFiniteAtTheTopOfItsRange() {
        assertEquals(1f, Exponentials.exp(0f));
        assertEquals(1f, Exponentials.exp(-0f));
        assertTrue(Float.isFinite(Exponentials.exp(88f)));
        assertTrue(Exponentials.exp(-87f) > 0f);
    }

    @Test
    void doubleExpIsMathExp() {
        for (double x : new double[] {-745.2, -1e-300, 0.5, 3.25, 709.7}) {
            assertEquals(Math.exp(x), Exponentials.exp(x));
        }
    }
}
