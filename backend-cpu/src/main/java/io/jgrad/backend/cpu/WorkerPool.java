package io.jgrad.backend.cpu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon workers that run the parts of one job at a time, the caller taking part 0.
 * Built for many short jobs per second (a training step issues several GEMMs): workers spin
 * briefly before parking so back-to-back jobs skip the wake-up latency, and dispatch allocates
 * nothing. A caller that finds the pool busy runs all parts itself.
 */
final class WorkerPool {
    /** A job split into {@code parts} independent pieces. */
    interface Job {
        void run(int part, int parts);
    }

    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger epoch = new AtomicInteger();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Job job;
    private volatile int parts;
    private volatile Throwable failure;

    WorkerPool(int threads) {
        workers = new Thread[Math.max(0, threads - 1)];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> workLoop(part), "jgrad-cpu-" + part);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** Threads a job can use, the caller's included. */
    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code job} split into {@code parts} (at most {@link #threads()}) and waits for all. */
    void run(Job job, int parts) {
        if (parts <= 1 || workers.length == 0 || !lock.tryLock()) {
            for (int p = 0; p < parts; p++) {
                job.run(p, parts);
            }
            return;
        }
        try {
            int n = Math.min(parts, threads());
            this.job = job;
            this.parts = n;
            failure = null;
            remaining.set(n - 1);
            epoch.incrementAndGet();
            for (int i = 0; i < n - 1; i++) {
                LockSupport.unpark(workers[i]);
            }
            job.run(0, n);
            while (remaining.get() != 0) {
                Thread.onSpinWait();
            }
            this.job = null;
            Throwable f = failure;
            if (f != null) {
                throw f instanceof RuntimeException ? (RuntimeException) f : new IllegalStateException(f);
            }
        } finally {
            lock.unlock();
        }
    }

    private void workLoop(int part) {
        int seen = epoch.get();
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (epoch.get() == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = epoch.get();
            Job j = job;
            int n = parts;
            if (part < n && j != null) {
                try {
                    j.run(part, n);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    remaining.decrementAndGet();
                }
            }
        }
    }
}
