package io.jgrad.core.train;

/**
 * Which examples each training step uses. The trainer asks for step after step (0-based, global
 * across epochs, so a resumed run continues the same order); an implementation may reuse the
 * returned array for the next call. Give one to {@link Trainer.Builder#batchOrder} to replay the
 * batches another framework drew, or to feed a curriculum.
 */
public interface BatchOrder {
    /** Steps in one epoch (when the trainer evaluates and reports). */
    int stepsPerEpoch();

    /** The example indices of global step {@code step}; each in [0, dataset size). */
    int[] indices(long step);

    /** jgrad's own order: a pure function of (sampling, dataset size, batch size, seed, step). */
    static BatchOrder of(Sampling sampling, int datasetSize, int batchSize, long seed) {
        return new BatchSampler(sampling, datasetSize, batchSize, seed);
    }

    /** The given batches in turn, one per step; an epoch is one pass over them. */
    static BatchOrder fixed(int[][] batches) {
        if (batches.length == 0) {
            throw new IllegalArgumentException("a fixed batch order needs at least one batch");
        }
        int[][] copy = new int[batches.length][];
        for (int i = 0; i < batches.length; i++) {
            if (batches[i].length == 0) {
                throw new IllegalArgumentException("batch " + i + " of the fixed order is empty");
            }
            copy[i] = batches[i].clone();
        }
        return new BatchOrder() {
            @Override
            public int stepsPerEpoch() {
                return copy.length;
            }

            @Override
            public int[] indices(long step) {
                return copy[(int) (step % copy.length)];
            }
        };
    }
}
