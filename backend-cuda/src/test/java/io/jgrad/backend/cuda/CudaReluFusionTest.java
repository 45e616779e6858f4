package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core ReLU fusion suite (convolutions and Dense layers) on the GPU (the backend's two-op default); skipped where no CUDA device works. */
class CudaReluFusionTest extends io.jgrad.core.nn.ReluFusionSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
