package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendConformanceSuite;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite on the CPU backend. Maven runs this class twice: with the Vector API
 * module and without it (see this module's pom), so both kernel paths are held to the reference.
 */
class CpuConformanceTest extends BackendConformanceSuite {
    private static final CpuBackend CPU = new CpuBackend();

    @Override
    protected Backend backend() {
        return CPU;
    }

    @Test
    void runsTheKernelPathThisExecutionExpects() {
        String expected = System.getProperty("jgrad.test.expectVector");
        if (expected != null) {
            assertEquals(Boolean.parseBoolean(expected), CPU.usesVectorApi(), CPU.description());
        }
    }
}
