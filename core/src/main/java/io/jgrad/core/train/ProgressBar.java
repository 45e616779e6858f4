package io.jgrad.core.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar: step, loss, examples per second and ETA, redrawn at most 4
 * times a second. For a pipe or a log file ({@link #lines}) it writes no carriage returns: one line
 * per epoch, as Keras does with {@code verbose=2}. Metrics that were not measured (no test set,
 * no train evaluation) are left out of the epoch line rather than printed as NaN.
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final long totalSteps;
    private final int batchSize;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long firstStep = -1;
    private final boolean redraw;

    public ProgressBar(PrintStream out, long totalSteps, int batchSize) {
        this(out, totalSteps, batchSize, true);
    }

    private ProgressBar(PrintStream out, long totalSteps, int batchSize, boolean redraw) {
        this.out = out;
        this.totalSteps = totalSteps;
        this.batchSize = batchSize;
        this.redraw = redraw;
    }

    /** One line per epoch and no redrawn bar: for output that is not a terminal. */
    public static ProgressBar lines(PrintStream out, long totalSteps, int batchSize) {
        return new ProgressBar(out, totalSteps, batchSize, false);
    }

    /** The bar when the JVM has a console (stdout and stdin are a terminal), else {@link #lines}. */
    public static ProgressBar forConsole(PrintStream out, long totalSteps, int batchSize) {
        return new ProgressBar(out, totalSteps, batchSize, System.console() != null);
    }

    @Override
    public void onStep(long step, double loss) {
        if (firstStep < 0) {
            firstStep = step;
        }
        if (!redraw) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 250_000_000L && step != totalSteps) {
            return;
        }
        lastDraw = now;
        double secs = (now - startNanos) / 1e9;
        long done = step - firstStep + 1;
        double rate = done * batchSize / Math.max(secs, 1e-9);
        double eta = (totalSteps - step) * (secs / done);
        int filled = (int) (WIDTH * step / Math.max(totalSteps, 1));
        out.print(String.format(Locale.ROOT, "\rstep %d/%d [%s%s] loss %.4f  %,.0f ex/s  ETA %s ", step, totalSteps,
                "=".repeat(filled), " ".repeat(WIDTH - filled), loss, rate, clock(eta)));
        if (step == totalSteps) {
            out.println();
        }
        out.flush();
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (redraw) {
            out.print('\r');
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d (step %d/%d):", r.epoch(), r.step(),
                totalSteps));
        metrics(line, "train", r.trainLoss(), r.trainAccuracy());
        metrics(line, "test", r.testLoss(), r.testAccuracy());
        out.println(line);
        lastDraw = 0;
    }

    private static void metrics(StringBuilder line, String which, double loss, double accuracy) {
        if (!Double.isNaN(loss)) {
            line.append(String.format(Locale.ROOT, " %s loss %.4f", which, loss));
        }
        if (!Double.isNaN(accuracy)) {
            line.append(String.format(Locale.ROOT, " acc %.4f", accuracy));
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
