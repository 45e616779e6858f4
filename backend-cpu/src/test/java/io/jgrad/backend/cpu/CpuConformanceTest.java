package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.BackendConformanceSuite;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite on the CPU backend. Maven runs this class with the Vector API module and
 * without it, and with the kernels at 128, 256 and 512 bits whatever the host's width (see this
 * module's pom), so every kernel path is held to the reference.
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

    @Test
    void runsTheVectorWidthThisExecutionExpects() {
        String bits = System.getProperty("jgrad.test.expectVectorBits");
        if (bits != null) {
            String kind = "Vector API " + bits + "-bit";
            assertTrue(CPU.description().contains("float32 GEMM: " + kind)
                    && CPU.description().contains("float64 GEMM: " + kind), CPU.description());
        }
    }
}
