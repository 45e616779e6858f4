package io.jgrad.backend.cpu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon workers that run the parts of one job at a time, the caller taking part 0.
 * Built for many short jobs per second (a training step issues several GEMMs): workers spin
 * briefly before parking so back-to-back jobs skip the wake-up latency, and dispatch allocates
 * nothing. A caller that finds the pool busy runs all parts itself.
 *
 * <p>Parts are claimed, not assigned: normally worker i takes part i, but a part no worker has
 * started by the time the caller finishes its own is run by the caller. When the machine has more
 * runnable threads than cores (the JIT compiling, another process), a descheduled worker then
 * costs one part's time instead of a scheduler time slice of milliseconds; and the caller yields
 * while it waits, so a worker queued behind it on the same core gets to run.
 */
final class WorkerPool {
    /** A job split into {@code parts} independent pieces. */
    interface Job {
        void run(int part, int parts);
    }

    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** How long the caller spins on unfinished parts before it starts yielding its core. */
    private static final long WAIT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    /** Threads inside {@link #callerOnly}: their jobs run on themselves, part after part. */
    private static final ThreadLocal<Boolean> CALLER_ONLY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger epoch = new AtomicInteger();
    /** The job's epoch (high 32 bits) and its next unclaimed part (low 32 bits). */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Job job;
    private volatile int parts;
    private volatile Throwable failure;

    WorkerPool(int threads) {
        workers = new Thread[Math.max(0, threads - 1)];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workLoop, "jgrad-cpu-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** Threads a job can use, the caller's included. */
    int threads() {
        return workers.length + 1;
    }

    /**
     * How many parts a job of {@code units} independent pieces and {@code work} elements is worth
     * splitting into: at most one per thread and per unit, none with less than {@code minWork}.
     */
    int partsFor(long units, long work, long minWork) {
        return (int) Math.max(1, Math.min(Math.min(threads(), units), work / minWork));
    }

    /** Runs {@code task} with every job this thread submits run on this thread (same parts, same results). */
    static void callerOnly(Runnable task) {
        boolean before = CALLER_ONLY.get();
        CALLER_ONLY.set(Boolean.TRUE);
        try {
            task.run();
        } finally {
            CALLER_ONLY.set(before);
        }
    }

    /** Runs {@code job} split into {@code parts} (at most {@link #threads()}) and waits for all. */
    void run(Job job, int parts) {
        if (parts <= 1 || workers.length == 0 || CALLER_ONLY.get() || !lock.tryLock()) {
            for (int p = 0; p < parts; p++) {
                job.run(p, parts);
            }
            return;
        }
        try {
            int n = Math.min(parts, threads());
            int e = epoch.get() + 1;
            this.job = job;
            this.parts = n;
            failure = null;
            remaining.set(n);
            claims.set(((long) e << 32) | 1); // part 0 is the caller's
            epoch.set(e);
            for (int i = 0; i < n - 1; i++) {
                LockSupport.unpark(workers[i]);
            }
            runPart(job, 0, n);
            claimParts(e, job, n);
            long waitStart = System.nanoTime();
            while (remaining.get() != 0) {
                if (System.nanoTime() - waitStart < WAIT_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
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

    /** Runs the unclaimed parts of job {@code e}; returns when none is left. */
    private void claimParts(int e, Job j, int n) {
        while (true) {
            long c = claims.get();
            int part = (int) c;
            if ((int) (c >>> 32) != e || part >= n) {
                return;
            }
            if (claims.compareAndSet(c, c + 1)) {
                runPart(j, part, n);
            }
        }
    }

    private void runPart(Job j, int part, int n) {
        try {
            j.run(part, n);
        } catch (Throwable t) {
            failure = t;
        } finally {
            remaining.decrementAndGet();
        }
    }

    private void workLoop() {
        // The epoch when the workers were made, not when this thread first runs: a job handed out
        // in between would otherwise look old to it, and the caller would run all its parts alone.
        int seen = 0;
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
            // A job read after a newer epoch was published finds its claims exhausted: the
            // caller only publishes the next job once every part of this one is claimed and done.
            Job j = job;
            int n = parts;
            if (j != null) {
                claimParts(seen, j, n);
            }
        }
    }
}
