package io.jgrad.examples.commands;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.train.GradientMethod;

/**
 * Training steps of a throwaway model of the run's exact shapes, on random data, while another
 * thread reads the dataset: until C2 has compiled them the Vector API kernels run as slow
 * fallbacks, and a core mostly idle during reading can pay that instead of the first training
 * steps. The same shapes take the same code paths as the real steps (an earlier warm-up on small
 * operands compiled kernels the real shapes did not want), and the steps run on the thread that
 * will train: its backend workspace then already holds its packing buffers, so the compiled GEMM
 * never meets a buffer still to be made (a warm-up on another thread left that branch out of the
 * compiled code, and the first real step threw the GEMM back to the interpreter). Each step also
 * gathers a minibatch, as the trainer's do. The run itself is untouched: its model is built
 * afterwards from its own seed. {@code -Djgrad.warmup=false} turns it off. The MLP and the CNN
 * recipe use it (an earlier CNN warm-up, on its own thread and on 4 KB pages, left the steady step
 * 25-30% slower in 2 of 5 paired epochs; on the training thread with huge pages it did not).
 */
final class KernelWarmUp {
    /** Reads the data; may throw what reading throws. */
    interface Loader<T> {
        T load() throws IOException;
    }

    private final Backend backend;
    private final DType dtype;
    private final Supplier<Sequential> model;
    private final Supplier<Optimizer> optimizer;
    private final int batch;
    private final Shape example;
    private final int classes;
    private int steps;

    /** A warm-up with the run's model (built with another seed), optimizer kind, batch size and example shape. */
    KernelWarmUp(Backend backend, DType dtype, Supplier<Sequential> model, Supplier<Optimizer> optimizer, int batch,
                 Shape example, int classes) {
        this.backend = backend;
        this.dtype = dtype;
        this.model = model;
        this.optimizer = optimizer;
        this.batch = batch;
        this.example = example;
        this.classes = classes;
    }

    /**
     * Runs {@code loader} on another thread and warms up on this one until it is done (or only
     * waits, where -Djgrad.warmup=false); returns what it loaded, or throws what it threw.
     */
    <T> T whileLoading(Loader<T> loader) throws IOException {
        FutureTask<T> task = new FutureTask<>((Callable<T>) loader::load);
        Thread reader = new Thread(task, "jgrad-data-reader");
        reader.setDaemon(true);
        reader.start();
        if (!"false".equals(System.getProperty("jgrad.warmup"))) {
            trainUntilDone(task);
        }
        return result(task);
    }

    /** Steps the warm-up took. */
    int steps() {
        return steps;
    }

    private void trainUntilDone(FutureTask<?> task) {
        int pool = 4 * batch; // rows to gather the minibatches from
        double[] labels = new double[batch];
        float[] labels32 = new float[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % classes;
            labels32[i] = i % classes;
        }
        int[] rows = new int[batch];
        SplittableRandom random = new SplittableRandom(7);
        try (Sequential m = model.get(); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Optimizer opt = optimizer.get();
             Tensor source = backend.randomUniform(Shape.of(pool, example.size()), dtype, 0, 1, 7);
             Tensor flat = backend.zeros(Shape.of(batch, example.size()), dtype);
             Tensor y = dtype == DType.FLOAT32 ? backend.tensor(labels32, Shape.of(batch))
                     : backend.tensor(labels, Shape.of(batch))) {
            Tensor x = flat.reshape(Sequential.batched(example, batch).dims());
            while (!task.isDone()) {
                for (int i = 0; i < batch; i++) {
                    rows[i] = random.nextInt(pool);
                }
                backend.gatherRows(source, rows, flat);
                GradientMethod.BACKPROP.computeGradients(m, loss, x, y);
                opt.step(m.parameters());
                steps++;
            }
        } catch (RuntimeException e) {
            // A warm-up that fails costs nothing but its speed-up; the run reports its own errors.
            org.slf4j.LoggerFactory.getLogger(KernelWarmUp.class).debug("warm-up stopped: {}", e.toString());
        }
    }

    private static <T> T result(FutureTask<T> task) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the reader holds files open: let it finish
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
