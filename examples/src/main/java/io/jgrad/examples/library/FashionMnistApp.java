package io.jgrad.examples.library;

import java.nio.file.Path;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Checkpoint;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Evaluator;
import io.jgrad.core.train.Metrics;
import io.jgrad.core.train.Trainer;
import io.jgrad.datasets.DatasetLocator;
import io.jgrad.datasets.Mnist;

/** Loads Fashion-MNIST, trains a 784-100-10 MLP with Adam, evaluates it and saves a checkpoint. */
public final class FashionMnistApp {
    public static void main(String[] args) throws Exception {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : null; // null: $JGRAD_DATA, ~/.jgrad, /usr/share/datasets
        Path checkpoint = Path.of(args.length > 1 ? args[1] : "fashion-mnist.ck");
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;

        Backend backend = Backends.get(); // -Djgrad.backend=cpu|cuda, JGRAD_BACKEND, or the best available
        Mnist.Splits data = Mnist.load("fashion-mnist", new DatasetLocator(dataDir, true, System.err));
        // Every owner is closed by try-with-resources: datasets, model, loss buffers, optimizer state.
        try (Dataset train = data.train().toDataset(backend, DType.FLOAT32);
             Dataset test = data.test().toDataset(backend, DType.FLOAT32);
             Sequential model = Sequential.builder(backend, DType.FLOAT32).seed(42)
                     .input(784).dense(100).relu().dense(10).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Adam adam = new Adam(1e-3)) {
            Trainer.builder(model, loss, adam).batchSize(100).epochs(epochs).build().fit(train, test);
            Metrics m = Evaluator.evaluate(model, loss, test, 1000);
            System.out.printf("test accuracy %.4f, test loss %.4f%n", m.accuracy(), m.loss());
            Checkpoint.save(checkpoint, model, adam); // written to a temporary file, then renamed
        }
    }
}
