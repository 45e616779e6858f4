package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.StepAllocationSuite;
import org.junit.jupiter.api.Assumptions;

/** The allocation-free step on the CPU backend, caller and workers counted. */
class StepAllocationTest extends StepAllocationSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        Assumptions.assumeTrue(CPU.usesVectorApi(),
                "EJML's multithreaded products allocate their own task objects: the promise is the Vector API path's");
        return CPU;
    }

    @Override
    protected String workerThreadPrefix() {
        return "jgrad-cpu-";
    }
}
