package io.jgrad.core.backend;

/**
 * Counter-based random numbers: value i of a stream is a pure function of (seed, i), so every
 * backend (and every thread, in any order) fills a tensor with the same numbers. The mixer is
 * SplitMix64's finalizer; the CUDA kernels implement the same three lines.
 */
public final class CounterRng {
    private CounterRng() {
    }

    public static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public static double uniform(long seed, long index) {
        return (mix(seed, index) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller over the uniform pair (2i, 2i+1). */
    public static double normal(long seed, long index) {
        double u1 = 1.0 - uniform(seed, 2 * index); // (0, 1]: log stays finite
        double u2 = uniform(seed, 2 * index + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
