package io.jgrad.core.train;

/** The loss became NaN or infinite, or grew far beyond where it started; the message names the step. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(long step, double loss) {
        super("training diverged: loss is " + loss + " at step " + step
                + " (try a smaller learning rate, or scale the inputs)");
        this.step = step;
    }

    /** A finite loss that grew past {@code factor} times its start. */
    public TrainingDivergedException(long step, double loss, double first, double factor) {
        super("training diverged: loss is " + loss + " at step " + step + ", more than " + (long) factor
                + "x the first step's " + first + " (try a smaller learning rate, or scale the inputs)");
        this.step = step;
    }

    public long step() {
        return step;
    }
}
