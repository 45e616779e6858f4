package io.jgrad.core.train;

/** The loss became NaN or infinite; the message names the step. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(long step, double loss) {
        super("training diverged: loss is " + loss + " at step " + step
                + " (try a smaller learning rate, or scale the inputs)");
        this.step = step;
    }

    public long step() {
        return step;
    }
}
