package io.jgrad.core.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer, 200 steps on a parameter of 300 x 100 (large enough for the CPU backend's
 * multithreaded update path) against a plain float64 reference written here from the documented
 * formulas. The gradients are a fixed sequence (rounded to the tensor's dtype, and the reference
 * uses the rounded values), so only the update arithmetic can drift. float32 stays within 2e-6
 * relative (max |error| / max |reference|; 1e-5 for SGD with weight decay, two ops per step);
 * float64 within 1e-13.
 */
public abstract class OptimizerParitySuite extends ScopedBackendTest {
    private static final int ROWS = 300;
    private static final int COLS = 100;
    private static final int STEPS = 200;

    private interface Reference {
        void step(double[] p, double[] g, double[][] state, long t);
    }

    private record Case(String name, java.util.function.Supplier<Optimizer> optimizer, Reference reference,
                        double float32Tolerance) {
        Case(String name, java.util.function.Supplier<Optimizer> optimizer, Reference reference) {
            this(name, optimizer, reference, 2e-6);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        double lr = 0.01;
        double wd = 1e-3;
        double adamLr = 0.05;
        List<Case> cases = List.of(
                new Case("SGD", () -> new SGD(lr), (p, g, s, t) -> {
                    for (int i = 0; i < p.length; i++) {
                        p[i] -= lr * g[i];
                    }
                }),
                // Decay and step are two ops, so p is rounded twice per step (as in PyTorch's
                // float32 SGD, which rounds g + wd*p and then p - lr*g'): a wider bound.
                new Case("SGD+wd", () -> new SGD(lr, wd), (p, g, s, t) -> {
                    for (int i = 0; i < p.length; i++) {
                        p[i] = p[i] * (1 - lr * wd) - lr * g[i];
                    }
                }, 1e-5),
                new Case("Momentum", () -> new Momentum(lr, 0.9, wd), (p, g, s, t) -> {
                    for (int i = 0; i < p.length; i++) {
                        double gi = g[i] + wd * p[i];
                        s[0][i] = 0.9 * s[0][i] - lr * gi;
                        p[i] += s[0][i];
                    }
                }),
                // Adam moves each parameter by about lr per step whatever the gradient's size, so
                // a larger rate makes the updates, and any error in them, dominate the parameters.
                new Case("Adam(keras)", () -> new Adam(adamLr, 0.9, 0.999, 1e-7, wd), adam(adamLr, wd, 1e-7, false)),
                new Case("Adam(pytorch)", () -> new Adam(adamLr, 0.9, 0.999, 1e-8, wd, Adam.Form.PYTORCH),
                        adam(adamLr, wd, 1e-8, true)),
                new Case("AdamW", () -> new AdamW(adamLr, 0.9, 0.999, 1e-8, 0.05), (p, g, s, t) -> {
                    double bc1 = 1 - Math.pow(0.9, t);
                    double bc2 = 1 - Math.pow(0.999, t);
                    for (int i = 0; i < p.length; i++) {
                        p[i] -= adamLr * 0.05 * p[i];
                        s[0][i] = 0.9 * s[0][i] + (1 - 0.9) * g[i];
                        s[1][i] = 0.999 * s[1][i] + (1 - 0.999) * g[i] * g[i];
                        p[i] -= adamLr / bc1 * s[0][i] / (Math.sqrt(s[1][i]) / Math.sqrt(bc2) + 1e-8);
                    }
                }, 1e-5));
        Stream.Builder<Arguments> b = Stream.builder();
        for (Case c : cases) {
            for (DType d : DType.values()) {
                b.add(Arguments.of(c, d));
            }
        }
        return b.build();
    }

    private static Reference adam(double lr, double wd, double eps, boolean pytorch) {
        return (p, g, s, t) -> {
            double bc1 = 1 - Math.pow(0.9, t);
            double bc2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + wd * p[i];
                s[0][i] = 0.9 * s[0][i] + (1 - 0.9) * gi;
                s[1][i] = 0.999 * s[1][i] + (1 - 0.999) * gi * gi;
                if (pytorch) {
                    p[i] -= lr / bc1 * s[0][i] / (Math.sqrt(s[1][i]) / Math.sqrt(bc2) + eps);
                } else {
                    p[i] -= lr * Math.sqrt(bc2) / bc1 * s[0][i] / (Math.sqrt(s[1][i]) + eps);
                }
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesFloat64ReferenceOver200Steps(Case c, DType dtype) {
        int n = ROWS * COLS;
        double[] ref = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = round(dtype, Math.sin(0.7 * i) * 0.5);
        }
        double[][] state = new double[2][n];
        double[] g = new double[n];
        Tensor value = track(backend.zeros(Shape.of(ROWS, COLS), dtype));
        backend.write(value, ref);
        try (Parameter param = new Parameter("w", value); Optimizer opt = c.optimizer().get()) {
            for (long t = 1; t <= STEPS; t++) {
                for (int i = 0; i < n; i++) {
                    // Varied magnitudes and signs; some near zero, where Adam's epsilon matters.
                    g[i] = round(dtype, Math.sin(0.37 * t + 0.11 * i) * Math.exp(-3 * ((i * 7919L) % 97) / 97.0));
                }
                backend.write(param.grad(), g);
                opt.step(List.of(param));
                c.reference().step(ref, g, state, t);
            }
            double[] got = value.toDoubleArray();
            double maxErr = 0;
            double maxRef = 0;
            for (int i = 0; i < n; i++) {
                maxErr = Math.max(maxErr, Math.abs(got[i] - ref[i]));
                maxRef = Math.max(maxRef, Math.abs(ref[i]));
            }
            double rel = maxErr / maxRef;
            double tol = dtype == DType.FLOAT32 ? c.float32Tolerance() : 1e-13;
            System.out.printf("%s %s on %s: relative error %.3g%n", c, dtype, backend.name(), rel);
            assertTrue(rel <= tol, c + " " + dtype + " on " + backend.name() + ": relative error " + rel + " > " + tol);
        } finally {
            value.close(); // owned by the Parameter too; closing twice is a no-op
        }
    }

    private static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }
}
