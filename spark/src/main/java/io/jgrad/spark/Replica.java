package io.jgrad.spark;

import java.util.ArrayList;
import java.util.List;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.train.Batch;
import io.jgrad.core.train.BatchOrder;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.GradientMethod;
import io.jgrad.core.train.Sampling;

/**
 * An executor's copy of the model with its partition's data on the backend. Kept between rounds
 * (see {@link ReplicaCache}) only to save the uploads: every round starts by overwriting all of
 * its state with the broadcast, and its batches are a pure function of (seed, partition, round),
 * so a replica rebuilt after a lost executor or a retried task computes the same result.
 */
final class Replica implements AutoCloseable {
    private final TrainingPlan plan;
    private final int partition;
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Dataset data;
    private final Batch batch;
    private final BatchOrder order;
    private final List<Tensor> state = new ArrayList<>();
    private final List<Tensor> contribution = new ArrayList<>();

    Replica(TrainingPlan plan, Backend backend, PartitionBlock block) {
        this.plan = plan;
        this.partition = block.partition;
        this.model = plan.modelFactory().create(backend);
        this.loss = plan.lossFactory().create();
        this.optimizer = plan.optimizerFactory().create();
        Shape inputShape = model.inputShape();
        int classes = model.outputShape(Sequential.batched(inputShape, 1)).size();
        this.data = Dataset.classification("partition " + partition, backend, model.dtype(), block.features,
                inputShape, block.labels, classes);
        this.batch = new Batch(data, !loss.takesClassIndices());
        int batchSize = Math.min(plan.batchSize(), block.size());
        this.order = BatchOrder.of(Sampling.shuffle(), block.size(), batchSize, partitionSeed(plan.seed(), partition));
        state.addAll(model.stateDict().values());
        if (plan.averagesGradients()) {
            for (Parameter p : model.parameters()) {
                contribution.add(p.grad());
            }
            contribution.addAll(model.buffers().values());
        } else {
            state.addAll(optimizer.state(model.parameters()).values());
            contribution.addAll(state);
        }
    }

    /** Each partition draws its own reshuffled epochs from a seed of its own. */
    static long partitionSeed(long seed, int partition) {
        long z = seed + 0x9E3779B97F4A7C15L * (partition + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 27);
    }

    /** Loads the round's state, trains, and packs the contribution. */
    synchronized RoundResult run(RoundState round) {
        long t0 = System.nanoTime();
        TensorPack.scatter(round.values(), state);
        double lossSum = 0;
        int k = plan.localSteps();
        if (plan.averagesGradients()) {
            batch.load(order.indices(round.round()));
            lossSum = GradientMethod.BACKPROP.computeGradients(model, loss, batch.features(), batch.targets());
        } else {
            optimizer.setSteps(round.optimizerSteps());
            optimizer.setLearningRate(round.learningRate());
            for (int s = 0; s < k; s++) {
                batch.load(order.indices((long) round.round() * k + s));
                double value = GradientMethod.BACKPROP.computeGradients(model, loss, batch.features(), batch.targets());
                lossSum += value;
                if (!Double.isFinite(value)) {
                    break; // the driver stops the run and names the round
                }
                optimizer.step(model.parameters());
            }
        }
        float[] out = TensorPack.gather(contribution);
        return new RoundResult(partition, out, lossSum, plan.averagesGradients() ? 1 : k, System.nanoTime() - t0);
    }

    DType dtype() {
        return model.dtype();
    }

    @Override
    public synchronized void close() {
        batch.close();
        data.close();
        optimizer.close();
        loss.close();
        model.close();
    }
}
