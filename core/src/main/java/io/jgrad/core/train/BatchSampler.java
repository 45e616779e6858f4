package io.jgrad.core.train;

import java.util.SplittableRandom;

import io.jgrad.core.backend.CounterRng;

/**
 * Produces the example indices of each step as a pure function of (seed, step), so that a run
 * resumed from a checkpoint draws the same batches as an uninterrupted one. Reuses its arrays.
 */
final class BatchSampler implements BatchOrder {
    private final Sampling sampling;
    private final int n;
    private final int batchSize;
    private final long seed;
    private final int[] order;
    private final int[] batch;
    private int[] tail;
    private long orderEpoch = -1;

    BatchSampler(Sampling sampling, int n, int batchSize, long seed) {
        this.sampling = sampling;
        this.n = n;
        this.batchSize = batchSize;
        this.seed = seed;
        this.order = sampling.isWithReplacement() ? null : new int[n];
        this.batch = new int[Math.min(batchSize, sampling.isWithReplacement() ? batchSize : n)];
    }

    /** Steps in one epoch: n / batch for sampling with replacement (at least 1), else ceil(n / batch). */
    static int stepsPerEpoch(Sampling sampling, int n, int batchSize) {
        return sampling.isWithReplacement() ? Math.max(n / batchSize, 1) : (n + batchSize - 1) / batchSize;
    }

    @Override
    public int stepsPerEpoch() {
        return stepsPerEpoch(sampling, n, batchSize);
    }

    /** The indices for global step {@code step} (0-based); the array is reused by the next call. */
    @Override
    public int[] indices(long step) {
        if (sampling.isWithReplacement()) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (int) (CounterRng.uniform(seed, step * batchSize + i) * n);
            }
            return batch;
        }
        int perEpoch = stepsPerEpoch();
        long epoch = step / perEpoch;
        int within = (int) (step % perEpoch);
        if (epoch != orderEpoch) {
            fillOrder(epoch);
        }
        int from = within * batchSize;
        int count = Math.min(batchSize, n - from);
        int[] out = batch;
        if (count != batch.length) { // the short last batch of an epoch
            if (tail == null || tail.length != count) {
                tail = new int[count];
            }
            out = tail;
        }
        System.arraycopy(order, from, out, 0, count);
        return out;
    }

    private void fillOrder(long epoch) {
        SplittableRandom rnd = new SplittableRandom(CounterRng.mix(seed, epoch));
        int buffer = sampling.shuffleBufferSize();
        if (buffer == 0 || buffer >= n) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        } else {
            // tf.data semantics: fill a buffer with the first examples; each output is a random
            // buffer slot, refilled with the next example in file order.
            int[] buf = new int[buffer];
            for (int i = 0; i < buffer; i++) {
                buf[i] = i;
            }
            int next = buffer;
            int size = buffer;
            for (int o = 0; o < n; o++) {
                int slot = rnd.nextInt(size);
                order[o] = buf[slot];
                if (next < n) {
                    buf[slot] = next++;
                } else {
                    buf[slot] = buf[--size];
                }
            }
        }
        orderEpoch = epoch;
    }
}
