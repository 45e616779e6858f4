package io.jgrad.core.util;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Objects;

/**
 * Counts the bytes that the calling thread and a backend's worker threads allocate while a call
 * runs: how the "the hot path allocates nothing" claim is measured, by tests and by {@code bench}.
 * Counters are read one thread at a time into arrays made beforehand, so a measurement window
 * allocates nothing of its own.
 */
public final class AllocationMeter {
    private final com.sun.management.ThreadMXBean mx;
    private final long[] ids;
    private final long[] before;
    private final long[] after;

    private AllocationMeter(com.sun.management.ThreadMXBean mx, long[] ids) {
        this.mx = mx;
        this.ids = ids;
        this.before = new long[ids.length];
        this.after = new long[ids.length];
    }

    /**
     * A meter of the calling thread and the live threads whose names start with
     * {@code workerPrefix} (none when null); null where the JVM cannot count per thread.
     */
    public static AllocationMeter ofCallerAnd(String workerPrefix) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
                || !mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            return null;
        }
        long self = Thread.currentThread().getId();
        long[] ids = Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds())).filter(Objects::nonNull)
                .filter(t -> t.getThreadId() == self || workerPrefix != null && t.getThreadName().startsWith(workerPrefix))
                .mapToLong(ThreadInfo::getThreadId).toArray();
        return new AllocationMeter(mx, ids);
    }

    /** How many threads it counts. */
    public int threads() {
        return ids.length;
    }

    /**
     * Bytes allocated while {@code call} runs {@code calls} times: the least over up to
     * {@code windows} windows, stopping at a clean one (the JIT may still be compiling a rare path
     * in the first).
     */
    public long leastBytes(Runnable call, int calls, int windows) {
        long least = Long.MAX_VALUE;
        for (int w = 0; w < windows && least != 0; w++) {
            for (int t = 0; t < ids.length; t++) {
                before[t] = mx.getThreadAllocatedBytes(ids[t]);
            }
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            for (int t = 0; t < ids.length; t++) {
                after[t] = mx.getThreadAllocatedBytes(ids[t]);
            }
            long total = 0;
            for (int t = 0; t < ids.length; t++) {
                total += after[t] - before[t];
            }
            least = Math.min(least, total);
        }
        return least;
    }
}
