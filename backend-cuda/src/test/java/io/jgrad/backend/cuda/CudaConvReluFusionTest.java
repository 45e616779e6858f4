package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core conv + ReLU fusion suite on the GPU (the backend's two-op default); skipped where no CUDA device works. */
class CudaConvReluFusionTest extends io.jgrad.core.nn.ConvReluFusionSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
