package io.jgrad.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;

import io.jgrad.core.backend.ConvGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the Vector API kernels compiled by C2 before a program's first real step. Until C2 has
 * compiled them, Vector API code runs boxed and is 10-100x slower than plain loops: the first
 * training step of the CNN recipe took 2-3 s, the first hundred 4-6 s against 1.5 s warm. On
 * {@link CpuBackend#prepareForTraining()} a daemon thread runs every kernel on small operands
 * (its own GEMM instance and a one-thread pool, so nothing it touches is shared) while the
 * program is still reading its data; the real work then starts on compiled code, or on code
 * that is already being compiled. {@code -Djgrad.cpu.warmup=false} turns it off.
 */
final class KernelWarmup implements Runnable {
    static final String PROPERTY = "jgrad.cpu.warmup";
    private static final Logger LOG = LoggerFactory.getLogger(KernelWarmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Rounds of every kernel: enough calls and loop iterations for C2's thresholds. */
    private static final int ROUNDS = 400;

    KernelWarmup() {
    }

    /** Starts the warm-up once per JVM. */
    static void startOnce() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(new KernelWarmup(), "jgrad-cpu-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            WorkerPool one = new WorkerPool(1);
            Sgemm sgemm = KernelChoice.vectorSgemm(one);
            Dgemm dgemm = KernelChoice.vectorDgemm(one);
            FloatLanes lanes = KernelChoice.vectorLanes();
            float[] a = filled(48 * 48);
            float[] b = filled(48 * 48);
            float[] c = new float[48 * 48];
            double[] ad = new double[48 * 48];
            double[] cd = new double[48 * 48];
            ConvGeometry conv = new ConvGeometry(1, 2, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1);
            float[] image = filled(2 * 8 * 8);
            float[] cols = filled(conv.colRows() * conv.colCols());
            float[] grad = new float[image.length];
            float[] pooled = new float[2 * 4 * 4];
            float[] argmax = new float[pooled.length];
            for (int r = 0; r < ROUNDS; r++) {
                // Each transpose case and both the packed and the direct paths of the GEMMs.
                sgemm.sgemm(false, false, 48, 48, 48, 1f, a, b, 0f, c);
                sgemm.sgemm(true, false, 48, 48, 48, 1f, a, b, 0f, c);
                sgemm.sgemm(false, true, 48, 48, 48, 1f, a, b, 1f, c);
                sgemm.sgemm(false, false, 3, 48, 48, 1f, a, b, 0f, c);
                sgemm.sgemm(false, false, 48, 48, 9, 1f, a, b, 0f, c);
                dgemm.dgemm(false, false, 48, 48, 48, 1, ad, ad, 0, cd);
                lanes.reluBackward(a, b, c, 0, a.length);
                lanes.maxPool2x2(image, 8, 8, pooled, argmax, 0, 2);
                lanes.col2imSameWidth(cols, conv, grad, 0, 2);
            }
            LOG.debug("jgrad cpu: Vector API kernels warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            // A failed warm-up costs only time; the real calls report real problems.
            LOG.debug("jgrad cpu: kernel warm-up stopped", e);
        }
    }

    private static float[] filled(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i * 37 % 101 - 50) / 50f;
        }
        return x;
    }
}
