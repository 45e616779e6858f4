package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;

/** The core Trainer suite on the GPU; skipped where no CUDA device works. */
class CudaTrainerTest extends io.jgrad.core.train.TrainerSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
