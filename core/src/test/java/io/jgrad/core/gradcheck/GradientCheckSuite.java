package io.jgrad.core.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.loss.Loss;
import io.jgrad.core.loss.MeanSquaredError;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.AvgPool2D;
import io.jgrad.core.nn.BatchNorm;
import io.jgrad.core.nn.Conv2D;
import io.jgrad.core.nn.Dense;
import io.jgrad.core.nn.Dropout;
import io.jgrad.core.nn.Flatten;
import io.jgrad.core.nn.GlobalAvgPool2D;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Layer;
import io.jgrad.core.nn.LeakyReLU;
import io.jgrad.core.nn.MaxPool2D;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.ReLU;
import io.jgrad.core.nn.Reshape;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.nn.Sigmoid;
import io.jgrad.core.nn.Softmax;
import io.jgrad.core.nn.Tanh;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Float64 gradient checks of every layer and loss; a backend module extends it. */
public abstract class GradientCheckSuite extends ScopedBackendTest {


    private Tensor normal(long seed, int... dims) {
        return track(backend.randomNormal(Shape.of(dims), DType.FLOAT64, 0, 1, seed));
    }

    private void assertLayerPasses(Layer layer, Tensor x) {
        assertLayerPasses(layer, x, false);
    }

    private void assertLayerPasses(Layer layer, Tensor x, boolean training) {
        GradientCheckReport r = new GradientCheck().training(training).checkLayer(layer, x);
        assertTrue(r.passed(), r.table());
        assertTrue(r.maxRelativeError() <= 1e-6, r.table());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dense", "sigmoid", "tanh", "relu", "leakyrelu", "softmax", "flatten"})
    void everyLayerPasses(String kind) {
        Function<String, Layer> make = k -> switch (k) {
            case "dense" -> new Dense("dense1", backend, DType.FLOAT64, 6, 4, Initializer.xavier(), 3);
            case "sigmoid" -> new Sigmoid("sigmoid1");
            case "tanh" -> new Tanh("tanh1");
            case "relu" -> new ReLU("relu1");
            case "leakyrelu" -> new LeakyReLU("leakyrelu1", 0.1);
            case "softmax" -> new Softmax("softmax1");
            case "flatten" -> new Flatten("flatten1");
            default -> new Dropout("dropout1", 0.5, 1);
        };
        Layer layer = make.apply(kind);
        Tensor x = kind.equals("flatten") ? normal(11, 3, 2, 3) : normal(11, 5, 6);
        assertLayerPasses(layer, x);
        layer.close();
    }

    /** Convolutions with stride, padding, dilation, 1x1 and asymmetric kernels, with and without bias. */
    @ParameterizedTest
    @ValueSource(strings = {"3x3 same", "1x1", "5x5 pad2 on 7x9", "3x3 stride2 pad1", "2x3 stride(1,2)",
        "3x3 dilation2", "3x3 no bias"})
    void conv2dPasses(String kind) {
        Conv2D.Options o = Conv2D.Options.defaults();
        int kh = 3;
        int kw = 3;
        switch (kind) {
            case "3x3 same" -> o = o.padding(Padding.same());
            case "1x1" -> kh = kw = 1;
            case "5x5 pad2 on 7x9" -> {
                kh = kw = 5;
                o = o.padding(Padding.of(2));
            }
            case "3x3 stride2 pad1" -> o = o.stride(2).padding(Padding.of(1));
            case "2x3 stride(1,2)" -> {
                kh = 2;
                o = new Conv2D.Options(1, 2, Padding.of(0, 1), 1, 1, true);
            }
            case "3x3 dilation2" -> o = o.dilation(2).padding(Padding.of(2));
            default -> o = o.bias(false);
        }
        try (Conv2D conv = new Conv2D("conv1", backend, DType.FLOAT64, 2, 3, kh, kw, o, Initializer.pytorchDefault(),
                Initializer.pytorchDefault(), 7)) {
            assertLayerPasses(conv, normal(12, 2, 2, 7, 9));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"max 2", "max 3 stride 2", "max 3 stride 1", "avg 2", "avg 3 stride 2 pad 1", "global"})
    void poolingPasses(String kind) {
        Layer layer = switch (kind) {
            case "max 2" -> new MaxPool2D("maxpool1", 2, 2, 0);
            case "max 3 stride 2" -> new MaxPool2D("maxpool1", 3, 2, 0);
            case "max 3 stride 1" -> new MaxPool2D("maxpool1", 3, 1, 0);
            case "avg 2" -> new AvgPool2D("avgpool1", 2, 2, 0);
            case "avg 3 stride 2 pad 1" -> new AvgPool2D("avgpool1", 3, 2, 1);
            default -> new GlobalAvgPool2D("globalavgpool1");
        };
        try (layer) {
            assertLayerPasses(layer, normal(13, 2, 3, 7, 9));
        }
    }

    @Test
    void reshapePasses() {
        try (Reshape r = new Reshape("reshape1", 3, 2, 4)) {
            assertLayerPasses(r, normal(14, 2, 24));
        }
    }

    /** A small CNN end to end: conv, ReLU, max pooling, conv, average pooling, flatten, dense. */
    @Test
    void smallCnnPassesEndToEnd() {
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(3).pytorchInit().input(2, 8, 8)
                .conv2d(4, 3, Padding.same()).relu().maxPool(2)
                .conv2d(3, 3, 3, Conv2D.Options.defaults().stride(2).padding(Padding.of(1))).tanh().avgPool(2)
                .flatten().dense(3).build(); Loss loss = SoftmaxCrossEntropy.sparse()) {
            Tensor x = normal(15, 3, 2, 8, 8);
            Tensor y = track(backend.tensor(new double[] {0, 2, 1}, Shape.of(3)));
            GradientCheckReport r = new GradientCheck().check(model, loss, x, y);
            assertTrue(r.passed(), r.table());
            assertEquals(6, r.rows().size(), r.table());
        }
    }

    /** BatchNorm in training mode (batch statistics), on dense features and on conv channels. */
    @ParameterizedTest
    @ValueSource(strings = {"dense", "conv"})
    void batchNormPassesInTrainingMode(String kind) {
        boolean conv = kind.equals("conv");
        try (BatchNorm bn = new BatchNorm("batchnorm1", backend, DType.FLOAT64, conv ? 2 : 4)) {
            backend.randomUniform(bn.parameters().get(0).value(), 0.5, 1.5, 3); // gamma away from 1
            backend.randomNormal(bn.parameters().get(1).value(), 0, 0.5, 4);
            Tensor x = conv ? normal(16, 3, 2, 4, 5) : normal(16, 5, 4);
            GradientCheckReport r = new GradientCheck().training(true).checkLayer(bn, x);
            assertTrue(r.passed(), r.table());
        }
    }

    /** A bias right before BatchNorm has a true gradient of exactly zero (the mean is removed): left out. */
    @Test
    void cnnWithBatchNormAndDropoutPassesInTrainingMode() {
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(3).pytorchInit().input(2, 6, 6)
                .conv2d(3, 3, 3, Conv2D.Options.defaults().padding(Padding.same()).bias(false)).batchNorm().tanh()
                .avgPool(2).flatten().batchNorm().dense(5).tanh().dropout(0.3).dense(3).build();
             Loss loss = SoftmaxCrossEntropy.sparse()) {
            Tensor x = normal(17, 4, 2, 6, 6);
            Tensor y = track(backend.tensor(new double[] {0, 2, 1, 1}, Shape.of(4)));
            GradientCheckReport r = new GradientCheck().training(true).check(model, loss, x, y);
            assertTrue(r.passed(), r.table());
        }
    }

    /** In training mode, where Dropout is not the identity: the check must see its mask. */
    @Test
    void dropoutPassesInTrainingModeWithItsMask() {
        try (Dropout dropout = new Dropout("dropout1", 0.5, 1)) {
            Tensor x = normal(11, 5, 6);
            long state = dropout.randomState();
            double[] y = dropout.forward(x, true).toDoubleArray();
            dropout.setRandomState(state);
            double[] in = x.toDoubleArray();
            int dropped = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == 0) {
                    dropped++;
                } else {
                    assertEquals(2 * in[i], y[i], 1e-12, "kept values are scaled by 1/(1-p)");
                }
            }
            assertTrue(dropped > 5 && dropped < 25, dropped + " of 30 dropped at p = 0.5");
            assertLayerPasses(dropout, x, true);
        }
    }

    /** A model with Dropout, checked end to end in training mode. */
    @Test
    void modelWithDropoutPassesInTrainingMode() {
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(5).initializer(Initializer.xavier())
                .input(6).dense(8).tanh().dropout(0.3).dense(3).build(); Loss loss = new MeanSquaredError()) {
            GradientCheckReport r = new GradientCheck().training(true).check(model, loss, normal(1, 4, 6),
                    normal(2, 4, 3));
            assertTrue(r.passed(), r.table());
        }
    }

    private Sequential smallNet(String activation) {
        return Sequential.builder(backend, DType.FLOAT64).seed(5).initializer(Initializer.xavier())
                .input(6).dense(5).activation(activation).dense(3).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "tanh", "leakyrelu"})
    void modelWithMeanSquaredErrorPasses(String activation) {
        try (Sequential model = smallNet(activation); Loss loss = new MeanSquaredError()) {
            GradientCheckReport r = new GradientCheck().check(model, loss, normal(1, 4, 6), normal(2, 4, 3));
            assertTrue(r.passed(), r.table());
            assertEquals(List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"),
                    r.rows().stream().map(ParameterCheck::name).toList());
        }
    }

    @Test
    void modelWithOneHotCrossEntropyPasses() {
        double[] t = new double[4 * 3];
        for (int i = 0; i < 4; i++) {
            t[i * 3 + i % 3] = 1;
        }
        try (Sequential model = smallNet("tanh"); Loss loss = SoftmaxCrossEntropy.oneHot()) {
            GradientCheckReport r = new GradientCheck().check(model, loss, normal(1, 4, 6),
                    track(backend.tensor(t, Shape.of(4, 3))));
            assertTrue(r.passed(), r.table());
        }
    }

    @Test
    void mnistShapedNetWithSparseCrossEntropyPasses() {
        // 784-50-10 ReLU on 3 samples with inputs in [0, 1), as the classic two-layer net. The seed is
        // one where no ReLU input lies within h of zero: a kink inside [p-h, p+h] makes central
        // differences wrong (seed 7 has one at 4.5e-5), whatever the analytic gradient.
        Tensor x = track(backend.randomUniform(Shape.of(3, 784), DType.FLOAT64, 0, 1, 8));
        Tensor labels = track(backend.tensor(new double[] {3, 0, 9}, Shape.of(3)));
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(1).initializer(Initializer.normal(0.01))
                .input(784).dense(50).relu().dense(10).build(); Loss loss = SoftmaxCrossEntropy.sparse()) {
            GradientCheckReport r = new GradientCheck().samplesPerParameter(300).check(model, loss, x, labels);
            assertTrue(r.passed(), r.table());
            assertEquals(300, r.row("dense1.W").checked());
            assertEquals(10, r.row("dense2.b").checked());
        }
    }

    /** The classic bug: db = sum(backend) instead of sum(dout). It silently stops the bias from learning. */
    static final class BrokenBiasDense extends Dense {
        BrokenBiasDense(Backend backend) {
            super("broken1", backend, DType.FLOAT64, 6, 5, Initializer.xavier(), 3);
        }

        @Override
        protected void biasGradient(Tensor dout, Tensor db) {
            Backend backend = db.backend();
            backend.fill(db, backend.sum(bias().value())); // numpy's np.sum(self.b, axis=0): a scalar, wrong
        }
    }

    @Test
    void checkFlagsTheBrokenBiasAndNothingElse() {
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(5).initializer(Initializer.xavier())
                .input(6).add(new BrokenBiasDense(backend)).tanh().dense(3).build(); Loss loss = new MeanSquaredError()) {
            backend.randomNormal(model.parameter("broken1.b").value(), 0, 0.5, 9);
            GradientCheckReport r = new GradientCheck().check(model, loss, normal(1, 4, 6), normal(2, 4, 3));
            assertFalse(r.passed());
            assertEquals(List.of("broken1.b"), r.failures(), r.table());
            assertTrue(r.row("broken1.b").maxRelativeError() > 1e-2, r.table());
        }
    }

    @Test
    void reportSerializesEveryParameter() {
        try (Sequential model = smallNet("relu"); Loss loss = new MeanSquaredError()) {
            GradientCheckReport r = new GradientCheck().check(model, loss, normal(1, 4, 6), normal(2, 4, 3));
            assertEquals(4, ((List<?>) r.toMap().get("parameters")).size());
            assertTrue(r.table().contains("dense2.b"));
        }
    }

    /** Big enough (1,603 parameters) that the numerical gradient is shared out among threads. */
    private Sequential deeperNet() {
        return Sequential.builder(backend, DType.FLOAT64).seed(5).initializer(Initializer.xavier())
                .input(6).dense(40).tanh().dense(30).sigmoid().dense(3).build();
    }

    /** Every parameter, in every layer: those after the first are evaluated from their own layer on. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void numericalGradientMatchesBackprop(int threads) {
        try (Sequential model = deeperNet(); Loss loss = new MeanSquaredError()) {
            Tensor x = normal(1, 4, 6);
            Tensor y = normal(2, 4, 3);
            io.jgrad.core.train.GradientMethod.BACKPROP.computeGradients(model, loss, x, y);
            List<double[]> bp = model.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
            new NumericalGradient(1e-6, threads).computeGradients(model, loss, x, y);
            for (int p = 0; p < bp.size(); p++) {
                double[] num = model.parameters().get(p).grad().toDoubleArray();
                for (int i = 0; i < num.length; i++) {
                    assertEquals(bp.get(p)[i], num[i], 1e-5 * (1 + Math.abs(bp.get(p)[i])),
                            model.parameters().get(p).name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void numericalGradientIsTheSameOnOneThreadAndOnSeveral() {
        try (Sequential model = deeperNet(); Loss loss = new MeanSquaredError()) {
            Tensor x = normal(1, 4, 6);
            Tensor y = normal(2, 4, 3);
            new NumericalGradient(1e-4, 1).computeGradients(model, loss, x, y);
            List<double[]> one = model.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
            new NumericalGradient(1e-4, 4).computeGradients(model, loss, x, y);
            for (int p = 0; p < one.size(); p++) {
                double[] many = model.parameters().get(p).grad().toDoubleArray();
                for (int i = 0; i < many.length; i++) {
                    // Equal but for the last bits of the loss (a product may be split differently).
                    assertEquals(one.get(p)[i], many[i], 1e-9, model.parameters().get(p).name() + "[" + i + "]");
                }
            }
        }
    }

    /** Dropout and BatchNorm in training mode on four threads: each copy draws the original's mask. */
    @Test
    void trainingModeCheckOnThreadsFindsWhatOneThreadFinds() {
        try (Sequential model = Sequential.builder(backend, DType.FLOAT64).seed(3).pytorchInit().input(6)
                .dense(40).tanh().batchNorm().dropout(0.3).dense(30).tanh().dense(3).build();
             Loss loss = new MeanSquaredError()) {
            Tensor x = normal(1, 5, 6);
            Tensor y = normal(2, 5, 3);
            GradientCheckReport one = new GradientCheck().training(true).threads(1).check(model, loss, x, y);
            GradientCheckReport four = new GradientCheck().training(true).threads(4).check(model, loss, x, y);
            assertTrue(four.passed(), four.table());
            for (int r = 0; r < one.rows().size(); r++) {
                assertEquals(one.rows().get(r).rmsDifference(), four.rows().get(r).rmsDifference(), 1e-9,
                        one.rows().get(r).name());
            }
        }
    }

    /** A layer without copy(): the check runs on the caller's thread instead, and still passes. */
    @Test
    void modelWithALayerThatCannotBeCopiedIsCheckedOnOneThread() {
        Layer wrapped = new Layer() {
            private final Sigmoid inner = new Sigmoid("inner");

            @Override
            public String name() {
                return "wrapped";
            }

            @Override
            public void close() {
                inner.close();
            }

            @Override
            public Shape outputShape(Shape input) {
                return input;
            }

            @Override
            public Tensor forward(Tensor x, boolean training) {
                return inner.forward(x, training);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return inner.backward(dout);
            }
        };
        List<Layer> layers = new java.util.ArrayList<>(deeperNet().layers()); // closed with the model below
        layers.add(2, wrapped);
        try (Sequential model = new Sequential("m", backend, DType.FLOAT64, Shape.of(6), layers);
             Loss loss = new MeanSquaredError()) {
            GradientCheckReport r = new GradientCheck().threads(4).check(model, loss, normal(1, 4, 6), normal(2, 4, 3));
            assertTrue(r.passed(), r.table());
            assertEquals(6, r.rows().size(), r.table());
        }
    }

    /** A loss whose copies fail: the failure reaches the caller, and every copy is freed. */
    @Test
    void aFailureOnAnotherThreadReachesTheCaller() {
        // Threads claim the scalars as they go, so the caller could take them all before another
        // thread starts: each of the caller's evaluations waits (up to 50 ms; its first comes before
        // the other threads start) until a copy has run and failed.
        java.util.concurrent.CountDownLatch copyRan = new java.util.concurrent.CountDownLatch(1);
        class FailingCopies implements Loss {
            private final MeanSquaredError inner = new MeanSquaredError();
            private final boolean original;

            FailingCopies(boolean original) {
                this.original = original;
            }

            @Override
            public String name() {
                return "failing copies";
            }

            @Override
            public double forward(Tensor prediction, Tensor target) {
                if (!original) {
                    copyRan.countDown();
                    throw new IllegalStateException("boom on " + Thread.currentThread().getName());
                }
                try {
                    copyRan.await(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.forward(prediction, target);
            }

            @Override
            public Tensor backward() {
                return inner.backward();
            }

            @Override
            public Loss copy() {
                return new FailingCopies(false);
            }

            @Override
            public void close() {
                inner.close();
            }
        }
        long live = backend.liveTensors();
        try (Sequential model = deeperNet(); Loss loss = new FailingCopies(true)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new NumericalGradient(1e-4, 2).computeGradients(model, loss, normal(1, 4, 6),
                            normal(2, 4, 3)));
            assertTrue(e.getMessage().startsWith("boom on jgrad-numerical-"), e.getMessage());
        }
        assertEquals(live + 2, backend.liveTensors(), "the model and loss closed, only the two inputs are left");
    }
}
