package io.jgrad.core.train;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line console progress bar: step, loss, examples per second and ETA, redrawn at most 4 times a second. */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final long totalSteps;
    private final int batchSize;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long firstStep = -1;

    public ProgressBar(PrintStream out, long totalSteps, int batchSize) {
        this.out = out;
        this.totalSteps = totalSteps;
        this.batchSize = batchSize;
    }

    @Override
    public void onStep(long step, double loss) {
        if (firstStep < 0) {
            firstStep = step;
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
        out.print('\r');
        out.println(String.format(Locale.ROOT, "epoch %d (step %d): train loss %.4f acc %.4f | test loss %.4f acc %.4f",
                r.epoch(), r.step(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy()));
        lastDraw = 0;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
