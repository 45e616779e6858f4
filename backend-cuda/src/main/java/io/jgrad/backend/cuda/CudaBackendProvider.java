package io.jgrad.backend.cuda;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendProvider;

/** Placeholder until the CUDA backend lands: always unavailable. */
public final class CudaBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("not implemented yet");
    }

    @Override
    public Backend create() {
        throw new UnsupportedOperationException("the CUDA backend is not implemented yet");
    }
}
