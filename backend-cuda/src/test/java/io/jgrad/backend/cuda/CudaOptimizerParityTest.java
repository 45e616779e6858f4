package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.optim.OptimizerParitySuite;

/** Optimizer parity on the GPU; skipped where no CUDA device works. */
class CudaOptimizerParityTest extends OptimizerParitySuite {

    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
