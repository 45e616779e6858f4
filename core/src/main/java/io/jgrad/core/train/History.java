package io.jgrad.core.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jgrad.core.util.AtomicFiles;
import io.jgrad.core.util.Json;

/**
 * The loss of every step, the wall time of every timed step, and the metrics of every epoch,
 * exportable as CSV and JSON.
 */
public final class History {
    private double[] stepLoss = new double[1024];
    private int steps;
    private float[] stepMillis = new float[1024];
    private int timedSteps;
    private final List<EpochRecord> epochs = new ArrayList<>();
    private double trainSeconds;
    private double evalSeconds;

    /** Records one step's loss (trainers call these; a run on Spark records one per round). */
    public void addStep(double loss) {
        if (steps == stepLoss.length) {
            stepLoss = Arrays.copyOf(stepLoss, steps * 2);
        }
        stepLoss[steps++] = loss;
    }

    /** Records one step's wall time (gather, gradients, update), as the trainer measures it. */
    public void addStepTime(long nanos) {
        if (timedSteps == stepMillis.length) {
            stepMillis = Arrays.copyOf(stepMillis, timedSteps * 2);
        }
        stepMillis[timedSteps++] = nanos / 1e6f;
    }

    /** The wall time of every timed step in milliseconds, to the microsecond. */
    public double[] stepMillis() {
        double[] ms = new double[timedSteps];
        for (int i = 0; i < timedSteps; i++) {
            ms[i] = Math.round(stepMillis[i] * 1000.0) / 1000.0;
        }
        return ms;
    }

    /**
     * The q-quantile (0.5: the median) of the timed steps' wall time in milliseconds, NaN when no
     * step was timed. The median is what PyTorch's scripts and {@code bench step} report; the mean
     * (train seconds over steps) also carries the slow steps of a busy machine.
     */
    public double stepMillisQuantile(double q) {
        return quantile(sortedStepMillis(), q);
    }

    private float[] sortedStepMillis() {
        float[] sorted = Arrays.copyOf(stepMillis, timedSteps);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantile(float[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    public void addEpoch(EpochRecord r) {
        epochs.add(r);
    }

    public void addTime(double train, double eval) {
        trainSeconds += train;
        evalSeconds += eval;
    }

    public double[] stepLosses() {
        return Arrays.copyOf(stepLoss, steps);
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    public EpochRecord lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** Seconds spent in training steps (minibatch sampling included, evaluation excluded). */
    public double trainSeconds() {
        return trainSeconds;
    }

    public double evalSeconds() {
        return evalSeconds;
    }

    /** One row per epoch. */
    public String epochsCsv() {
        StringBuilder sb = new StringBuilder("epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,train_seconds\n");
        for (EpochRecord r : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.3f%n", r.epoch(), r.step(), r.trainLoss(),
                    r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.trainSeconds()));
        }
        return sb.toString();
    }

    /** One row per step. */
    public String stepsCsv() {
        StringBuilder sb = new StringBuilder("step,loss\n");
        for (int i = 0; i < steps; i++) {
            sb.append(i + 1).append(',').append(String.format(Locale.ROOT, "%.6g", stepLoss[i])).append('\n');
        }
        return sb.toString();
    }

    /**
     * The run as report fields, the one place they are named: {@code epochs} (per epoch, with the
     * cumulative {@code elapsed_train_seconds}), the last epoch's {@code train_accuracy},
     * {@code test_accuracy} and {@code test_loss}, {@code step_loss}, {@code train_seconds},
     * {@code eval_seconds}, and each step's wall time {@code step_ms} with its
     * {@code step_ms_median} and {@code step_ms_p90}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> es = new ArrayList<>();
        for (EpochRecord r : epochs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("step", r.step());
            e.put("train_loss", r.trainLoss());
            e.put("train_accuracy", r.trainAccuracy());
            e.put("test_loss", r.testLoss());
            e.put("test_accuracy", r.testAccuracy());
            e.put("elapsed_train_seconds", r.trainSeconds()); // cumulative: shows the JIT warm-up in epoch 1
            es.add(e);
        }
        m.put("epochs", es);
        EpochRecord last = lastEpoch();
        m.put("train_accuracy", last == null ? null : last.trainAccuracy());
        m.put("test_accuracy", last == null ? null : last.testAccuracy());
        m.put("test_loss", last == null ? null : last.testLoss());
        m.put("step_loss", stepLosses());
        m.put("train_seconds", trainSeconds);
        m.put("eval_seconds", evalSeconds);
        m.put("step_ms", stepMillis()); // each step's wall time: the JIT's warm-up shows in the first ones
        float[] sorted = sortedStepMillis(); // sorted once for both quantiles
        m.put("step_ms_median", nullIfNaN(quantile(sorted, 0.5)));
        m.put("step_ms_p90", nullIfNaN(quantile(sorted, 0.9)));
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, epochsCsv());
    }

    public void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
