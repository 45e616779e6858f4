package io.jgrad.backend.cpu;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendProvider;

/** Registers the pure-Java backend; it runs everywhere, so it ranks below accelerators. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return Availability.available(Runtime.getRuntime().availableProcessors() + " cores, "
                + (KernelChoice.vectorModulePresent() ? "Vector API present" : "Vector API absent (EJML kernels)"));
    }

    @Override
    public Backend create() {
        return new CpuBackend();
    }
}
