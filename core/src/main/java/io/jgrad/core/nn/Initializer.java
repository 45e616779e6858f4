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

    /** He (Kaiming) uniform: U(-a, a), a = sqrt(6 / fanIn) (PyTorch's kaiming_uniform_ for ReLU). */
    static Initializer heUniform() {
        return (w, in, out, seed) -> {
            double a = Math.sqrt(6.0 / in);
            w.backend().randomUniform(w, -a, a, seed);
        };
    }

    /** Glorot (Xavier) normal: N(0, 2 / (fanIn + fanOut)). */
    static Initializer glorotNormal() {
        return (w, in, out, seed) -> w.backend().randomNormal(w, 0, Math.sqrt(2.0 / (in + out)), seed);
    }

    /**
     * PyTorch's default for Linear and Conv2d weights and biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn))
     * (kaiming_uniform_ with a = sqrt(5) for weights, the same bound for biases).
     */
    static Initializer pytorchDefault() {
        return (w, in, out, seed) -> {
            double a = 1 / Math.sqrt(in);
            w.backend().randomUniform(w, -a, a, seed);
        };
    }

    static Initializer zeros() {
        return (w, in, out, seed) -> w.backend().fill(w, 0);
    }

    /** Parses "normal", "normal:0.05", "xavier", "glorot", "glorot-normal", "he", "he-uniform", "pytorch". */
    static Initializer parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("normal")) {
            double sigma = 0.01;
            if (s.contains(":")) {
                String v = s.substring(s.indexOf(':') + 1);
                try {
                    sigma = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    sigma = Double.NaN;
                }
                if (!(sigma > 0) || Double.isInfinite(sigma)) {
                    throw new IllegalArgumentException("initializer '" + spec + "': the standard deviation after"
                            + " 'normal:' must be a positive number, got '" + v + "'");
                }
            }
            return normal(sigma);
        }
        switch (s) {
            case "xavier":
            case "glorot":
                return xavier();
            case "he":
                return he();
            case "he-uniform":
                return heUniform();
            case "glorot-normal":
                return glorotNormal();
            case "pytorch":
                return pytorchDefault();
            default:
                throw new IllegalArgumentException("unknown initializer '" + spec
                        + "' (expected normal[:sigma], xavier, glorot, glorot-normal, he, he-uniform or pytorch)");
        }
    }
}
