package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.Momentum;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who owns what: a model its parameters, gradients and layer buffers; an optimizer its state; a
 * dataset its tensors; a loss its buffers. Closing every owner brings the backend's live-tensor
 * count back to where it started, round after round; a backend module extends this suite.
 */
public abstract class OwnershipSuite extends ScopedBackendTest {
    @TempDir
    Path tmp;

    private Dataset images(String name, int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n * 2 * 4 * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 32; j++) {
                x[i * 32 + j] = (float) (r.nextGaussian() * 0.5 + (j % 3 == y[i] ? 1 : 0));
            }
        }
        return Dataset.classification(name, backend, DType.FLOAT32, x, Shape.of(2, 4, 4), y, 3);
    }

    private Sequential net(long seed) {
        return Sequential.builder(backend, DType.FLOAT32).seed(seed).initializer(Initializer.he())
                .input(2, 4, 4).flatten().dense(16).relu().dropout(0.2).dense(3).build();
    }

    @Test
    void trainEvaluateCheckpointAndCloseGiveEverythingBack() throws Exception {
        long start = backend.liveTensors();
        long startBytes = backend.liveBytes();
        for (int round = 0; round < 3; round++) {
            Path ck = tmp.resolve("round" + round + ".ck");
            try (Dataset train = images("train", 120, round); Dataset test = images("test", 45, 10 + round);
                 Sequential model = net(round); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
                 Adam adam = new Adam(0.01)) {
                Trainer.builder(model, loss, adam).batchSize(16).epochs(2).seed(round).build().fit(train, test);
                Evaluator.evaluate(model, loss, test, 7); // a short last batch: a second buffer size
                Checkpoint.save(ck, model, adam);
                try (Sequential again = net(99); Adam state = new Adam(0.01)) {
                    Checkpoint.load(ck, again, state);
                    again.predict(test.features().reshape(45, 2, 4, 4));
                }
            }
            assertEquals(start, backend.liveTensors(), "live tensors after round " + round);
            assertEquals(startBytes, backend.liveBytes(), "live bytes after round " + round);
        }
    }

    @Test
    void modelAndOptimizerEachFreeExactlyTheirOwn() {
        long start = backend.liveTensors();
        Sequential model = net(1);
        long params = model.parameters().size();
        assertEquals(start + 2 * params, backend.liveTensors(), "a value and a gradient per parameter");
        Momentum opt = new Momentum(0.1, 0.9);
        try (Tensor x = backend.full(Shape.of(5, 2, 4, 4), DType.FLOAT32, 0.5);
             Tensor y = backend.tensor(new float[] {0, 1, 2, 0, 1}, Shape.of(5));
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse()) {
            GradientMethod.BACKPROP.computeGradients(model, loss, x, y);
            opt.step(model.parameters());
        }
        long withState = backend.liveTensors();
        opt.close();
        assertEquals(withState - params, backend.liveTensors(), "one velocity per parameter, freed by the optimizer");
        assertTrue(!model.parameters().get(0).value().isClosed(), "the optimizer leaves the model alone");
        model.close();
        assertEquals(start, backend.liveTensors(), "the model freed its parameters and layer buffers");
    }

    @Test
    void aModelBuiltWhileAScopeIsOpenIsNotTheScopes() {
        Sequential model;
        try (TensorScope scope = new TensorScope()) {
            scope.zeros(backend, Shape.of(3), DType.FLOAT32);
            model = net(2);
        }
        assertTrue(!model.parameters().get(0).value().isClosed(), "nothing is adopted behind the caller's back");
        model.close();
        assertTrue(model.parameters().get(0).value().isClosed());
    }
}
