package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;

/** The core GradientCheck suite on the CPU backend. */
class CpuGradientCheckTest extends io.jgrad.core.gradcheck.GradientCheckSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }
}
