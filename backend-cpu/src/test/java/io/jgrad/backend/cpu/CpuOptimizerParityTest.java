package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.optim.OptimizerParitySuite;

/** Optimizer parity on the CPU backend (Vector API and plain runs, like the conformance suite). */
class CpuOptimizerParityTest extends OptimizerParitySuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }
}
