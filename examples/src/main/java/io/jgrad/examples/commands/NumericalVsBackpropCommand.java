package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.gradcheck.NumericalGradient;
import io.jgrad.core.loss.MeanSquaredError;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import io.jgrad.core.train.GradientMethod;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;

/**
 * The experiment jgrad grew from: a sigmoid DNN (10 inputs, 2 outputs, 32 units, hidden depth 5
 * and 10, loss 1/2 mean((h - y)^2), one sample) trained by forward differences and by backprop.
 * Numerical gradients cost one forward pass per parameter, so doubling the depth roughly
 * quadruples their step time, while backprop's about doubles.
 */
public final class NumericalVsBackpropCommand implements Command {
    /** Numerical warm-up at the first depth, while C2 compiles the kernels, and at the later ones. */
    private static final long FIRST_WARMUP_NANOS = 1_500_000_000L;
    private static final long LATER_WARMUP_NANOS = 300_000_000L;

    @Override
    public String name() {
        return "numerical-vs-backprop";
    }

    @Override
    public String summary() {
        return "seconds per step of numerical gradients vs backprop as the DNN deepens";
    }

    @Override
    public Options options() {
        return new Options()
                .value("depths", "LIST", "5,10", "hidden depths to compare")
                .value("units", "N", "32", "units per hidden layer")
                .value("num-steps", "N", "3", "steps timed with numerical gradients")
                .value("bp-steps", "N", "500", "steps timed with backprop")
                .number("lr", "RATE", "0.01", "SGD learning rate")
                .integer("seed", "N", "42", "seed")
                .common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        Backend backend = CommandSupport.backend(args);
        int[] depths = args.integers("depths");
        int units = args.positiveInteger("units");
        Map<String, Object> report = CommandSupport.report(backend, name());
        List<Object> rows = new ArrayList<>();
        out.printf("%-6s %10s %16s %16s %12s%n", "depth", "params", "numerical s/step", "backprop s/step", "num/bp");
        double[] num = new double[depths.length];
        double[] bp = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            long params = 0;
            try (TensorScope scope = new TensorScope()) {
                Tensor x = scope.add(backend.randomNormal(Shape.of(1, 10), DType.FLOAT64, 0, 1, args.longValue("seed")));
                Tensor y = scope.add(backend.randomNormal(Shape.of(1, 2), DType.FLOAT64, 0, 1,
                        args.longValue("seed") + 1));
                long warmup = i == 0 ? FIRST_WARMUP_NANOS : LATER_WARMUP_NANOS;
                num[i] = medianStep(backend, depths[i], units, args, x, y, new NumericalGradient(1e-4),
                        args.positiveInteger("num-steps"), warmup);
                bp[i] = medianStep(backend, depths[i], units, args, x, y, GradientMethod.BACKPROP,
                        args.positiveInteger("bp-steps"), 0);
                params = 10L * units + units + (depths[i] - 1L) * (units * units + units) + units * 2L + 2;
            }
            out.printf(Locale.ROOT, "%-6d %10d %16.6f %16.8f %12.0f%n", depths[i], params, num[i], bp[i], num[i] / bp[i]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("depth", depths[i]);
            row.put("parameters", params);
            row.put("numerical_seconds_per_step", num[i]);
            row.put("backprop_seconds_per_step", bp[i]);
            rows.add(row);
        }
        report.put("runs", rows);
        if (depths.length >= 2) {
            double nr = num[depths.length - 1] / num[0];
            double br = bp[depths.length - 1] / bp[0];
            out.printf(Locale.ROOT, "depth %d -> %d: numerical step x%.2f, backprop step x%.2f%n", depths[0],
                    depths[depths.length - 1], nr, br);
            report.put("numerical_growth", nr);
            report.put("backprop_growth", br);
        }
        CommandSupport.writeReport(args, report);
        return 0;
    }

    private static double medianStep(Backend backend, int depth, int units, Options.Parsed args, Tensor x, Tensor y,
                                     GradientMethod method, int steps, long warmupNanos) {
        Sequential.Builder b = Sequential.builder(backend, DType.FLOAT64).seed(args.longValue("seed"))
                .initializer(Initializer.normal(0.01)).input(10);
        for (int d = 0; d < depth; d++) {
            b.dense(units).sigmoid();
        }
        try (Sequential model = b.dense(2).sigmoid().build(); MeanSquaredError loss = new MeanSquaredError();
             SGD sgd = new SGD(args.number("lr"))) {
            // Untimed warm-up first, so that the median times compiled code, not the compiler: the
            // JIT compiles the hot code during the first few hundred backprop steps, and during the
            // first second or so of numerical ones (thousands of forward passes each; until C2 has
            // compiled them the Vector API kernels run as slow fallbacks, which made depth 5 look
            // slower than depth 10).
            long warmUntil = System.nanoTime() + warmupNanos;
            int warmupSteps = method == GradientMethod.BACKPROP ? Math.max(steps, 2000) : 1;
            for (int s = 0; s < warmupSteps || System.nanoTime() < warmUntil; s++) {
                method.computeGradients(model, loss, x, y);
                sgd.step(model.parameters());
            }
            double[] t = new double[steps];
            for (int s = 0; s < steps; s++) {
                long t0 = System.nanoTime();
                method.computeGradients(model, loss, x, y);
                sgd.step(model.parameters());
                backend.synchronize();
                t[s] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(t);
            return t[steps / 2];
        }
    }
}
