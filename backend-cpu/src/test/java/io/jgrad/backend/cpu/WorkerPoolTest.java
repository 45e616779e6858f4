package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final WorkerPool POOL = new WorkerPool(4);

    private static Set<String> threadsOf(int parts, int jobs) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int j = 0; j < jobs; j++) {
            POOL.run((part, n) -> {
                names.add(Thread.currentThread().getName());
                long until = System.nanoTime() + 200_000; // long enough for a worker to claim a part
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, parts);
        }
        return names;
    }

    @Test
    void callerOnlyRunsEveryPartOnTheCallingThread() {
        Set<String>[] seen = new Set[1];
        WorkerPool.callerOnly(() -> seen[0] = threadsOf(4, 20));
        assertEquals(Set.of(Thread.currentThread().getName()), seen[0]);
    }

    @Test
    void callerOnlyEndsWithItsTask() {
        WorkerPool.callerOnly(() -> { });
        Set<String> after = threadsOf(4, 20);
        // 20 jobs of 4 parts, each part 0.2 ms: the workers take some of them.
        assertEquals(true, after.size() > 1, "parts ran on " + after);
    }

    @Test
    void theBackendsConcurrencyIsItsThreadCount() {
        assertEquals(3, new CpuBackend(3).concurrency());
        assertEquals(1, new CpuBackend(1).concurrency());
    }

    @Test
    void aFreshPoolsWorkerTakesPartInItsFirstJob() {
        // A worker that first ran after the first job was handed out took it for an old one, and the
        // caller ran every part alone (1 fresh pool in about 150). Part 0 waits for part 1 to start
        // (up to 2 s), so part 1 has to run on the worker.
        String caller = Thread.currentThread().getName();
        for (int i = 0; i < 300; i++) {
            WorkerPool pool = new WorkerPool(2);
            AtomicReference<String> part1 = new AtomicReference<>();
            pool.run((part, parts) -> {
                if (part == 1) {
                    part1.set(Thread.currentThread().getName());
                    return;
                }
                long until = System.nanoTime() + 2_000_000_000L;
                while (part1.get() == null && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, 2);
            assertNotEquals(caller, part1.get(), "fresh pool " + i + ": part 1 ran on the caller");
        }
    }
}
