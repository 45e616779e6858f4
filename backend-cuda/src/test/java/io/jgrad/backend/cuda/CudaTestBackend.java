package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.Backend;
import org.junit.jupiter.api.Assumptions;

/** One CUDA backend for all GPU tests; they skip (JUnit assumption) where no GPU works. */
final class CudaTestBackend {
    private static Backend backend;

    private CudaTestBackend() {
    }

    static synchronized Backend get() {
        Availability a = new CudaBackendProvider().availability();
        Assumptions.assumeTrue(a.available(), "CUDA unavailable: " + a.detail());
        if (backend == null) {
            backend = new CudaBackendProvider().create();
        }
        return backend;
    }
}
