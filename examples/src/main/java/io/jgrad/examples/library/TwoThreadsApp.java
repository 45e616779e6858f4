package io.jgrad.examples.library;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Trainer;

/**
 * Two threads train two models at once on one shared backend (backends are thread-safe; each
 * thread owns its model, loss, optimizer and data), then the same runs are repeated one after
 * the other: the weights must come out identical.
 */
public final class TwoThreadsApp {
    public static void main(String[] args) throws Exception {
        Backend backend = Backends.get();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<double[]>> parallel = List.of(pool.submit(() -> train(backend, 1)),
                    pool.submit(() -> train(backend, 2)));
            double[] a = parallel.get(0).get();
            double[] b = parallel.get(1).get();
            boolean same = Arrays.equals(a, train(backend, 1)) && Arrays.equals(b, train(backend, 2));
            System.out.println("two threads on one " + backend.name() + " backend: weights identical to serial runs: "
                    + same);
            if (!same) {
                System.exit(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Trains a small classifier on its own synthetic data; returns its weights. */
    static double[] train(Backend backend, long seed) {
        Random r = new Random(seed);
        int n = 2000;
        float[] x = new float[n * 20];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int j = 0; j < 20; j++) {
                x[i * 20 + j] = (float) (r.nextGaussian() + (j % 4 == y[i] ? 1.5 : 0));
            }
        }
        try (Dataset data = Dataset.classification("blobs" + seed, backend, DType.FLOAT32, x, Shape.of(20), y, 4);
             Sequential model = Sequential.builder(backend, DType.FLOAT32).seed(seed)
                     .input(20).dense(64).relu().dense(4).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(0.1)) {
            Trainer.builder(model, loss, sgd).batchSize(50).epochs(3).seed(seed).build().fit(data, null);
            return model.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.toDoubleArray())).toArray();
        }
    }
}
