package io.jgrad.core.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Layer;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;

/**
 * Compares analytic gradients with central differences {@code (L(p+h) - L(p-h)) / 2h}, parameter by
 * parameter. Use float64 models: float32 rounding swamps the differences.
 *
 * <p>Each scalar's relative error is {@code |a - n| / max(|a|, |n|, rms(a))}, where rms(a) is the
 * RMS of that parameter's analytic gradient: comparing on the parameter's own scale keeps entries
 * whose true gradient is almost zero from reporting huge ratios of rounding noise, while a wrong
 * gradient (like a bias gradient of {@code sum(b)}) still stands out by orders of magnitude.
 *
 * <p>Non-differentiable points are the one source of honest failures: if a ReLU (or LeakyReLU,
 * abs) input lies within h of zero, the central difference straddles the kink and disagrees with
 * the one-sided analytic gradient. Such an element fails alone; a smaller h or other data clears it.
 *
 * <pre>{@code
 * GradientCheckReport r = new GradientCheck().check(model, loss, x, y);
 * System.out.print(r.table());
 * }</pre>
 */
public final class GradientCheck {
    private static final int ANALYTIC_RUNS = 25;
    private double h = 1e-4;
    private double threshold = 1e-6;
    private int samplesPerParameter;
    private long seed = 1;
    private boolean training;
    private int threads; // 0: the backend's concurrency()

    /** Step of the central difference (default 1e-4). */
    public GradientCheck step(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("h must be positive, got " + step);
        }
        this.h = step;
        return this;
    }

    /** Largest relative error that passes (default 1e-6). */
    public GradientCheck threshold(double t) {
        this.threshold = t;
        return this;
    }

    /** Check at most K random scalars per parameter (0, the default: all of them). */
    public GradientCheck samplesPerParameter(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("samples per parameter must be >= 0, got " + k);
        }
        this.samplesPerParameter = k;
        return this;
    }

    /**
     * Check the training-mode function (default false: inference mode). Dropout then applies its
     * mask; the layers' random state is rewound before every evaluation, so the analytic and the
     * numerical gradients see the same mask.
     */
    public GradientCheck training(boolean t) {
        this.training = t;
        return this;
    }

    /**
     * Threads for the numerical gradient of {@link #check} (default: the backend's
     * {@link Backend#concurrency()}, one per core on the CPU, one on a GPU): the caller's on the
     * model, each other one on a copy of it; a model with a layer that cannot be copied is checked
     * on one thread.
     */
    public GradientCheck threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        this.threads = n;
        return this;
    }

    public GradientCheck seed(long s) {
        this.seed = s;
        return this;
    }

    /** Checks every parameter of {@code model} under {@code loss} on one batch. */
    public GradientCheckReport check(Sequential model, Loss loss, Tensor x, Tensor target) {
        warnIfFloat32(x);
        List<Checked> entries = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            entries.add(new Checked(p.name(), p.value(), p.grad()));
        }
        long state = model.randomState();
        Runnable analytic = () -> {
            model.setRandomState(state);
            Tensor out = model.forward(x, training);
            loss.forward(out, target);
            model.backward(loss.backward());
        };
        NumericalGradients numerical = picks -> {
            double[][][] losses = new PerturbedLoss(model, loss, x, target, training, state, threads)
                    .evaluate(picks, new double[] {h, -h});
            double[][] num = new double[picks.length][];
            for (int e = 0; e < picks.length; e++) {
                num[e] = new double[picks[e].length];
                for (int j = 0; j < num[e].length; j++) {
                    num[e][j] = (losses[e][0][j] - losses[e][1][j]) / (2 * h);
                }
            }
            return num;
        };
        return run(entries, analytic, numerical);
    }

    /**
     * Checks one layer on its own, parameters and input gradient, under the scalar objective
     * {@code sum(layer(x) * R)} for a fixed random R (so dL/dy = R).
     */
    public GradientCheckReport checkLayer(Layer layer, Tensor x) {
        warnIfFloat32(x);
        Backend b = x.backend();
        try (TensorScope scope = new TensorScope()) {
            Tensor r = scope.add(b.randomNormal(layer.outputShape(x.shape()), x.dtype(), 0, 1, seed));
            Tensor xGrad = scope.zeros(b, x.shape(), x.dtype());
            layer.setInputGradientNeeded(true);
            long state = layer.randomState();
            List<Checked> entries = new ArrayList<>();
            for (Parameter p : layer.parameters()) {
                entries.add(new Checked(p.name(), p.value(), p.grad()));
            }
            entries.add(new Checked(layer.name() + ".input", x, xGrad));
            Runnable analytic = () -> {
                layer.setRandomState(state);
                layer.forward(x, training);
                b.copy(layer.backward(r), xGrad);
            };
            DoubleSupplier value = () -> {
                layer.setRandomState(state);
                return b.dot(layer.forward(x, training), r);
            };
            return run(entries, analytic, picks -> centralDifferences(entries, picks, value));
        }
    }

    private record Checked(String name, Tensor value, Tensor grad) {
    }

    /** The numerical gradient {@code num[e][j]} at scalar {@code picks[e][j]} of entry e. */
    private interface NumericalGradients {
        double[][] at(int[][] picks);
    }

    /** One scalar at a time, on the caller's thread (a lone layer, whose input is an entry too). */
    private double[][] centralDifferences(List<Checked> entries, int[][] picks, DoubleSupplier value) {
        double[][] num = new double[picks.length][];
        for (int e = 0; e < picks.length; e++) {
            Tensor v = entries.get(e).value();
            num[e] = new double[picks[e].length];
            for (int j = 0; j < picks[e].length; j++) {
                int i = picks[e][j];
                double orig = v.get(i);
                v.set(i, orig + h);
                double plus = value.getAsDouble();
                v.set(i, orig - h);
                double minus = value.getAsDouble();
                v.set(i, orig);
                num[e][j] = (plus - minus) / (2 * h);
            }
        }
        return num;
    }

    private GradientCheckReport run(List<Checked> entries, Runnable analytic, NumericalGradients numerical) {
        Backend backend = entries.get(0).value().backend();
        analytic.run();
        List<double[]> grads = new ArrayList<>();
        for (Checked c : entries) {
            grads.add(c.grad().toDoubleArray());
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] picks = new int[entries.size()][];
        for (int e = 0; e < entries.size(); e++) {
            picks[e] = pick(grads.get(e).length, rnd);
        }
        long t1 = System.nanoTime();
        double[][] num = numerical.at(picks);
        List<ParameterCheck> rows = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            rows.add(compare(entries.get(e).name(), picks[e], grads.get(e), num[e]));
        }
        double numericalSeconds = (System.nanoTime() - t1) / 1e9;
        return new GradientCheckReport(rows, threshold, analyticSeconds(analytic, backend), numericalSeconds);
    }

    /**
     * The analytic gradient's time: the median of repeated runs after warm-up ones, taken after the
     * numerical gradient, whose forward passes have already warmed the JIT up (a cold run mostly
     * times the compiler). Each run leaves the same gradients in place. synchronize() waits for
     * asynchronous backends.
     */
    private static double analyticSeconds(Runnable analytic, Backend backend) {
        double[] runs = new double[ANALYTIC_RUNS];
        for (int i = -ANALYTIC_RUNS; i < ANALYTIC_RUNS; i++) {
            long t0 = System.nanoTime();
            analytic.run();
            backend.synchronize();
            if (i >= 0) {
                runs[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(runs);
        return runs[ANALYTIC_RUNS / 2];
    }

    private ParameterCheck compare(String name, int[] idx, double[] a, double[] num) {
        double sa = 0;
        double sd = 0;
        for (int j = 0; j < idx.length; j++) {
            double av = a[idx[j]];
            sa += av * av;
            sd += (av - num[j]) * (av - num[j]);
        }
        double rmsA = Math.sqrt(sa / idx.length);
        double rmsD = Math.sqrt(sd / idx.length);
        double maxRel = 0;
        for (int j = 0; j < idx.length; j++) {
            double av = a[idx[j]];
            double diff = Math.abs(av - num[j]);
            double scale = Math.max(Math.max(Math.abs(av), Math.abs(num[j])), rmsA);
            double rel = diff == 0 ? 0 : scale == 0 ? Double.POSITIVE_INFINITY : diff / scale;
            if (Double.isNaN(rel)) {
                rel = Double.POSITIVE_INFINITY;
            }
            maxRel = Math.max(maxRel, rel);
        }
        return new ParameterCheck(name, idx.length, a.length, rmsA, rmsD, maxRel, maxRel <= threshold);
    }

    private int[] pick(int n, SplittableRandom rnd) {
        if (samplesPerParameter == 0 || samplesPerParameter >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return rnd.ints(0, n).distinct().limit(samplesPerParameter).sorted().toArray();
    }

    private static void warnIfFloat32(Tensor x) {
        if (x.dtype() == DType.FLOAT32) {
            org.slf4j.LoggerFactory.getLogger(GradientCheck.class)
                    .warn("gradient check in float32: expect relative errors near 1e-2; build the model in float64");
        }
    }
}
