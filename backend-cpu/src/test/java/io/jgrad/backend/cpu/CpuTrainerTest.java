package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Backend;

/** The core Trainer suite on the CPU backend. */
class CpuTrainerTest extends io.jgrad.core.train.TrainerSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }
}
