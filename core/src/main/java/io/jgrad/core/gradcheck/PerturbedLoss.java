package io.jgrad.core.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Layer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Tensor;

/**
 * The loss of a model with one scalar parameter moved, for many scalars: what numerical gradients
 * are made of. Two things make it fast without changing a single evaluation:
 * <ul>
 *   <li>Only the moved parameter's layer and those after it run: the layers before it see unchanged
 *   inputs, so their output is computed once per parameter and reused (a deep net's numerical
 *   gradient costs about half as many layer calls).</li>
 *   <li>The scalars are shared out among threads: the caller works on the model itself, each other
 *   thread on its own copy of the model and the loss ({@link Sequential#copy()}), with the backend's
 *   own worker threads kept out; a model with a layer that cannot be copied runs on one thread.</li>
 * </ul>
 * Every evaluation starts from the same random state, so Dropout draws the same mask each time.
 */
final class PerturbedLoss {
    /**
     * Threads kept between calls (a training step by numerical gradients calls every step): each
     * keeps its backend workspace; idle ones end after a minute.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "jgrad-numerical-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    /** Scalars a thread claims at a time: large enough that claiming costs nothing, small enough to balance. */
    private static final int CHUNK = 32;
    /** Below this many evaluations per thread a thread costs more than it saves. */
    private static final int MIN_EVALUATIONS_PER_THREAD = 256;

    private final Sequential model;
    private final Loss loss;
    private final Tensor x;
    private final Tensor target;
    private final boolean training;
    private final long randomState;
    private final int threads;
    private final int[] layerOfParameter;

    /**
     * Every evaluation starts from {@code randomState} (see {@link Sequential#setRandomState}); up to
     * {@code threads} threads, 0 for the backend's {@link io.jgrad.core.backend.Backend#concurrency()}.
     */
    PerturbedLoss(Sequential model, Loss loss, Tensor x, Tensor target, boolean training, long randomState,
                  int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: the backend's concurrency), got " + threads);
        }
        this.model = model;
        this.loss = loss;
        this.x = x;
        this.target = target;
        this.training = training;
        this.randomState = randomState;
        this.threads = threads > 0 ? threads : model.backend().concurrency();
        this.layerOfParameter = new int[model.parameters().size()];
        int p = 0;
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            for (int k = 0; k < layers.get(l).parameters().size(); k++) {
                layerOfParameter[p++] = l;
            }
        }
    }

    /**
     * {@code result[p][d][j]} = the loss with scalar {@code indices[p][j]} of parameter p moved by
     * {@code deltas[d]} (the others unchanged); a null {@code indices[p]} skips parameter p.
     */
    double[][][] evaluate(int[][] indices, double[] deltas) {
        List<int[]> work = new ArrayList<>(); // {parameter, first j, end j}
        long evaluations = 0;
        double[][][] result = new double[indices.length][][];
        for (int p = 0; p < indices.length; p++) {
            if (indices[p] == null) {
                continue;
            }
            result[p] = new double[deltas.length][indices[p].length];
            for (int j = 0; j < indices[p].length; j += CHUNK) {
                work.add(new int[] {p, j, Math.min(indices[p].length, j + CHUNK)});
            }
            evaluations += (long) indices[p].length * deltas.length;
        }
        int n = (int) Math.max(1, Math.min(threads, evaluations / MIN_EVALUATIONS_PER_THREAD));
        AtomicInteger next = new AtomicInteger();
        List<Worker> workers = n == 1 ? List.of() : replicas(n, indices, deltas, result);
        if (workers.isEmpty()) {
            new Worker(model, loss, indices, deltas, result).drain(work, next);
            return result;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int t = 1; t < workers.size(); t++) {
                Worker worker = workers.get(t);
                running.add(THREADS.submit(() -> drainOnThisThread(worker, work, next, failure)));
            }
            drainOnThisThread(workers.get(0), work, next, failure); // the caller takes a share too
        } finally {
            for (Future<?> f : running) {
                awaitUninterruptibly(f);
            }
            for (Worker w : workers) {
                w.close();
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("numerical gradient failed on a worker thread", e);
        }
        return result;
    }

    /**
     * One worker per thread: the caller's on the model itself, the others on copies of the model
     * and loss; none where something cannot be copied.
     */
    private List<Worker> replicas(int n, int[][] indices, double[] deltas, double[][][] result) {
        List<Worker> workers = new ArrayList<>();
        workers.add(new Worker(model, loss, indices, deltas, result));
        try {
            for (int t = 1; t < n; t++) {
                Sequential replica = model.copy();
                Loss lossCopy;
                try {
                    lossCopy = loss.copy();
                } catch (RuntimeException e) {
                    replica.close();
                    throw e;
                }
                workers.add(new Worker(replica, lossCopy, indices, deltas, result));
            }
            return workers;
        } catch (UnsupportedOperationException e) {
            workers.forEach(Worker::close);
            org.slf4j.LoggerFactory.getLogger(PerturbedLoss.class).debug("numerical gradient on one thread: {}",
                    e.getMessage());
            return List.of();
        }
    }

    private void drainOnThisThread(Worker worker, List<int[]> work, AtomicInteger next,
                                   AtomicReference<Throwable> failure) {
        try {
            // One model per core already: the backend's own worker threads would only compete.
            model.backend().onCallerThreadOnly(() -> worker.drain(work, next));
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            next.set(work.size()); // the others stop at their next claim
        }
    }

    private static void awaitUninterruptibly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // drainOnThisThread records failures itself
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One thread's model and loss, and the cached output of the layers before the current parameter's. */
    private final class Worker {
        private final Sequential net;
        private final Loss objective;
        private final int[][] indices;
        private final double[] deltas;
        private final double[][][] result;
        private int prefixLayer = -1;
        private Tensor prefix;

        Worker(Sequential net, Loss objective, int[][] indices, double[] deltas, double[][][] result) {
            this.net = net;
            this.objective = objective;
            this.indices = indices;
            this.deltas = deltas;
            this.result = result;
        }

        /** Frees the copies (never the caller's own model and loss). */
        void close() {
            if (net != model) {
                net.close();
                objective.close();
            }
        }

        void drain(List<int[]> work, AtomicInteger next) {
            for (int w = next.getAndIncrement(); w < work.size(); w = next.getAndIncrement()) {
                int[] chunk = work.get(w);
                run(chunk[0], chunk[1], chunk[2]);
            }
        }

        private void run(int p, int from, int to) {
            int layer = layerOfParameter[p];
            if (layer != prefixLayer) {
                prefix = forward(0, layer, x);
                prefixLayer = layer;
            }
            Tensor value = net.parameters().get(p).value();
            for (int j = from; j < to; j++) {
                int i = indices[p][j];
                double original = value.get(i);
                for (int d = 0; d < deltas.length; d++) {
                    value.set(i, original + deltas[d]);
                    result[p][d][j] = objective.forward(forward(layer, net.layers().size(), prefix), target);
                }
                value.set(i, original);
            }
        }

        /** Layers [from, to) on {@code h}, from the model's starting random state. */
        private Tensor forward(int from, int to, Tensor h) {
            net.setRandomState(randomState);
            List<Layer> layers = net.layers();
            for (int l = from; l < to; l++) {
                h = layers.get(l).forward(h, training);
            }
            return h;
        }
    }
}
