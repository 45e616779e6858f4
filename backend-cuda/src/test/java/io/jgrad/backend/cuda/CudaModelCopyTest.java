package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core model-copy suite on the GPU; skipped where no CUDA device works. */
class CudaModelCopyTest extends io.jgrad.core.nn.ModelCopySuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
