package io.jgrad.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/** The task of one round on one partition: find or build the replica, train, return the contribution. */
final class RoundTask implements FlatMapFunction<Iterator<PartitionBlock>, RoundResult> {
    private final TrainingPlan plan;
    private final Broadcast<RoundState> state;

    RoundTask(TrainingPlan plan, Broadcast<RoundState> state) {
        this.plan = plan;
        this.state = state;
    }

    @Override
    public Iterator<RoundResult> call(Iterator<PartitionBlock> blocks) {
        PartitionBlock block = blocks.next();
        Replica replica = ReplicaCache.get(plan.runId(), block.partition,
                () -> new Replica(plan, ExecutorBackends.forPlan(plan), block));
        return List.of(replica.run(state.value())).iterator();
    }
}
