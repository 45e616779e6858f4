package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core Conformance suite on the GPU; skipped where no CUDA device works. */
class CudaConformanceTest extends io.jgrad.core.backend.BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
