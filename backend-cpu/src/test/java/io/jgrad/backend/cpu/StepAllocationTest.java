package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.StepAllocationSuite;

/** The allocation-free step on the CPU backend, caller and workers counted; both executions: Vector API and EJML. */
class StepAllocationTest extends StepAllocationSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }

    @Override
    protected String workerThreadPrefix() {
        return "jgrad-cpu-";
    }
}
