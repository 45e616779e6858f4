package io.jgrad.spark;

import java.io.Serializable;

/**
 * What every task of a run needs besides the round's state: the factories and the settings. One
 * object travels with the job closure; the weights travel by broadcast, round by round.
 *
 * @param runId        tells this run's cached replicas from another's on a shared executor
 * @param backendName  the backend every executor must use, or null for its default
 *                     ({@code -Djgrad.backend} in {@code spark.executor.extraJavaOptions})
 * @param localSteps   K: minibatch steps per replica per round (1 = averaged gradients)
 */
record TrainingPlan(String runId, ModelFactory modelFactory, LossFactory lossFactory,
                    OptimizerFactory optimizerFactory, int batchSize, int localSteps, long seed,
                    String backendName) implements Serializable {

    /** K = 1 sends gradients and steps the optimizer once on the driver: exact synchronous SGD. */
    boolean averagesGradients() {
        return localSteps == 1;
    }
}
