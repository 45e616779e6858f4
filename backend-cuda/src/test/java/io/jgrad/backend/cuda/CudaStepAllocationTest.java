package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.train.StepAllocationSuite;

/** The allocation-free step on the GPU (typed launches reuse their argument arrays); skipped without one. */
class CudaStepAllocationTest extends StepAllocationSuite {
    @Override
    protected Backend backend() {
        return CudaTestBackend.get();
    }
}
