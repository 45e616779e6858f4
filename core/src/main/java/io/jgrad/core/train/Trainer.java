package io.jgrad.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;

/**
 * The training loop: draws minibatches, computes gradients (backprop unless told otherwise), steps
 * the optimizer, evaluates each epoch and records a {@link History}. Runs by epochs or by a fixed
 * number of iterations; deterministic for a seed on the CPU backend; stops with
 * {@link TrainingDivergedException} on a NaN or infinite loss, or on a loss that grew past
 * {@link Builder#divergenceFactor} (default 1000) times the first step's (at least 1).
 *
 * <pre>{@code
 * History h = Trainer.builder(model, SoftmaxCrossEntropy.sparse(), new SGD(0.1))
 *         .batchSize(100).iterations(10_000).build()
 *         .fit(train, test);
 * }</pre>
 */
public final class Trainer {
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final long iterations;
    private final int epochs;
    private final Sampling sampling;
    private final long seed;
    private final List<Callback> callbacks;
    private final GradientMethod gradients;
    private final TrainMetrics trainMetrics;
    private final long startStep;
    private final BatchOrder batchOrder;
    private final LearningRateSchedule schedule;
    private final int evaluationBatch;
    private final double divergenceFactor;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.batchSize = b.batchSize;
        this.iterations = b.iterations;
        this.epochs = b.epochs;
        this.sampling = b.sampling;
        this.seed = b.seed;
        this.callbacks = List.copyOf(b.callbacks);
        this.gradients = b.gradients;
        this.trainMetrics = b.trainMetrics;
        this.startStep = b.startStep;
        this.batchOrder = b.batchOrder;
        this.schedule = b.schedule;
        this.evaluationBatch = b.evaluationBatch;
        this.divergenceFactor = b.divergenceFactor;
    }

    public static Builder builder(Sequential model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** Steps the run will take for a training set of {@code n} examples. */
    public long totalSteps(int n) {
        int perEpoch = batchOrder != null ? batchOrder.stepsPerEpoch() : BatchSampler.stepsPerEpoch(sampling, n, batchSize);
        return iterations > 0 ? iterations : (long) epochs * perEpoch;
    }

    /** Trains on {@code train}; {@code test} may be null. */
    public History fit(Dataset train, Dataset test) {
        Objects.requireNonNull(train, "train");
        if (test != null && test.features().cols() != train.features().cols()) {
            throw new IllegalArgumentException("test set " + test.name() + " has " + test.features().cols()
                    + " features per example, the training set " + train.features().cols());
        }
        BatchOrder sampler = batchOrder != null ? batchOrder : BatchOrder.of(sampling, train.size(), batchSize, seed);
        long total = totalSteps(train.size());
        int perEpoch = sampler.stepsPerEpoch();
        History history = new History();
        double epochTrainSeconds = 0;
        double baseRate = optimizer.learningRate();
        DivergenceGuard guard = new DivergenceGuard(divergenceFactor);
        boolean oneHot = !loss.takesClassIndices();
        try (Batch batch = new Batch(train, oneHot);
             // gathered into the same buffers every epoch
             Batch trainEval = new Batch(train, oneHot);
             Batch testEval = test != null ? new Batch(test, oneHot) : null) {
            RunningMetrics running = trainMetrics == TrainMetrics.RUNNING ? new RunningMetrics(train) : null;
            long t0 = System.nanoTime();
            for (long step = startStep; step < total; step++) {
                long stepStart = System.nanoTime();
                int[] indices = sampler.indices(step);
                batch.load(indices);
                double value;
                if (running != null && gradients == GradientMethod.BACKPROP) {
                    value = GradientMethod.backprop(model, loss, batch.features(), batch.targets(),
                            running.batch(indices));
                } else {
                    value = gradients.computeGradients(model, loss, batch.features(), batch.targets());
                    if (running != null) {
                        running.addLossOnly(value, indices.length);
                    }
                }
                guard.check(step + 1, value);
                if (schedule != null) {
                    optimizer.setLearningRate(schedule.rate(step, baseRate));
                }
                optimizer.step(model.parameters());
                history.addStepTime(System.nanoTime() - stepStart);
                history.addStep(value);
                for (Callback c : callbacks) {
                    c.onStep(step + 1, value);
                }
                boolean epochEnd = (step + 1) % perEpoch == 0 || step + 1 == total;
                if (epochEnd) {
                    long t1 = System.nanoTime();
                    double trainSecs = (t1 - t0) / 1e9;
                    epochTrainSeconds += trainSecs;
                    EpochRecord r = evaluate((int) ((step + perEpoch) / perEpoch), step + 1, train, trainEval, test,
                            testEval, epochTrainSeconds, running);
                    long t2 = System.nanoTime();
                    history.addTime(trainSecs, (t2 - t1) / 1e9);
                    history.addEpoch(r);
                    for (Callback c : callbacks) {
                        c.onEpoch(r);
                    }
                    t0 = System.nanoTime();
                }
            }
        } finally {
            optimizer.setLearningRate(baseRate); // the schedule leaves the optimizer as it found it
        }
        return history;
    }

    private EpochRecord evaluate(int epoch, long step, Dataset train, Batch trainEval, Dataset test, Batch testEval,
                                 double trainSeconds, RunningMetrics running) {
        int evalBatch = evaluationBatch > 0 ? evaluationBatch : Math.max(batchSize, 1000);
        Metrics none = new Metrics(Double.NaN, Double.NaN);
        Metrics tr = switch (trainMetrics) {
            case FULL_PASS -> Evaluator.evaluate(model, loss, train, evalBatch, trainEval);
            case RUNNING -> running.takeEpoch();
            case NONE -> none;
        };
        Metrics te = test != null ? Evaluator.evaluate(model, loss, test, evalBatch, testEval) : none;
        return new EpochRecord(epoch, step, tr.loss(), tr.accuracy(), te.loss(), te.accuracy(), trainSeconds);
    }

    /** Configures a {@link Trainer}; by default 1 epoch, batch 32, shuffled, seed 42, backprop. */
    public static final class Builder {
        private final Sequential model;
        private final Loss loss;
        private final Optimizer optimizer;
        private int batchSize = 32;
        private long iterations;
        private int epochs = 1;
        private Sampling sampling = Sampling.shuffle();
        private long seed = 42;
        private final List<Callback> callbacks = new ArrayList<>();
        private GradientMethod gradients = GradientMethod.BACKPROP;
        private TrainMetrics trainMetrics = TrainMetrics.FULL_PASS;
        private long startStep;
        private BatchOrder batchOrder;
        private LearningRateSchedule schedule;
        private int evaluationBatch;
        private double divergenceFactor = 1000;

        private Builder(Sequential model, Loss loss, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.loss = Objects.requireNonNull(loss, "loss");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        public Builder batchSize(int b) {
            if (b <= 0) {
                throw new IllegalArgumentException("batch size must be > 0, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /** Train for a fixed number of steps (epochs are then n / batch steps each). */
        public Builder iterations(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("iterations must be > 0, got " + n);
            }
            this.iterations = n;
            return this;
        }

        public Builder epochs(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("epochs must be > 0, got " + n);
            }
            this.epochs = n;
            this.iterations = 0;
            return this;
        }

        /**
         * The caller's batch order (replaces {@link #sampling}, {@link #seed} and the batch size
         * for drawing): for example the batches another framework saw, via {@link BatchOrder#fixed}.
         */
        public Builder batchOrder(BatchOrder order) {
            this.batchOrder = Objects.requireNonNull(order);
            return this;
        }

        /** Sets the optimizer's rate before every step from its rate at the start of {@code fit}. */
        public Builder learningRateSchedule(LearningRateSchedule s) {
            this.schedule = Objects.requireNonNull(s);
            return this;
        }

        public Builder sampling(Sampling s) {
            this.sampling = Objects.requireNonNull(s);
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder callback(Callback c) {
            callbacks.add(Objects.requireNonNull(c));
            return this;
        }

        public Builder gradients(GradientMethod g) {
            this.gradients = Objects.requireNonNull(g);
            return this;
        }

        /**
         * Batch size of the per-epoch evaluations (default: the larger of the batch size and 1000;
         * convolutional models want less, their im2col buffers grow with it).
         */
        public Builder evaluationBatchSize(int b) {
            if (b <= 0) {
                throw new IllegalArgumentException("evaluation batch size must be > 0, got " + b);
            }
            this.evaluationBatch = b;
            return this;
        }

        /**
         * Stop with {@link TrainingDivergedException} once a step's loss exceeds this many times the
         * first step's loss (or 1, whichever is larger); 0 turns the guard off. Default 1000: a
         * learning rate far too large (SGD at 1e6 on MNIST, loss in the hundreds of thousands)
         * stops instead of finishing with a meaningless model.
         */
        public Builder divergenceFactor(double factor) {
            this.divergenceFactor = DivergenceGuard.requireValidFactor(factor);
            return this;
        }

        /**
         * Whether each epoch also evaluates the whole training set (default true):
         * {@code trainMetrics(e ? FULL_PASS : NONE)}.
         */
        public Builder evaluateTrain(boolean e) {
            return trainMetrics(e ? TrainMetrics.FULL_PASS : TrainMetrics.NONE);
        }

        /** How each epoch's training loss and accuracy are measured (default {@link TrainMetrics#FULL_PASS}). */
        public Builder trainMetrics(TrainMetrics m) {
            this.trainMetrics = Objects.requireNonNull(m, "trainMetrics");
            return this;
        }

        /** Continue a run at this step (after loading a checkpoint). */
        public Builder startStep(long s) {
            if (s < 0) {
                throw new IllegalArgumentException("start step must be >= 0, got " + s);
            }
            this.startStep = s;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
