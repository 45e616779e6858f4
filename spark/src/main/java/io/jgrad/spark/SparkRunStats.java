package io.jgrad.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the rounds' time went: wall time per round, the slowest replica's compute (the critical
 * path), the rest being Spark's scheduling, serialization and transfer; and the bytes a round
 * moves (the state to every partition and each partition's contribution back).
 */
public final class SparkRunStats {
    private long[] wallNanos = new long[256];
    private long[] computeNanos = new long[256];
    private int rounds;
    private long bytesDown;
    private long bytesUp;
    private final int partitions;
    private final int localSteps;

    SparkRunStats(int partitions, int localSteps) {
        this.partitions = partitions;
        this.localSteps = localSteps;
    }

    void add(long wall, long slowestCompute, long down, long up) {
        if (rounds == wallNanos.length) {
            wallNanos = Arrays.copyOf(wallNanos, rounds * 2);
            computeNanos = Arrays.copyOf(computeNanos, rounds * 2);
        }
        wallNanos[rounds] = wall;
        computeNanos[rounds] = slowestCompute;
        rounds++;
        bytesDown = down;
        bytesUp = up;
    }

    public int rounds() {
        return rounds;
    }

    public int partitions() {
        return partitions;
    }

    public int localSteps() {
        return localSteps;
    }

    public double roundSeconds() {
        return sum(wallNanos) / 1e9;
    }

    public double computeSeconds() {
        return sum(computeNanos) / 1e9;
    }

    /** Round time not spent computing: scheduling, (de)serialization, transfer. */
    public double communicationSeconds() {
        return roundSeconds() - computeSeconds();
    }

    public double roundsPerSecond() {
        return rounds / Math.max(roundSeconds(), 1e-9);
    }

    public double medianRoundMillis() {
        return median(wallNanos) / 1e6;
    }

    /** Median of (round wall time - slowest replica's compute): the per-round overhead. */
    public double medianOverheadMillis() {
        long[] d = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            d[i] = wallNanos[i] - computeNanos[i];
        }
        return median(d, rounds) / 1e6;
    }

    public double medianComputeMillis() {
        return median(computeNanos) / 1e6;
    }

    public long bytesPerRound() {
        return bytesDown + bytesUp;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partitions", partitions);
        m.put("local_steps", localSteps);
        m.put("rounds", rounds);
        m.put("rounds_per_second", roundsPerSecond());
        m.put("round_seconds", roundSeconds());
        m.put("compute_seconds", computeSeconds());
        m.put("communication_seconds", communicationSeconds());
        m.put("median_round_ms", medianRoundMillis());
        m.put("median_compute_ms", medianComputeMillis());
        m.put("median_overhead_ms", medianOverheadMillis());
        m.put("bytes_down_per_round", bytesDown);
        m.put("bytes_up_per_round", bytesUp);
        m.put("bytes_per_round", bytesPerRound());
        return m;
    }

    private long sum(long[] a) {
        long s = 0;
        for (int i = 0; i < rounds; i++) {
            s += a[i];
        }
        return s;
    }

    private double median(long[] a) {
        return median(a, rounds);
    }

    private static double median(long[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
