package io.jgrad.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Until C2 compiles them, Vector API kernels run in a mode many times slower, and on a training run
 * that costs seconds (1.9 s of a 14 s Fashion-MNIST run, measured). So when the first Vector API
 * backend is created, a low-priority daemon thread runs every GEMM path a few thousand times on
 * small data (its own kernel instance: the backend's is not shared across threads) while the
 * application is typically still loading data. Once per JVM; {@code -Djgrad.cpu.warmup=false}
 * turns it off.
 */
final class KernelWarmup implements Runnable {
    static final String PROPERTY = "jgrad.cpu.warmup";
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long BUDGET_NANOS = 1_500_000_000L;

    private final Sgemm gemm;

    private KernelWarmup(Sgemm gemm) {
        this.gemm = gemm;
    }

    static void start(Sgemm privateInstance) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(new KernelWarmup(privateInstance), "jgrad-cpu-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        // m, n, k, transA, transB: packed paths (full and edge tiles, both transposes, several K
        // blocks) and the direct path for skinny products.
        int[][] shapes = {{30, 40, 300, 0, 0}, {30, 40, 40, 1, 0}, {30, 40, 40, 0, 1}, {3, 40, 200, 0, 0},
            {40, 20, 3, 1, 0}, {12, 10, 40, 0, 0}};
        float[][] a = new float[shapes.length][];
        float[][] b = new float[shapes.length][];
        float[][] c = new float[shapes.length][];
        for (int s = 0; s < shapes.length; s++) {
            a[s] = filled(shapes[s][0] * shapes[s][2]);
            b[s] = filled(shapes[s][2] * shapes[s][1]);
            c[s] = new float[shapes[s][0] * shapes[s][1]];
        }
        long end = System.nanoTime() + BUDGET_NANOS;
        for (int round = 0; round < 3000 && System.nanoTime() < end; round++) {
            for (int s = 0; s < shapes.length; s++) {
                int[] sh = shapes[s];
                gemm.sgemm(sh[3] == 1, sh[4] == 1, sh[0], sh[1], sh[2], 1f, a[s], b[s], 0f, c[s]);
            }
        }
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 13) * 0.01f;
        }
        return v;
    }
}
