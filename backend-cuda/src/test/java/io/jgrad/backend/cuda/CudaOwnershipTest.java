package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.OwnershipSuite;

/** Ownership on the GPU, where a leak is device memory; skipped where no CUDA device works. */
class CudaOwnershipTest extends OwnershipSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
