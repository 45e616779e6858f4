package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
}
