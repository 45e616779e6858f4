package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise that a training step allocates nothing on the Java heap once warm, measured with
 * the allocated-bytes counters of the calling thread and the backend's worker threads: gather a
 * batch, forward, backward, optimizer update, on the MLP shapes the examples train (the parallel
 * GEMM and update paths included), and the trainer's running training metrics (an argmax of
 * each batch's logits). A backend module extends it.
 */
public abstract class StepAllocationSuite {
    /** The backend under test (may skip by an assumption). */
    protected abstract Backend backend();

    /** Names of the backend's own worker threads start with this; null if it has none. */
    protected String workerThreadPrefix() {
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "cnn", "running"})
    public void aWarmTrainingStepAllocatesNothing(String optimizer) {
        Backend backend = backend();
        String prefix = workerThreadPrefix();
        // The calling thread and the backend's workers (started with the backend).
        io.jgrad.core.util.AllocationMeter meter = io.jgrad.core.util.AllocationMeter.ofCallerAnd(prefix);
        Assumptions.assumeTrue(meter != null, "this JVM cannot count allocation per thread");
        try (TensorScope scope = new TensorScope();
             Sequential model = optimizer.equals("cnn")
                     ? Sequential.builder(backend, DType.FLOAT32).seed(3).pytorchInit().input(1, 28, 28)
                             .conv2d(8, 3, Padding.same()).batchNorm().relu().maxPool(2)
                             .conv2d(16, 3, Padding.same()).relu().avgPool(2)
                             .flatten().dense(32).relu().dropout(0.1).dense(10).build()
                     : Sequential.builder(backend, DType.FLOAT32).seed(3).initializer(Initializer.normal(0.01))
                     .input(784).dense(100).relu().dropout(0.1).dense(10).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Optimizer opt = optimizer.equals("sgd") ? new SGD(0.1) : new Adam(1e-3)) {
            Tensor data = scope.add(backend.randomUniform(Shape.of(1000, 784), DType.FLOAT32, 0, 1, 1));
            float[] labels = new float[1000];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 10;
            }
            Tensor allLabels = scope.tensor(backend, labels, Shape.of(1000, 1));
            Tensor x = scope.zeros(backend, Shape.of(100, 784), DType.FLOAT32);
            Tensor input = optimizer.equals("cnn") ? x.reshape(100, 1, 28, 28) : x;
            Tensor y = scope.zeros(backend, Shape.of(100, 1), DType.FLOAT32);
            int[] rows = new int[100];
            int[] step = {0};
            // what Trainer does per step with TrainMetrics.RUNNING: the batch's logits counted
            RunningMetrics running = optimizer.equals("running") ? new RunningMetrics(scope.add(
                    Dataset.classification("alloc", backend, DType.FLOAT32, new float[labels.length], Shape.of(1),
                            java.util.stream.IntStream.range(0, labels.length).map(i -> (int) labels[i]).toArray(), 10)))
                    : null;
            Runnable train = () -> {
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (step[0] * 37 + i * 13) % 1000;
                }
                step[0]++;
                backend.gatherRows(data, rows, x);
                backend.gatherRows(allLabels, rows, y);
                GradientMethod.backprop(model, loss, input, y, running == null ? null : running.batch(rows));
                opt.step(model.parameters());
            };
            int warmUp = optimizer.equals("cnn") ? 300 : 3000;
            for (int i = 0; i < warmUp; i++) { // warm-up: buffers sized, the JIT done with the hot path
                train.run();
            }
            // Up to 30 windows (it stops at the first that allocates nothing): on a loaded machine C2
            // may still be compiling, or recompiling after a deoptimization, one of the CNN's Vector
            // API kernels, which box until it has. An allocation that lasts fails every window: the
            // 32 MB per window once seen here was a kernel whose mask operations boxed for good.
            long total = meter.leastBytes(train, optimizer.equals("cnn") ? 20 : 200, 30);
            int threads = meter.threads();
            // A failure seen only elsewhere (another CPU, another JIT history) says where and on what;
            // the message, with its extra recorded window, is made only on failure.
            assertEquals(0, total, () -> "bytes allocated by a window of warm training steps on " + threads
                    + " threads (caller and workers); backend " + backend + ", " + System.getProperty("java.vm.name")
                    + " " + System.getProperty("java.vm.version") + ", " + System.getProperty("os.arch")
                    + "; where another window allocates (after JFR's start and a second warm-up; JFR may change"
                    + " the compiled code of later tests in this JVM):\n" + AllocationSites.of(train, 20, warmUp));
        }
    }
}
