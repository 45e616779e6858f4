package io.jgrad.core.nn;

import io.jgrad.core.tensor.Tensor;

/** Fills a fresh weight tensor of a layer with fan-in and fan-out, deterministically from a seed. */
@FunctionalInterface
public interface Initializer {
    void init(Tensor weights, int fanIn, int fanOut, long seed);

    /** N(0, sigma^2): sigma 0.01 is the classic from-scratch recipe. */
    static Initializer normal(double sigma) {
        return (w, in, out, seed) -> w.backend().randomNormal(w, 0, sigma, seed);
    }

    /** Xavier/Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    static Initializer xavier() {
        return (w, in, out, seed) -> {
            double a = Math.sqrt(6.0 / (in + out));
            w.backend().randomUniform(w, -a, a, seed);
        };
    }

    /** He normal: N(0, 2 / fanIn), for ReLU networks. */
    static Initializer he() {
        return (w, in, out, seed) -> w.backend().randomNormal(w, 0, Math.sqrt(2.0 / in), seed);
    }

    static Initializer zeros() {
        return (w, in, out, seed) -> w.backend().fill(w, 0);
    }

    /** Parses "normal", "normal:0.05", "xavier", "glorot", "he". */
    static Initializer parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("normal")) {
            return normal(s.contains(":") ? Double.parseDouble(s.substring(s.indexOf(':') + 1)) : 0.01);
        }
        switch (s) {
            case "xavier":
            case "glorot":
                return xavier();
            case "he":
                return he();
            default:
                throw new IllegalArgumentException("unknown initializer '" + spec
                        + "' (expected normal[:sigma], xavier, glorot or he)");
        }
    }
}
