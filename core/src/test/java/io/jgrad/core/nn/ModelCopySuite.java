package io.jgrad.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.loss.Loss;
import io.jgrad.core.loss.MeanSquaredError;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential#copy()}: a model's copy computes what the original computes (every layer kind,
 * training mode with its random state, BatchNorm's running statistics) and owns its own tensors.
 * A backend module extends this suite.
 */
public abstract class ModelCopySuite extends ScopedBackendTest {
    /** Every layer kind that can be copied, in one float64 model on 2x6x6 images. */
    private Sequential everyLayer() {
        return Sequential.builder(backend, DType.FLOAT64).seed(5).pytorchInit().input(2, 6, 6)
                .conv2d(3, 3, Padding.same()).batchNorm().relu().maxPool(2)
                .conv2d(4, 2, 2, Conv2D.Options.defaults().stride(1).padding(Padding.of(1, 0)).bias(false))
                .tanh().avgPool(2).reshape(4, 2, 1).globalAvgPool().flatten().dense(5).leakyRelu(0.1).dropout(0.3)
                .dense(3).sigmoid().softmax().build();
    }

    private Tensor images(TensorScope scope) {
        return scope.add(backend.randomNormal(Shape.of(4, 2, 6, 6), DType.FLOAT64, 0, 1, 11));
    }

    @Test
    void aCopyComputesWhatTheOriginalComputesInBothModes() {
        try (TensorScope scope = new TensorScope(); Sequential model = everyLayer()) {
            Tensor x = images(scope);
            model.forward(x, true); // moves BatchNorm's running statistics and Dropout's counter off their start
            try (Sequential copy = model.copy()) {
                assertEquals(model.randomState(), copy.randomState());
                assertArrayEquals(model.forward(x, true).toDoubleArray(), copy.forward(x, true).toDoubleArray());
                assertArrayEquals(model.forward(x, false).toDoubleArray(), copy.forward(x, false).toDoubleArray());
                assertEquals(model.summary(), copy.summary());
            }
        }
    }

    @Test
    void aCopyHasTheSameGradients() {
        try (TensorScope scope = new TensorScope(); Sequential model = everyLayer(); Sequential copy = model.copy();
             MeanSquaredError loss = new MeanSquaredError(); Loss lossCopy = loss.copy()) {
            Tensor x = images(scope);
            Tensor y = scope.add(backend.randomNormal(Shape.of(4, 3), DType.FLOAT64, 0, 1, 12));
            loss.forward(model.forward(x, true), y);
            model.backward(loss.backward());
            lossCopy.forward(copy.forward(x, true), y);
            copy.backward(lossCopy.backward());
            for (int i = 0; i < model.parameters().size(); i++) {
                assertArrayEquals(model.parameters().get(i).grad().toDoubleArray(),
                        copy.parameters().get(i).grad().toDoubleArray(), model.parameters().get(i).name());
            }
        }
    }

    @Test
    void aCopyOwnsItsTensors() {
        try (TensorScope scope = new TensorScope()) {
            Tensor x = images(scope);
            Sequential model = everyLayer();
            double[] before;
            try (Sequential copy = model.copy()) {
                before = copy.forward(x, false).toDoubleArray();
                Tensor w = model.parameters().get(0).value();
                w.set(0, w.get(0) + 1);
                assertNotEquals(model.forward(x, false).get(0), copy.forward(x, false).get(0));
                model.close();
                // The original's weights changed and were freed; the copy still computes what it did.
                Tensor w2 = copy.parameters().get(0).value();
                assertTrue(Double.isFinite(w2.get(0)));
                assertArrayEquals(before, copy.forward(x, false).toDoubleArray());
            }
        }
    }

    @Test
    void aLayerWithoutCopySaysWhichOneItIs() {
        Layer custom = new Layer() {
            @Override
            public String name() {
                return "mine";
            }

            @Override
            public Shape outputShape(Shape input) {
                return input;
            }

            @Override
            public Tensor forward(Tensor x, boolean training) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout;
            }
        };
        try (Sequential model = new Sequential("m", backend, DType.FLOAT32, Shape.of(3), java.util.List.of(custom))) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, model::copy);
            assertTrue(e.getMessage().contains("layer mine"), e.getMessage());
        }
    }

    @Test
    void aSubclassOfDenseMustCopyItself() {
        try (Dense odd = new Dense("odd", backend, DType.FLOAT32, 2, 2, Initializer.zeros(), 0) {
        }) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, odd::copy);
            assertTrue(e.getMessage().contains("odd"), e.getMessage());
        }
    }

    @Test
    void lossCopiesKeepTheirKind() {
        try (SoftmaxCrossEntropy sparse = SoftmaxCrossEntropy.sparse(); SoftmaxCrossEntropy copy = sparse.copy()) {
            assertTrue(copy.isSparse());
            assertTrue(copy != sparse);
        }
    }
}
