package io.jgrad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.train.Batch;
import io.jgrad.core.train.Callback;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.EpochRecord;
import io.jgrad.core.train.Evaluator;
import io.jgrad.core.train.History;
import io.jgrad.core.train.Metrics;
import io.jgrad.core.train.DivergenceGuard;

/**
 * Trains a {@link Sequential} data-parallel on Spark, in synchronous rounds. Each round the driver
 * broadcasts the model's state; every partition's replica takes K minibatch steps on its own data;
 * the driver averages what comes back and that is the next round's model.
 * <ul>
 *   <li>K = 1: the replicas send gradients, the driver averages them and steps its optimizer:
 *       synchronous minibatch SGD with a global batch of partitions x batch size, the same update
 *       as one machine on that batch.</li>
 *   <li>K &gt; 1: parameter averaging (Deeplearning4j's averaging frequency): each replica steps
 *       its own optimizer K times from the broadcast state (the optimizer's moments included);
 *       parameters, buffers and optimizer state are averaged.</li>
 * </ul>
 * Give the context a checkpoint directory ({@code sc.setCheckpointDir}) when the samples come from
 * {@code parallelize}: the packed partitions are then checkpointed there once, and the rounds'
 * tasks stop carrying the driver's list (without it, every task ships its whole slice again).
 * A round costs Spark tens of milliseconds whatever it carries, so K should make a round's compute
 * large against that (docs/distributed.md has the cost model). Results are summed on the driver in
 * partition order, so a run is bit-identical for a fixed seed and partitioning, however tasks are
 * scheduled, retried or rerun on a new executor.
 *
 * <pre>{@code
 * SparkTrainingResult r = SparkTrainer.builder(
 *             backend -> Sequential.builder(backend, DType.FLOAT32).input(784).dense(50).sigmoid().dense(10).build(),
 *             SoftmaxCrossEntropy::sparse, () -> new SGD(0.1))
 *         .batchSize(100).localSteps(10).epochs(5).build()
 *         .fit(samples, testSet);
 * }</pre>
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final ModelFactory modelFactory;
    private final LossFactory lossFactory;
    private final OptimizerFactory optimizerFactory;
    private final int batchSize;
    private final int localSteps;
    private final int epochs;
    private final int rounds;
    private final long seed;
    private final String executorBackend;
    private final Backend driverBackend;
    private final List<Callback> callbacks;
    private final String checkpointUri;
    private final int checkpointEvery;
    private final String resumeUri;
    private final int evaluationBatch;
    private final double divergenceFactor;

    private SparkTrainer(Builder b) {
        this.modelFactory = b.modelFactory;
        this.lossFactory = b.lossFactory;
        this.optimizerFactory = b.optimizerFactory;
        this.batchSize = b.batchSize;
        this.localSteps = b.localSteps;
        this.epochs = b.epochs;
        this.rounds = b.rounds;
        this.seed = b.seed;
        this.executorBackend = b.executorBackend;
        this.driverBackend = b.driverBackend;
        this.callbacks = List.copyOf(b.callbacks);
        this.checkpointUri = b.checkpointUri;
        this.checkpointEvery = b.checkpointEvery;
        this.resumeUri = b.resumeUri;
        this.evaluationBatch = b.evaluationBatch;
        this.divergenceFactor = b.divergenceFactor;
    }

    public static Builder builder(ModelFactory model, LossFactory loss, OptimizerFactory optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** Trains on a DataFrame's feature and label columns (see {@link RowSamples}). */
    public SparkTrainingResult fit(org.apache.spark.sql.Dataset<Row> frame, String featuresColumn, String labelColumn,
                                   Dataset test) {
        return fit(RowSamples.fromDataFrame(frame, featuresColumn, labelColumn), test);
    }

    /** Trains on {@code samples} as they are partitioned; {@code test} (on the driver) may be null. */
    public SparkTrainingResult fit(JavaRDD<Sample> samples, Dataset test) {
        Objects.requireNonNull(samples, "samples");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(samples.context());
        Backend backend = driverBackend != null ? driverBackend : Backends.get();
        Sequential master = modelFactory.create(backend);
        String runId = UUID.randomUUID().toString();
        TrainingPlan plan = new TrainingPlan(runId, modelFactory, lossFactory, optimizerFactory, batchSize,
                localSteps, seed, executorBackend);
        int featureCount = master.inputShape().size();
        if (test != null && test.features().cols() != featureCount) {
            master.close();
            throw new IllegalArgumentException("test set " + test.name() + " has " + test.features().cols()
                    + " features per example, the model takes " + featureCount);
        }
        JavaRDD<PartitionBlock> blocks = samples
                .mapPartitionsWithIndex((index, it) -> List.of(PartitionBlock.pack(index, it, featureCount)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        if (sc.getCheckpointDir().isPresent()) {
            // Cuts the lineage: a task of sc.parallelize(list) carries its slice of the list, and
            // every round's task would ship it again (megabytes per task) without this.
            blocks.checkpoint();
        }
        boolean done = false;
        boolean packed = false;
        try (Loss loss = lossFactory.create(); Optimizer optimizer = optimizerFactory.create()) {
            List<Integer> sizes = blocks.map(PartitionBlock::size).collect();
            packed = true;
            for (int p = 0; p < sizes.size(); p++) {
                if (sizes.get(p) == 0) {
                    throw new IllegalArgumentException("partition " + p + " of " + sizes.size()
                            + " holds no samples: repartition the data (every replica needs examples)");
                }
            }
            long examples = sizes.stream().mapToLong(Integer::longValue).sum();
            SparkTrainingResult result = train(sc, blocks, plan, master, loss, optimizer, sizes.size(), examples, test);
            done = true;
            return result;
        } finally {
            releaseReplicas(blocks, runId, packed);
            blocks.unpersist(false);
            if (!done) {
                master.close();
            }
        }
    }

    /** Best effort: frees the run's replicas on the executors that hold its blocks, and in this JVM. */
    private static void releaseReplicas(JavaRDD<PartitionBlock> blocks, String runId, boolean packed) {
        ReplicaCache.release(runId);
        if (!packed) {
            return; // the data never packed: no replica exists, and recomputing would fail again
        }
        try {
            blocks.foreachPartition(it -> ReplicaCache.release(runId));
        } catch (RuntimeException e) {
            LOG.debug("could not release the replicas of run {}: {}", runId, e.toString());
        }
    }

    private SparkTrainingResult train(JavaSparkContext sc, JavaRDD<PartitionBlock> blocks, TrainingPlan plan,
                                      Sequential master, Loss loss, Optimizer optimizer, int partitions,
                                      long examples, Dataset test) {
        long perRound = (long) partitions * localSteps * batchSize;
        int roundsPerEpoch = (int) Math.max(1, (examples + perRound - 1) / perRound);
        int total = rounds > 0 ? rounds : epochs * roundsPerEpoch;
        List<Parameter> params = master.parameters();
        List<Tensor> state = new ArrayList<>(master.stateDict().values());
        if (!plan.averagesGradients()) {
            state.addAll(optimizer.state(params).values());
        }
        List<Tensor> gradients = new ArrayList<>();
        params.forEach(p -> gradients.add(p.grad()));
        List<Tensor> buffers = new ArrayList<>(master.buffers().values());

        SparkCheckpoint.Header settings = new SparkCheckpoint.Header(0, localSteps, partitions, seed);
        int start = 0;
        if (resumeUri != null) {
            start = load(sc, settings, master, optimizer);
            LOG.info("resumed {} at round {} of {}", resumeUri, start, total);
        }
        LOG.info("training on {} partitions, {} examples: K = {}, batch {} per replica, {} rounds ({} per epoch)",
                partitions, examples, localSteps, batchSize, total, roundsPerEpoch);
        SparkRunStats stats = new SparkRunStats(partitions, localSteps);
        History history = new History();
        float[] values = TensorPack.gather(state);
        DivergenceGuard guard = new DivergenceGuard(divergenceFactor);
        double epochLoss = 0;
        int epochRounds = 0;
        double epochSeconds = 0;
        // the test set is gathered into the same buffers every epoch
        try (Batch testEval = test != null ? new Batch(test, !loss.takesClassIndices()) : null) {
            for (int round = start; round < total; round++) {
                long t0 = System.nanoTime();
                Broadcast<RoundState> bc = sc.broadcast(new RoundState(round, values, optimizer.steps(),
                        optimizer.learningRate()));
                List<RoundResult> results = blocks.mapPartitions(new RoundTask(plan, bc)).collect();
                long wall = System.nanoTime() - t0;
                bc.destroy(false);

                float[] mean = average(results);
                double roundLoss = results.stream().mapToDouble(RoundResult::lossSum).sum()
                        / results.stream().mapToInt(RoundResult::steps).sum();
                guard.check(round + 1, roundLoss);
                if (plan.averagesGradients()) {
                    int g = TensorPack.size(gradients);
                    TensorPack.scatter(mean, 0, g, gradients);
                    TensorPack.scatter(mean, g, mean.length, buffers);
                    optimizer.step(params);
                    values = TensorPack.gather(state);
                } else {
                    TensorPack.scatter(mean, state);
                    optimizer.setSteps(optimizer.steps() + localSteps);
                    values = mean;
                }
                long slowest = results.stream().mapToLong(RoundResult::computeNanos).max().orElse(0);
                long up = results.stream().mapToLong(r -> 4L * r.values().length).sum();
                stats.add(wall, slowest, 4L * values.length * partitions, up);
                double seconds = (System.nanoTime() - t0) / 1e9;
                epochSeconds += seconds;
                history.addStep(roundLoss);
                for (Callback c : callbacks) {
                    c.onStep(round + 1, roundLoss);
                }
                epochLoss += roundLoss;
                epochRounds++;
                if (checkpointUri != null && (round + 1) % checkpointEvery == 0) {
                    save(sc, new SparkCheckpoint.Header(round + 1, localSteps, partitions, seed), master, optimizer);
                }
                if ((round + 1) % roundsPerEpoch == 0 || round + 1 == total) {
                    long e0 = System.nanoTime();
                    Metrics te = test != null ? Evaluator.evaluate(master, loss, test, evaluationBatch, testEval)
                            : new Metrics(Double.NaN, Double.NaN);
                    EpochRecord record = new EpochRecord((round + roundsPerEpoch) / roundsPerEpoch, round + 1,
                            epochLoss / epochRounds, Double.NaN, te.loss(), te.accuracy(),
                            history.trainSeconds() + epochSeconds);
                    history.addTime(epochSeconds, (System.nanoTime() - e0) / 1e9);
                    history.addEpoch(record);
                    for (Callback c : callbacks) {
                        c.onEpoch(record);
                    }
                    epochLoss = 0;
                    epochRounds = 0;
                    epochSeconds = 0;
                }
            }
        }
        return new SparkTrainingResult(master, history, stats);
    }

    /** The mean of the contributions, summed in partition order (so the result never depends on timing). */
    private static float[] average(List<RoundResult> results) {
        List<RoundResult> ordered = new ArrayList<>(results);
        ordered.sort(java.util.Comparator.comparingInt(RoundResult::partition));
        int n = ordered.get(0).values().length;
        double[] sum = new double[n];
        for (RoundResult r : ordered) {
            float[] v = r.values();
            for (int i = 0; i < n; i++) {
                sum[i] += v[i];
            }
        }
        float[] mean = new float[n];
        double scale = 1.0 / ordered.size();
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (sum[i] * scale);
        }
        return mean;
    }

    private int load(JavaSparkContext sc, SparkCheckpoint.Header settings, Sequential master, Optimizer optimizer) {
        try {
            return SparkCheckpoint.load(resumeUri, sc.hadoopConfiguration(), settings, master, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + resumeUri + ": " + e.getMessage(), e);
        }
    }

    private void save(JavaSparkContext sc, SparkCheckpoint.Header header, Sequential master, Optimizer optimizer) {
        try {
            SparkCheckpoint.save(checkpointUri, sc.hadoopConfiguration(), header, master, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Configures a {@link SparkTrainer}; by default batch 32 per replica, K = 1, 1 epoch, seed 42. */
    public static final class Builder {
        private final ModelFactory modelFactory;
        private final LossFactory lossFactory;
        private final OptimizerFactory optimizerFactory;
        private int batchSize = 32;
        private int localSteps = 1;
        private int epochs = 1;
        private int rounds;
        private long seed = 42;
        private String executorBackend;
        private Backend driverBackend;
        private final List<Callback> callbacks = new ArrayList<>();
        private String checkpointUri;
        private int checkpointEvery;
        private String resumeUri;
        private int evaluationBatch = 1000;
        private double divergenceFactor = 1000;

        private Builder(ModelFactory model, LossFactory loss, OptimizerFactory optimizer) {
            this.modelFactory = Objects.requireNonNull(model, "model factory");
            this.lossFactory = Objects.requireNonNull(loss, "loss factory");
            this.optimizerFactory = Objects.requireNonNull(optimizer, "optimizer factory");
        }

        /** Minibatch size of each replica's steps (the global batch is partitions times this). */
        public Builder batchSize(int b) {
            this.batchSize = positive(b, "batch size");
            return this;
        }

        /** K: steps each replica takes per round; 1 averages gradients, more averages parameters. */
        public Builder localSteps(int k) {
            this.localSteps = positive(k, "local steps");
            return this;
        }

        /** Passes over the data; a pass is ceil(examples / (partitions x K x batch)) rounds. */
        public Builder epochs(int n) {
            this.epochs = positive(n, "epochs");
            this.rounds = 0;
            return this;
        }

        /** A fixed number of rounds instead of epochs. */
        public Builder rounds(int n) {
            this.rounds = positive(n, "rounds");
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * The backend every executor must use ("cpu", "cuda"); a task whose executor cannot run it
         * fails with that backend's reason. Default: each executor's own default backend.
         */
        public Builder executorBackend(String name) {
            this.executorBackend = Objects.requireNonNull(name).trim().toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        /** The driver's backend (averaging, evaluation); default {@link Backends#get()}. */
        public Builder driverBackend(Backend backend) {
            this.driverBackend = Objects.requireNonNull(backend);
            return this;
        }

        /** Called on the driver: {@code onStep} once per round, {@code onEpoch} once per pass. */
        public Builder callback(Callback c) {
            callbacks.add(Objects.requireNonNull(c));
            return this;
        }

        /** Writes a checkpoint to {@code uri} (any Hadoop-compatible path) every {@code rounds} rounds. */
        public Builder checkpoint(String uri, int everyRounds) {
            this.checkpointUri = Objects.requireNonNull(uri);
            this.checkpointEvery = positive(everyRounds, "checkpoint interval");
            return this;
        }

        /** Continues the run a checkpoint was written by (same K, partitioning and seed). */
        public Builder resumeFrom(String uri) {
            this.resumeUri = Objects.requireNonNull(uri);
            return this;
        }

        public Builder evaluationBatchSize(int b) {
            this.evaluationBatch = positive(b, "evaluation batch size");
            return this;
        }

        /** As {@code Trainer.Builder#divergenceFactor}: stop once a round's loss grows this far (0: off). */
        public Builder divergenceFactor(double factor) {
            this.divergenceFactor = DivergenceGuard.requireValidFactor(factor);
            return this;
        }

        public SparkTrainer build() {
            return new SparkTrainer(this);
        }

        private static int positive(int v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be > 0, got " + v);
            }
            return v;
        }
    }
}
