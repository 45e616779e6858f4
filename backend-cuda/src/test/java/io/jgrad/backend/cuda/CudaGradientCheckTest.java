package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core GradientCheck suite on the GPU; skipped where no CUDA device works. */
class CudaGradientCheckTest extends io.jgrad.core.gradcheck.GradientCheckSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
