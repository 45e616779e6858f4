package io.jgrad.core.train;

/**
 * How minibatches are drawn: independently with replacement (the classic from-scratch loop, where
 * an "epoch" is n / batch iterations), or by shuffled passes over the data, fully or through a
 * tf.data-style shuffle buffer of limited size.
 */
public final class Sampling {
    private final boolean withReplacement;
    private final int shuffleBuffer;

    private Sampling(boolean withReplacement, int shuffleBuffer) {
        this.withReplacement = withReplacement;
        this.shuffleBuffer = shuffleBuffer;
    }

    public static Sampling withReplacement() {
        return new Sampling(true, 0);
    }

    /** A full random permutation each epoch. */
    public static Sampling shuffle() {
        return new Sampling(false, 0);
    }

    /** tf.data's {@code shuffle(buffer)}: each pick is random among the next {@code buffer} examples. */
    public static Sampling shuffleBuffer(int buffer) {
        if (buffer < 1) {
            throw new IllegalArgumentException("shuffle buffer must be >= 1, got " + buffer);
        }
        return new Sampling(false, buffer);
    }

    public boolean isWithReplacement() {
        return withReplacement;
    }

    /** 0 for a full shuffle. */
    public int shuffleBufferSize() {
        return shuffleBuffer;
    }

    @Override
    public String toString() {
        return withReplacement ? "with-replacement" : shuffleBuffer == 0 ? "shuffle" : "shuffle-buffer-" + shuffleBuffer;
    }
}
