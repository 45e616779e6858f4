package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.StepAllocationSuite;
import org.junit.jupiter.api.BeforeAll;

/**
 * The allocation-free step once the kernel warm-up has run first. C2 then compiles the Vector API
 * kernels on the warm-up's small operands, apart from their callers: a kernel that used mask
 * and/or/test (not intrinsified on Java 17) allocated 6 MB per CNN step from then on.
 */
class StepAllocationAfterWarmupTest extends StepAllocationSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @BeforeAll
    static void warmUpFirst() throws InterruptedException {
        Thread warm = new Thread(new KernelWarmup());
        warm.start();
        warm.join();
    }

    @Override
    protected Backend backend() {
        return CPU;
    }

    @Override
    protected String workerThreadPrefix() {
        return "jgrad-cpu-";
    }
}
