package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.loss.MeanSquaredError;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.Momentum;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer, optimizers, checkpoints and input checks; a backend module extends it. */
public abstract class TrainerSuite extends ScopedBackendTest {

    @TempDir
    Path tmp;


    /** Three Gaussian blobs in 4-D, one per class: learnable to near 100%. */
    private Dataset blobs(String name, int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (r.nextGaussian() * 0.5 + (j == y[i] ? 2 : 0));
            }
        }
        return Dataset.classification(name, backend, DType.FLOAT32, x, Shape.of(4), y, 3);
    }

    private Sequential net(long seed) {
        return Sequential.builder(backend, DType.FLOAT32).seed(seed).initializer(Initializer.he())
                .input(4).dense(16).relu().dense(3).build();
    }

    private static double[] flatParams(Sequential m) {
        return m.parameters().stream().map(Parameter::value).flatMap(t -> Arrays.stream(t.toDoubleArray()).boxed())
                .mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void learnsSeparableClasses() {
        try (Dataset train = blobs("train", 600, 1); Dataset test = blobs("test", 300, 2); Sequential m = net(1)) {
            History h = Trainer.builder(m, SoftmaxCrossEntropy.sparse(), new SGD(0.1)).batchSize(32).epochs(5)
                    .build().fit(train, test);
            assertEquals(5, h.epochs().size());
            assertTrue(h.lastEpoch().testAccuracy() > 0.95, "test accuracy " + h.lastEpoch().testAccuracy());
            double[] losses = h.stepLosses();
            assertTrue(losses[losses.length - 1] < losses[0], "loss went down");
            assertTrue(h.epochsCsv().lines().count() == 6 && h.toJson().contains("\"test_accuracy\""));
        }
    }

    @Test
    void runningMetricsOfFrozenWeightsEqualTheFullPass() {
        // A learning rate far below float32's resolution of the weights: every batch sees the same
        // model, so the running figures must be the full pass's, batch by batch.
        try (Dataset train = blobs("train", 600, 1); Sequential a = net(3); Sequential b = net(3)) {
            EpochRecord running = Trainer.builder(a, SoftmaxCrossEntropy.sparse(), new SGD(1e-30)).batchSize(30)
                    .epochs(1).trainMetrics(TrainMetrics.RUNNING).build().fit(train, null).lastEpoch();
            EpochRecord full = Trainer.builder(b, SoftmaxCrossEntropy.sparse(), new SGD(1e-30)).batchSize(30)
                    .epochs(1).trainMetrics(TrainMetrics.FULL_PASS).build().fit(train, null).lastEpoch();
            assertEquals(full.trainAccuracy(), running.trainAccuracy(), 0.0);
            assertEquals(full.trainLoss(), running.trainLoss(), 1e-5 * full.trainLoss());
        }
    }

    @Test
    void runningAccuracyCountsTheEpochsEarlyBatches() {
        // The first epoch's first batches meet an untrained net, so their share of right answers
        // stays below what the trained net scores on the same examples afterwards.
        try (Dataset train = blobs("train", 600, 1); Sequential a = net(4); Sequential b = net(4)) {
            EpochRecord running = Trainer.builder(a, SoftmaxCrossEntropy.sparse(), new SGD(0.1)).batchSize(30)
                    .epochs(1).trainMetrics(TrainMetrics.RUNNING).build().fit(train, null).lastEpoch();
            EpochRecord full = Trainer.builder(b, SoftmaxCrossEntropy.sparse(), new SGD(0.1)).batchSize(30)
                    .epochs(1).build().fit(train, null).lastEpoch();
            assertTrue(running.trainAccuracy() < full.trainAccuracy(), running + " against " + full);
            assertTrue(running.trainAccuracy() > 1.0 / 3, "better than chance: " + running);
        }
    }

    @Test
    void runningMetricsOfNumericalGradientsReportTheLossOnly() {
        try (Dataset train = blobs("train", 60, 1); Sequential m = net(5)) {
            EpochRecord r = Trainer.builder(m, SoftmaxCrossEntropy.sparse(), new SGD(0.1)).batchSize(30).epochs(1)
                    .gradients(new io.jgrad.core.gradcheck.NumericalGradient(1e-3, 1))
                    .trainMetrics(TrainMetrics.RUNNING).build().fit(train, null).lastEpoch();
            assertTrue(Double.isFinite(r.trainLoss()) && r.trainLoss() > 0, "loss " + r.trainLoss());
            assertTrue(Double.isNaN(r.trainAccuracy()), "accuracy " + r.trainAccuracy());
        }
    }

    @Test
    void noTrainMetricsReportNaN() {
        try (Dataset train = blobs("train", 60, 1); Sequential m = net(6)) {
            EpochRecord r = Trainer.builder(m, SoftmaxCrossEntropy.sparse(), new SGD(0.1)).batchSize(30).epochs(1)
                    .trainMetrics(TrainMetrics.NONE).build().fit(train, null).lastEpoch();
            assertTrue(Double.isNaN(r.trainLoss()) && Double.isNaN(r.trainAccuracy()), r.toString());
        }
    }

    @Test
    void everyOptimizerLearns() {
        for (Optimizer opt : new Optimizer[] {new SGD(0.1), new Momentum(0.05, 0.9), new Adam(0.01)}) {
            try (Dataset train = blobs("train", 300, 1); Sequential m = net(2); opt) {
                History h = Trainer.builder(m, SoftmaxCrossEntropy.sparse(), opt).batchSize(30).epochs(4)
                        .sampling(Sampling.shuffleBuffer(64)).build().fit(train, null);
                assertTrue(h.lastEpoch().trainAccuracy() > 0.95, opt + ": " + h.lastEpoch());
            }
        }
    }

    @Test
    void sameSeedGivesTheSameRun() {
        double[][] runs = new double[2][];
        for (int r = 0; r < 2; r++) {
            try (Dataset train = blobs("train", 200, 1); Sequential m = net(3)) {
                Trainer.builder(m, SoftmaxCrossEntropy.sparse(), new Adam(0.01)).batchSize(16).iterations(50)
                        .sampling(Sampling.withReplacement()).seed(9).evaluateTrain(false).build().fit(train, null);
                runs[r] = flatParams(m);
            }
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    void resumingFromACheckpointMatchesAnUninterruptedRun() throws IOException {
        Path ck = tmp.resolve("model.ckpt");
        double[] straight;
        try (Dataset train = blobs("train", 200, 1); Sequential m = net(4); Adam opt = new Adam(0.01)) {
            Trainer.builder(m, SoftmaxCrossEntropy.sparse(), opt).batchSize(16).iterations(40).seed(5)
                    .sampling(Sampling.shuffle()).evaluateTrain(false).build().fit(train, null);
            straight = flatParams(m);
        }
        try (Dataset train = blobs("train", 200, 1); Sequential m = net(4); Adam opt = new Adam(0.01)) {
            Trainer.builder(m, SoftmaxCrossEntropy.sparse(), opt).batchSize(16).iterations(15).seed(5)
                    .sampling(Sampling.shuffle()).evaluateTrain(false).build().fit(train, null);
            Checkpoint.save(ck, m, opt);
        }
        try (Dataset train = blobs("train", 200, 1); Sequential m = net(99); Adam opt = new Adam(0.01)) {
            long step = Checkpoint.load(ck, m, opt);
            assertEquals(15, step);
            Trainer.builder(m, SoftmaxCrossEntropy.sparse(), opt).batchSize(16).iterations(40).seed(5)
                    .sampling(Sampling.shuffle()).evaluateTrain(false).startStep(step).build().fit(train, null);
            assertArrayEquals(straight, flatParams(m));
        }
    }

    @Test
    void corruptOrMismatchedCheckpointsAreRefused() throws IOException {
        Path ck = tmp.resolve("m.ckpt");
        try (Sequential m = net(1)) {
            Checkpoint.save(ck, m, null);
            byte[] bytes = Files.readAllBytes(ck);
            bytes[bytes.length / 2] ^= 1;
            Path bad = tmp.resolve("bad.ckpt");
            Files.write(bad, bytes);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(bad, m, null));
            assertTrue(e.getMessage().contains("checksum") || e.getMessage().contains("corrupt")
                    || e.getMessage().contains("more than the file holds"), e.getMessage());
            byte[] flipped = Files.readAllBytes(ck);
            flipped[flipped.length - 20] ^= 1; // inside the last values: only the CRC can tell
            Files.write(bad, flipped);
            IOException crc = assertThrows(IOException.class, () -> Checkpoint.load(bad, m, null));
            assertTrue(crc.getMessage().contains("checksum"), crc.getMessage());
            Path cut = tmp.resolve("cut.ckpt");
            Files.write(cut, Arrays.copyOf(bytes, 40));
            assertThrows(IOException.class, () -> Checkpoint.load(cut, m, null));
        }
        try (Sequential wider = Sequential.builder(backend, DType.FLOAT32).input(4).dense(17).relu().dense(3).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.load(ck, wider, null));
            assertTrue(e.getMessage().contains("dense1.W") && e.getMessage().contains("[4, 16]"), e.getMessage());
        }
        assertTrue(Files.list(tmp).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
    }

    @Test
    void nanLossStopsWithTheStep() {
        float[] x = new float[40];
        x[7] = Float.NaN;
        float[] y = new float[10];
        try (Dataset d = Dataset.regression("nan", backend, DType.FLOAT32, x, Shape.of(4), y, 1);
             Sequential m = Sequential.builder(backend, DType.FLOAT32).input(4).dense(1).build()) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Trainer.builder(m, new MeanSquaredError(), new SGD(0.1)).batchSize(10).iterations(3)
                            .build().fit(d, null));
            assertEquals(1, e.step());
            assertTrue(e.getMessage().contains("step 1"), e.getMessage());
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("e", backend, DType.FLOAT32, new float[0], Shape.of(4), new int[0], 3));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("l", backend, DType.FLOAT32, new float[8], Shape.of(4), new int[] {0, 3}, 3));
        assertTrue(label.getMessage().contains("index 1") && label.getMessage().contains("is 3"), label.getMessage());
        try (Sequential m = net(1)) {
            IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.builder(m, new MeanSquaredError(), new SGD(0.1)).batchSize(0));
            assertTrue(batch.getMessage().contains("batch size"), batch.getMessage());
            Tensor wrong = track(backend.zeros(Shape.of(2, 5), DType.FLOAT32));
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> m.forward(wrong, false));
            assertTrue(shape.getMessage().contains("dense1") && shape.getMessage().contains("[2, 5]")
                    && shape.getMessage().contains("4"), shape.getMessage());
        }
        IllegalArgumentException build = assertThrows(IllegalArgumentException.class,
                () -> Sequential.builder(backend, DType.FLOAT32).input(32, 32, 3).dense(10));
        assertTrue(build.getMessage().contains("flatten"), build.getMessage());
    }

    @Test
    void shuffleBufferVisitsEveryExampleOncePerEpoch() {
        BatchSampler s = new BatchSampler(Sampling.shuffleBuffer(8), 50, 7, 3);
        assertEquals(8, s.stepsPerEpoch());
        int[] seen = new int[50];
        for (int step = 0; step < 8; step++) {
            for (int i : s.indices(step)) {
                seen[i]++;
            }
        }
        int[] ones = new int[50];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, seen);
    }

    @Test
    void dropoutIsOnlyActiveInTraining() {
        try (Sequential m = Sequential.builder(backend, DType.FLOAT32).input(4).dropout(0.5).build()) {
            Tensor x = track(backend.full(Shape.of(2, 4), DType.FLOAT32, 1));
            assertArrayEquals(x.toFloatArray(), m.predict(x).toFloatArray());
            float[] trained = m.forward(x, true).toFloatArray();
            for (float v : trained) {
                assertTrue(v == 0f || v == 2f, "inverted dropout scales kept values by 1/(1-p): " + v);
            }
        }
    }

    // ------------------------------------------------------------------ the library API

    @Test
    void stateDictReadsAndSetsWeightsByName() {
        try (Sequential a = net(1); Sequential b = net(2)) {
            java.util.Map<String, Tensor> state = a.stateDict();
            assertEquals(java.util.List.of("dense1.W", "dense1.b", "dense2.W", "dense2.b"),
                    java.util.List.copyOf(state.keySet()));
            assertEquals(Shape.of(4, 16), state.get("dense1.W").shape(), "Dense W is [in, out]");
            b.loadStateDict(state);
            assertArrayEquals(flatParams(a), flatParams(b));
            double[] w = new double[16];
            Arrays.fill(w, 0.25);
            b.parameter("dense1.b").set(w);
            assertEquals(0.25, b.stateDict().get("dense1.b").get(7), 0);
        }
    }

    @Test
    void stateDictMismatchNamesEveryProblemAndWritesNothing() {
        try (Sequential a = net(1); Sequential wider = Sequential.builder(backend, DType.FLOAT32).input(4).dense(17)
                .relu().dense(3).build()) {
            double[] before = flatParams(a);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.loadStateDict(wider.stateDict()));
            assertTrue(e.getMessage().contains("dense1.W has shape [4, 17], the model [4, 16]"), e.getMessage());
            assertArrayEquals(before, flatParams(a));
            java.util.Map<String, Tensor> extra = new java.util.LinkedHashMap<>(a.stateDict());
            extra.remove("dense2.b");
            extra.put("dense9.W", a.stateDict().get("dense2.b"));
            e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(extra));
            assertTrue(e.getMessage().contains("missing dense2.b") && e.getMessage().contains("unexpected dense9.W"),
                    e.getMessage());
        }
    }

    @Test
    void aCallersBatchOrderIsFollowedExactly() {
        int[][] batches = {{0, 5, 9}, {1, 2, 3, 4}, {150, 7, 7}};
        try (Dataset train = blobs("train", 200, 1); Sequential viaTrainer = net(5); Sequential byHand = net(5);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse(); SGD a = new SGD(0.1); SGD b = new SGD(0.1)) {
            Trainer.builder(viaTrainer, loss, a).batchOrder(BatchOrder.fixed(batches)).epochs(2)
                    .evaluateTrain(false).build().fit(train, null);
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int[] idx : batches) {
                    Tensor x = track(backend.zeros(Shape.of(idx.length, 4), DType.FLOAT32));
                    Tensor y = track(backend.zeros(Shape.of(idx.length, 1), DType.FLOAT32));
                    backend.gatherRows(train.features(), idx, x);
                    backend.gatherRows(train.targets(), idx, y);
                    GradientMethod.BACKPROP.computeGradients(byHand, loss, x, y);
                    b.step(byHand.parameters());
                }
            }
            assertArrayEquals(flatParams(byHand), flatParams(viaTrainer));
        }
    }

    @Test
    void float64DatasetsKeepFloat64Inputs() {
        double[] x = {0.1, 1e-9, 1.0 / 3, -2.5e300};
        try (Dataset d = Dataset.classification("exact", backend, DType.FLOAT64, x, Shape.of(2), new int[] {0, 1}, 2)) {
            assertArrayEquals(x, d.features().toDoubleArray(), 0.0);
        }
    }

    @Test
    void accuracyIsReportedForMeanSquaredErrorOnClasses() {
        try (Dataset train = blobs("train", 300, 1); Dataset test = blobs("test", 150, 2); Sequential m = net(6);
             MeanSquaredError mse = new MeanSquaredError(); SGD sgd = new SGD(0.2)) {
            History h = Trainer.builder(m, mse, sgd).batchSize(20).epochs(8).build().fit(train, test);
            Metrics r = Evaluator.evaluate(m, mse, test, 64);
            assertTrue(Double.isFinite(r.loss()) && r.loss() < 0.5, "loss " + r.loss());
            assertTrue(r.accuracy() > 0.9, "accuracy " + r.accuracy() + " after " + h);
        }
    }

    /** {@code n} examples of {@code features} random values, labels cycling over 3 classes. */
    private Dataset wide(String name, int n, int features) {
        java.util.Random r = new java.util.Random(3);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return Dataset.classification(name, backend, DType.FLOAT32, x, Shape.of(features), y, 3);
    }

    @Test
    void anEvaluationIntoAKeptBatchMatchesAFreshOne() {
        try (Dataset test = blobs("test", 150, 2); Sequential m = net(8); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Batch kept = new Batch(test, false)) {
            Metrics fresh = Evaluator.evaluate(m, loss, test, 64);
            for (int round = 0; round < 2; round++) {
                Metrics again = Evaluator.evaluate(m, loss, test, 64, kept);
                assertEquals(fresh.loss(), again.loss(), 0.0, "round " + round);
                assertEquals(fresh.accuracy(), again.accuracy(), 0.0, "round " + round);
            }
        }
    }

    @Test
    void anEvaluationBatchOfAnotherDatasetIsRefused() {
        try (Dataset train = blobs("train", 60, 1); Dataset test = blobs("test", 30, 2); Sequential m = net(8);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse(); Batch ofTrain = new Batch(train, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Evaluator.evaluate(m, loss, test, 16, ofTrain));
            assertTrue(e.getMessage().contains("train") && e.getMessage().contains("test"), e.getMessage());
        }
    }

    @Test
    void anEvaluationBatchWithTheWrongTargetsIsRefused() {
        try (Dataset test = blobs("test", 30, 2); Sequential m = net(8); MeanSquaredError mse = new MeanSquaredError();
             Batch indices = new Batch(test, false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Evaluator.evaluate(m, mse, test, 16, indices));
            assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
        }
    }

    @Test
    void aRepeatedEvaluationIntoAKeptBatchAllocatesNoBatch() {
        io.jgrad.core.util.AllocationMeter meter = io.jgrad.core.util.AllocationMeter.ofCallerAnd("jgrad-");
        org.junit.jupiter.api.Assumptions.assumeTrue(meter != null, "no per-thread allocation counter");
        int n = 20_000;
        // A model without products: kernels that the interpreter runs allocation-free before the JIT
        // compiles them, so what is counted is the evaluation's own allocation.
        try (Dataset test = wide("wide", n, 3); Sequential m = Sequential.builder(backend, DType.FLOAT32).input(3).relu()
                .build(); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse(); Batch kept = new Batch(test, false)) {
            Runnable intoKept = () -> Evaluator.evaluate(m, loss, test, n, kept);
            Runnable intoFresh = () -> Evaluator.evaluate(m, loss, test, n);
            for (int i = 0; i < 20; i++) {
                intoKept.run();
                intoFresh.run();
            }
            long keptBytes = meter.leastBytes(intoKept, 3, 5) / 3;
            long freshBytes = meter.leastBytes(intoFresh, 3, 5) / 3;
            long batchBytes = (long) n * (3 + 1) * Float.BYTES; // [n, 3] features and [n, 1] class indices
            assertTrue(freshBytes - keptBytes >= batchBytes * 9 / 10, "into a kept batch " + keptBytes
                    + " bytes per evaluation, into a fresh one " + freshBytes + "; a batch holds " + batchBytes);
        }
    }

    @Test
    void aLearningRateScheduleSetsTheRateOfEveryStep() {
        java.util.List<Double> rates = new java.util.ArrayList<>();
        try (Dataset train = blobs("train", 64, 1); Sequential m = net(7); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(0.1)) {
            Trainer.builder(m, loss, sgd).batchSize(16).iterations(8).evaluateTrain(false)
                    .learningRateSchedule(LearningRateSchedule.warmup(2, LearningRateSchedule.step(3, 0.5)))
                    .callback(new Callback() {
                        @Override
                        public void onStep(long step, double lossValue) {
                            rates.add(sgd.learningRate());
                        }
                    }).build().fit(train, null);
            assertEquals(java.util.List.of(0.05, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05), rates);
            assertEquals(0.1, sgd.learningRate(), 0, "the base rate is restored after fit");
        }
    }

    @Test
    void batchNormRunningStatisticsAreTrainedSavedAndUsedInEvaluation() throws IOException {
        Path ck = tmp.resolve("bn.ck");
        try (Dataset train = blobs("train", 200, 1); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Sequential m = Sequential.builder(backend, DType.FLOAT32).seed(2).input(4).dense(8).batchNorm().relu()
                     .dense(3).build(); Adam adam = new Adam(0.01)) {
            double[] before = m.stateDict().get("batchnorm1.running_mean").toDoubleArray();
            Trainer.builder(m, loss, adam).batchSize(20).epochs(3).build().fit(train, null);
            double[] after = m.stateDict().get("batchnorm1.running_mean").toDoubleArray();
            assertTrue(!Arrays.equals(before, after), "training moves the running mean");
            Checkpoint.save(ck, m, adam);
            try (Sequential again = Sequential.builder(backend, DType.FLOAT32).seed(9).input(4).dense(8).batchNorm()
                    .relu().dense(3).build(); Adam state = new Adam(0.01)) {
                Checkpoint.load(ck, again, state);
                assertArrayEquals(after, again.stateDict().get("batchnorm1.running_mean").toDoubleArray());
                assertArrayEquals(m.stateDict().get("batchnorm1.running_var").toDoubleArray(),
                        again.stateDict().get("batchnorm1.running_var").toDoubleArray());
                Tensor x = train.features();
                assertArrayEquals(m.predict(x).toFloatArray(), again.predict(x).toFloatArray());
            }
            assertTrue(Evaluator.evaluate(m, loss, train, 50).accuracy() > 0.9, "evaluation uses the running statistics");
        }
    }

    /** A learning rate far too large: the loss grows without reaching NaN, and the run must stop. */
    @Test
    void aLossThatExplodesWithoutNaNStopsTheRun() {
        try (Dataset train = blobs("train", 300, 1); Sequential m = net(8); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(1e6)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Trainer.builder(m, loss, sgd).batchSize(30).epochs(20).build().fit(train, null));
            assertTrue(e.getMessage().contains("1000x the first step") && e.step() > 1, e.getMessage());
        }
        try (Dataset train = blobs("train", 300, 1); Sequential m = net(8); SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(0.1)) {
            Trainer.builder(m, loss, sgd).batchSize(30).epochs(3).build().fit(train, null); // a healthy run is left alone
        }
    }
}
