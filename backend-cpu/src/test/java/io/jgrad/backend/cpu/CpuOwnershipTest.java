package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.OwnershipSuite;

class CpuOwnershipTest extends OwnershipSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }
}
