package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendConformanceSuite;

/** The same suite on 3 threads, whatever the host has: an odd split is tested on any machine, 2-core CI included. */
class ThreeThreadConformanceTest extends BackendConformanceSuite {
    private static final CpuBackend CPU = new CpuBackend(3);

    @Override
    protected Backend backend() {
        return CPU;
    }
}
