package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import io.jgrad.core.train.GradientMethod;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;

/**
 * {@code bench gemm}: GEMM GFLOPS per size (median of repeated samples after warm-up), square sizes
 * and the MLP shapes (784-100-10 at batch 100, 784-50-10 at batch 3). {@code bench step}: median
 * time of one training step of 784-H-10 and the backprop gradient time of 784-50-10 on 3 samples.
 * Each sample times enough back-to-back calls to last at least 20 ms, as the numpy peers do.
 */
public final class BenchCommand implements Command {
    private static final double MIN_SAMPLE_SECONDS = 0.02;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public int positionalArguments() {
        return 1;
    }

    @Override
    public String summary() {
        return "benchmarks: 'bench gemm' (GFLOPS) and 'bench step' (training step time)";
    }

    @Override
    public Options options() {
        return new Options()
                .value("sizes", "LIST", "256,512,1024,2048", "gemm: square sizes")
                .value("dtype", "TYPE", "float32", "gemm: float32 or float64")
                .value("hidden", "H", "100", "step: hidden units of 784-H-10")
                .value("layers", "LIST", null, "step: layer sizes instead, e.g. 3072,4096,4096,10 (ReLU between)")
                .value("batch", "N", null, "step: batch size (default: mlp 100, cnn 64)")
                .choice("model", "NAME", "mlp", "step: mlp (784-H-10, or --layers) or cnn (the CNN recipe on 1x28x28)", "mlp", "cnn")
                .integer("repeats", "N", "15", "samples per figure (the median is reported)")
                .common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("bench needs one of: gemm, step");
        }
        Backend backend = CommandSupport.backend(args);
        Map<String, Object> report = CommandSupport.report(backend, "bench " + args.positional().get(0));
        out.println("backend: " + backend);
        switch (args.positional().get(0)) {
            case "gemm" -> gemm(backend, args, out, report);
            case "step" -> {
                if (args.get("model").equals("cnn")) {
                    cnnStep(backend, args, out, report);
                } else {
                    step(backend, args, out, report);
                }
            }
            default -> throw new UsageException("unknown benchmark '" + args.positional().get(0)
                    + "' (expected gemm or step)");
        }
        CommandSupport.writeReport(args, report);
        return 0;
    }

    /**
     * Median seconds of one call: samples of >= 20 ms of back-to-back calls, after 2 s of warm-up
     * (the JIT needs over a second to finish compiling the kernels at full optimization).
     */
    static double medianSeconds(Runnable call, Backend backend, int repeats) {
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        double one = Double.MAX_VALUE;
        while (System.nanoTime() < warmEnd) {
            long t0 = System.nanoTime();
            call.run();
            backend.synchronize();
            one = Math.min(one, (System.nanoTime() - t0) / 1e9);
        }
        int inner = (int) Math.max(1, MIN_SAMPLE_SECONDS / Math.max(one, 1e-7));
        double[] samples = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                call.run();
            }
            backend.synchronize();
            samples[r] = (System.nanoTime() - t0) / 1e9 / inner;
        }
        Arrays.sort(samples);
        return samples[repeats / 2];
    }

    private static void gemm(Backend backend, Options.Parsed args, PrintStream out, Map<String, Object> report) {
        DType dtype = DType.parse(args.get("dtype"));
        int repeats = args.positiveInteger("repeats");
        List<int[]> cases = new ArrayList<>();
        for (int n : args.integers("sizes")) {
            cases.add(new int[] {n, n, n, 0});
        }
        cases.add(new int[] {100, 784, 100, 0}); // x W1
        cases.add(new int[] {100, 100, 10, 0});  // h W2
        cases.add(new int[] {784, 100, 100, 1}); // dW1 = x^T dout, A passed transposed
        cases.add(new int[] {3, 784, 50, 0});    // x W1 of the batch-3 gradient (784-50-10)
        cases.add(new int[] {784, 3, 50, 1});    // and its dW1
        List<Object> rows = new ArrayList<>();
        out.printf("%-16s %12s %10s%n", "m x k x n", "us/call", "GFLOPS");
        for (int[] c : cases) {
            int m = c[0];
            int k = c[1];
            int n = c[2];
            boolean transA = c[3] == 1;
            try (TensorScope scope = new TensorScope()) {
                Tensor a = scope.add(backend.randomNormal(transA ? Shape.of(k, m) : Shape.of(m, k), dtype, 0, 1, 1));
                Tensor b = scope.add(backend.randomNormal(Shape.of(k, n), dtype, 0, 1, 2));
                Tensor cc = scope.zeros(backend, Shape.of(m, n), dtype);
                double secs = medianSeconds(() -> backend.gemm(transA, false, 1, a, b, 0, cc), backend, repeats);
                double gflops = 2.0 * m * n * k / secs / 1e9;
                String label = m + "x" + k + "x" + n + (transA ? " (A^T)" : "");
                out.printf(Locale.ROOT, "%-16s %12.1f %10.1f%n", label, secs * 1e6, gflops);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("m", m);
                row.put("n", n);
                row.put("k", k);
                row.put("trans_a", transA);
                row.put("dtype", dtype.toString());
                row.put("us", secs * 1e6);
                row.put("gflops", gflops);
                rows.add(row);
            }
        }
        report.put("gemm", rows);
    }

    private static void step(Backend backend, Options.Parsed args, PrintStream out, Map<String, Object> report) {
        int hidden = args.positiveInteger("hidden");
        int batch = args.has("batch") ? args.positiveInteger("batch") : 100;
        int repeats = args.positiveInteger("repeats");
        int[] sizes = args.has("layers") ? args.integers("layers") : new int[] {784, hidden, 10};
        if (sizes.length < 2) {
            throw new UsageException("--layers needs at least an input and an output size");
        }
        Sequential.Builder mb = Sequential.builder(backend, DType.FLOAT32).seed(1).initializer(Initializer.normal(0.01))
                .input(sizes[0]);
        for (int i = 1; i < sizes.length; i++) {
            mb.dense(sizes[i]);
            if (i < sizes.length - 1) {
                mb.relu();
            }
        }
        int inputs = sizes[0];
        int classes = sizes[sizes.length - 1];
        String name = java.util.Arrays.stream(sizes).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("-"));
        try (TensorScope scope = new TensorScope();
             Sequential model = mb.build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(0.1)) {
            // Rotate through distinct random batches: training on one fixed batch saturates the
            // softmax until gradients turn denormal, which times the FPU's slow path, not jgrad.
            int batches = 16;
            Tensor[] xs = new Tensor[batches];
            Tensor[] ys = new Tensor[batches];
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
            for (int k = 0; k < batches; k++) {
                xs[k] = scope.add(backend.randomUniform(Shape.of(batch, inputs), DType.FLOAT32, 0, 1, 100 + k));
                float[] labels = new float[batch];
                for (int i = 0; i < batch; i++) {
                    labels[i] = rnd.nextInt(classes);
                }
                ys[k] = scope.tensor(backend, labels, Shape.of(batch));
            }
            int[] next = {0};
            Runnable stepCall = () -> {
                int k = next[0]++ & (batches - 1);
                GradientMethod.BACKPROP.computeGradients(model, loss, xs[k], ys[k]);
                sgd.step(model.parameters());
            };
            double step = medianSeconds(stepCall, backend, repeats);
            long allocated = allocatedPerCall(stepCall, 200);
            out.printf(Locale.ROOT, "training step %s relu, batch %d, float32: median %.3f ms (%d bytes allocated"
                    + " per step)%n", name, batch, step * 1e3, allocated);
            report.put("layers", sizes);
            report.put("hidden", hidden);
            report.put("batch", batch);
            report.put("step_ms_median", step * 1e3);
            report.put("step_bytes_allocated", allocated);
        }
        try (TensorScope scope = new TensorScope();
             Sequential model = Sequential.builder(backend, DType.FLOAT32).seed(1).initializer(Initializer.normal(0.01))
                     .input(784).dense(50).relu().dense(10).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse()) {
            Tensor x = scope.add(backend.randomUniform(Shape.of(3, 784), DType.FLOAT32, 0, 1, 4));
            Tensor y = scope.tensor(backend, new float[] {5, 0, 4}, Shape.of(3));
            double grad = medianSeconds(() -> GradientMethod.BACKPROP.computeGradients(model, loss, x, y), backend,
                    repeats);
            out.printf(Locale.ROOT, "backprop gradient 784-50-10, batch 3: median %.1f us%n", grad * 1e6);
            report.put("gradient_us_batch3", grad * 1e6);
        }
    }

    /** One training step of the CNN recipe (Adam) on random 1 x 28 x 28 batches. */
    private static void cnnStep(Backend backend, Options.Parsed args, PrintStream out, Map<String, Object> report) {
        int batch = args.has("batch") ? args.positiveInteger("batch") : CnnRecipe.BATCH;
        int repeats = args.positiveInteger("repeats");
        try (TensorScope scope = new TensorScope();
             Sequential model = CnnRecipe.build(backend, DType.FLOAT32, 1, 1, 28, false, 0);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Adam adam = Adam.pytorch(CnnRecipe.LEARNING_RATE)) {
            int batches = 8;
            Tensor[] xs = new Tensor[batches];
            Tensor[] ys = new Tensor[batches];
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
            for (int k = 0; k < batches; k++) {
                xs[k] = scope.add(backend.randomUniform(Shape.of(batch, 1, 28, 28), DType.FLOAT32, 0, 1, 100 + k));
                float[] labels = new float[batch];
                for (int i = 0; i < batch; i++) {
                    labels[i] = rnd.nextInt(10);
                }
                ys[k] = scope.tensor(backend, labels, Shape.of(batch));
            }
            int[] next = {0};
            Runnable stepCall = () -> {
                int k = next[0]++ & (batches - 1);
                GradientMethod.BACKPROP.computeGradients(model, loss, xs[k], ys[k]);
                adam.step(model.parameters());
            };
            double step = medianSeconds(stepCall, backend, repeats);
            long allocated = allocatedPerCall(stepCall, 20);
            out.printf(Locale.ROOT, "training step CNN (conv32-pool-conv64-pool-dense128-dense10, Adam), batch %d,"
                    + " float32: median %.2f ms (%d bytes allocated per step)%n", batch, step * 1e3, allocated);
            report.put("model", "cnn");
            report.put("batch", batch);
            report.put("step_ms_median", step * 1e3);
            report.put("step_bytes_allocated", allocated);
        }
    }

    /** Bytes allocated per call by the caller and the backend's workers (-1: not measurable here). */
    private static long allocatedPerCall(Runnable call, int calls) {
        io.jgrad.core.util.AllocationMeter meter = io.jgrad.core.util.AllocationMeter.ofCallerAnd("jgrad-");
        return meter == null ? -1 : meter.leastBytes(call, calls, 5) / calls;
    }
}
