package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

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
 * GEMM and update paths included). A backend module extends it.
 */
public abstract class StepAllocationSuite {
    /** The backend under test (may skip by an assumption). */
    protected abstract Backend backend();

    /** Names of the backend's own worker threads start with this; null if it has none. */
    protected String workerThreadPrefix() {
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "cnn"})
    public void aWarmTrainingStepAllocatesNothing(String optimizer) {
        Backend backend = backend();
        String prefix = workerThreadPrefix();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        try (TensorScope scope = new TensorScope();
             Sequential model = optimizer.equals("cnn")
                     ? Sequential.builder(backend, DType.FLOAT32).seed(3).pytorchInit().input(1, 28, 28)
                             .conv2d(8, 3, Padding.same()).relu().maxPool(2)
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
            Runnable train = () -> {
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (step[0] * 37 + i * 13) % 1000;
                }
                step[0]++;
                backend.gatherRows(data, rows, x);
                backend.gatherRows(allLabels, rows, y);
                GradientMethod.BACKPROP.computeGradients(model, loss, input, y);
                opt.step(model.parameters());
            };
            for (int i = 0; i < (optimizer.equals("cnn") ? 300 : 3000); i++) { // warm-up: buffers sized, the JIT done with the hot path
                train.run();
            }
            // The calling thread and the backend's workers; the counters are read one id at a time
            // into arrays made beforehand, so the measurement allocates nothing inside its window.
            long[] ids = java.util.Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds()))
                    .filter(java.util.Objects::nonNull)
                    .filter(t -> t.getThreadId() == Thread.currentThread().getId()
                            || prefix != null && t.getThreadName().startsWith(prefix))
                    .mapToLong(java.lang.management.ThreadInfo::getThreadId).toArray();
            long[] before = new long[ids.length];
            long[] after = new long[ids.length];
            // Up to 5 windows: on a slow machine the JIT may still be compiling a rare path (the
            // Vector API boxes until C2 has compiled a kernel); warm means some window is clean.
            long total = Long.MAX_VALUE;
            for (int window = 0; window < 5 && total != 0; window++) {
                for (int t = 0; t < ids.length; t++) {
                    before[t] = mx.getThreadAllocatedBytes(ids[t]);
                }
                for (int i = 0; i < (optimizer.equals("cnn") ? 20 : 200); i++) {
                    train.run();
                }
                for (int t = 0; t < ids.length; t++) {
                    after[t] = mx.getThreadAllocatedBytes(ids[t]);
                }
                total = 0;
                for (int t = 0; t < ids.length; t++) {
                    total += after[t] - before[t];
                }
            }
            assertEquals(0, total, "bytes allocated by a window of warm training steps on " + ids.length
                    + " threads (caller and workers)");
        }
    }
}
