package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendProvider;

/** Registers the CUDA backend; it ranks above the CPU backend when a usable GPU is present. */
public final class CudaBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return CudaBackend.NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return CudaRuntime.probe();
    }

    @Override
    public Backend create() {
        return new CudaBackend(CudaRuntime.get());
    }
}
