package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuBackendThreadsTest {
    @Test
    void theThreadCountIsReadFromItsProperty() {
        SystemProperties.with(CpuBackend.THREADS_PROPERTY, "3", () -> assertEquals(3, new CpuBackend().concurrency()));
    }

    @Test
    void aThreadCountThatIsNoCountIsRefusedNotIgnored() {
        SystemProperties.with(CpuBackend.THREADS_PROPERTY, "abc", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CpuBackend::new);
            assertEquals("-Djgrad.cpu.threads must be an integer >= 1, got 'abc'", e.getMessage());
        });
    }
}
