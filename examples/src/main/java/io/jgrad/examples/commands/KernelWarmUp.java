package io.jgrad.examples.commands;

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
 * Training steps of a throwaway model of the run's exact shapes, on random data, on another thread
 * while the main one reads the dataset: until C2 has compiled them the Vector API kernels run as
 * slow fallbacks, and a core mostly idle during reading can pay that instead of the first training
 * steps. The same shapes take the same code paths as the real steps (an earlier warm-up on small
 * operands compiled kernels the real shapes did not want). The run itself is untouched: its model
 * is built afterwards from its own seed, and the backend keeps no state between the two.
 * {@code -Djgrad.warmup=false} turns it off. Used for the MLP only: with the CNN recipe's shapes
 * the steady step came out 25-30% slower in 2 of 5 paired epochs.
 */
final class KernelWarmUp implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    private volatile int steps;

    private KernelWarmUp(Backend backend, DType dtype, Supplier<Sequential> model, Supplier<Optimizer> optimizer,
                         int batch, Shape example, int classes) {
        thread = new Thread(() -> run(backend, dtype, model, optimizer, batch, example, classes), "jgrad-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts warming up with the run's model (built with another seed), optimizer kind, batch size
     * and example shape, or does nothing where -Djgrad.warmup=false.
     */
    static KernelWarmUp start(Backend backend, DType dtype, Supplier<Sequential> model, Supplier<Optimizer> optimizer,
                              int batch, Shape example, int classes) {
        KernelWarmUp w = new KernelWarmUp(backend, dtype, model, optimizer, batch, example, classes);
        if (!"false".equals(System.getProperty("jgrad.warmup"))) {
            w.thread.start();
        }
        return w;
    }

    private void run(Backend backend, DType dtype, Supplier<Sequential> factory, Supplier<Optimizer> optimizer,
                     int batch, Shape example, int classes) {
        double[] labels = new double[batch];
        float[] labels32 = new float[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % classes;
            labels32[i] = i % classes;
        }
        try (Sequential model = factory.get(); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Optimizer opt = optimizer.get();
             Tensor x = backend.randomUniform(Sequential.batched(example, batch), dtype, 0, 1, 7);
             Tensor y = dtype == DType.FLOAT32 ? backend.tensor(labels32, Shape.of(batch))
                     : backend.tensor(labels, Shape.of(batch))) {
            while (!stop) {
                GradientMethod.BACKPROP.computeGradients(model, loss, x, y);
                opt.step(model.parameters());
                steps++;
            }
        } catch (RuntimeException e) {
            // A warm-up that fails costs nothing but its speed-up; the run reports its own errors.
            org.slf4j.LoggerFactory.getLogger(KernelWarmUp.class).debug("warm-up stopped: {}", e.toString());
        }
    }

    /** Stops the warm-up and waits for it; returns the steps it took. */
    int stop() {
        stop = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return steps;
    }

    @Override
    public void close() {
        stop();
    }
}
