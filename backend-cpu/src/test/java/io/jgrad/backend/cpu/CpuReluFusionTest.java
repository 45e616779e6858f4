package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.nn.ReluFusionSuite;

class CpuReluFusionTest extends ReluFusionSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }
}
