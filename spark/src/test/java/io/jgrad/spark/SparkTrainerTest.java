package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.train.BatchOrder;
import io.jgrad.core.train.Callback;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Sampling;
import io.jgrad.core.train.Trainer;

class SparkTrainerTest {
    private static final List<Sample> TRAIN = SparkTestData.samples(400, 1);
    private static final List<Sample> TEST = SparkTestData.samples(300, 2);

    @Test
    void averagedGradientsMatchOneMachineOnTheGlobalBatch() {
        int batch = 20;
        int rounds = 12;
        try (SparkTrainingResult spark = SparkTestData.sgd(0.2).batchSize(batch).localSteps(1).rounds(rounds).seed(5)
                .build().fit(SparkTestData.rdd(TRAIN, 2), null);
             Sequential single = SparkTestData.model(Backends.get());
             SGD sgd = new SGD(0.2);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Dataset all = SparkTestData.dataset(TRAIN)) {
            // parallelize(list, 2) gives each partition a contiguous half; partition p draws its own order.
            int half = TRAIN.size() / 2;
            BatchOrder p0 = BatchOrder.of(Sampling.shuffle(), half, batch, Replica.partitionSeed(5, 0));
            BatchOrder p1 = BatchOrder.of(Sampling.shuffle(), half, batch, Replica.partitionSeed(5, 1));
            int[][] global = new int[rounds][];
            for (int r = 0; r < rounds; r++) {
                int[] a = p0.indices(r);
                int[] b = p1.indices(r);
                global[r] = new int[a.length + b.length];
                System.arraycopy(a, 0, global[r], 0, a.length);
                for (int i = 0; i < b.length; i++) {
                    global[r][a.length + i] = b[i] + half;
                }
            }
            Trainer.builder(single, loss, sgd).batchOrder(BatchOrder.fixed(global)).iterations(rounds)
                    .evaluateTrain(false).build().fit(all, null);
            for (Parameter p : single.parameters()) {
                double[] expected = p.toDoubleArray();
                double[] actual = spark.model().parameter(p.name()).toDoubleArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-5, p.name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void parameterAveragingLearnsTheProblem() {
        try (Dataset test = SparkTestData.dataset(TEST);
             SparkTrainingResult r = SparkTestData.adam(0.01).batchSize(16).localSteps(5).epochs(4)
                     .build().fit(SparkTestData.rdd(TRAIN, 2), test)) {
            double accuracy = r.history().lastEpoch().testAccuracy();
            assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
            assertEquals(4, r.history().epochs().size());
            assertEquals(r.stats().rounds(), r.history().stepLosses().length);
        }
    }

    @Test
    void runIsBitIdenticalForSeedAndPartitioning() {
        Map<String, double[]> first = train(SparkTestData.adam(0.01).localSteps(4).rounds(8).seed(9).build(), 3);
        Map<String, double[]> second = train(SparkTestData.adam(0.01).localSteps(4).rounds(8).seed(9).build(), 3);
        first.forEach((name, values) -> assertArrayEquals(values, second.get(name), name));
    }

    @Test
    void statsCountBytesAndSplitTime() {
        try (SparkTrainingResult r = SparkTestData.adam(0.01).localSteps(3).rounds(5).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null)) {
            SparkRunStats s = r.stats();
            long params = r.model().parameterCount();
            // K > 1: parameters plus Adam's two moments go down to each of 2 partitions and come back.
            assertEquals(4L * 3 * params * 2, (long) s.toMap().get("bytes_down_per_round"), "down");
            assertEquals(4 * 3 * params * 2 * 2, s.bytesPerRound());
            assertEquals(5, s.rounds());
            assertTrue(s.computeSeconds() > 0 && s.computeSeconds() < s.roundSeconds(), s.toMap().toString());
        }
    }

    static final AtomicInteger FAULTS = new AtomicInteger();
    static volatile boolean armed;

    @Test
    void aRetriedTaskOnARebuiltReplicaGivesTheSameResult() {
        Map<String, double[]> clean = train(SparkTestData.adam(0.01).localSteps(3).rounds(8).seed(3).build(), 2);
        FAULTS.set(0);
        Callback loseReplicasAtRound4 = new Callback() {
            @Override
            public void onStep(long round, double loss) {
                if (round == 4) {
                    ReplicaCache.clear(); // as if the executors had been replaced
                    armed = true;
                }
            }
        };
        ModelFactory failingOnce = backend -> {
            TaskContext task = TaskContext.get();
            if (armed && task != null && task.attemptNumber() == 0) {
                FAULTS.incrementAndGet();
                throw new IllegalStateException("injected fault in partition " + task.partitionId());
            }
            return SparkTestData.model(backend);
        };
        SparkTrainer faulty = SparkTrainer.builder(failingOnce, SoftmaxCrossEntropy::sparse,
                () -> new io.jgrad.core.optim.Adam(0.01)).localSteps(3).rounds(8).seed(3)
                .callback(loseReplicasAtRound4).build();
        Map<String, double[]> retried;
        try {
            retried = train(faulty, 2);
        } finally {
            armed = false;
        }
        assertEquals(2, FAULTS.get(), "both partitions' first attempts failed");
        clean.forEach((name, values) -> assertArrayEquals(values, retried.get(name), name));
    }

    @Test
    void anUnavailableExecutorBackendFailsTheJobWithItsReason() {
        SparkTrainer t = SparkTestData.sgd(0.1).executorBackend("no-such-backend").rounds(1).build();
        SparkException e = assertThrows(SparkException.class, () -> t.fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("unknown backend 'no-such-backend'; known backends: cpu"), e.getMessage());
    }

    @Test
    void anEmptyPartitionIsRefused() {
        SparkTrainer t = SparkTestData.sgd(0.1).rounds(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(SparkTestData.rdd(TRAIN.subList(0, 1), 2), null).close());
        assertTrue(e.getMessage().contains("partition 0 of 2 holds no samples"), e.getMessage());
    }

    @Test
    void aSampleOfTheWrongSizeIsNamed() {
        List<Sample> bad = new ArrayList<>(TRAIN.subList(0, 10));
        bad.set(7, new Sample(new float[3], 1));
        SparkTrainer t = SparkTestData.sgd(0.1).rounds(1).build();
        SparkException e = assertThrows(SparkException.class, () -> t.fit(SparkTestData.rdd(bad, 1), null).close());
        assertTrue(e.getMessage().contains("partition 0, sample 7: 3 features, the model takes 8"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsAndNamesTheRound() {
        SparkTrainer t = SparkTestData.sgd(1e6).localSteps(2).rounds(30).build();
        io.jgrad.core.train.TrainingDivergedException e = assertThrows(io.jgrad.core.train.TrainingDivergedException.class,
                () -> t.fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("step"), e.getMessage());
    }

    static Map<String, double[]> train(SparkTrainer trainer, int partitions) {
        return train(trainer, TRAIN, partitions);
    }

    static Map<String, double[]> train(SparkTrainer trainer, List<Sample> data, int partitions) {
        try (SparkTrainingResult r = trainer.fit(SparkTestData.rdd(data, partitions), null)) {
            Map<String, double[]> out = new LinkedHashMap<>();
            r.model().stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
            return out;
        }
    }
}
