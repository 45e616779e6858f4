package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendConformanceSuite;

/** The same suite with one thread: the parallel split must not change results beyond rounding. */
class SingleThreadConformanceTest extends BackendConformanceSuite {
    private static final CpuBackend CPU = new CpuBackend(1);

    @Override
    protected Backend backend() {
        return CPU;
    }
}
