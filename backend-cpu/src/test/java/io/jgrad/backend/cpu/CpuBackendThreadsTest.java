package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuBackendThreadsTest {
    @Test
    void theThreadCountIsReadFromItsProperty() {
        SystemProperties.with(CpuBackend.THREADS_PROPERTY, " 3 ",
                () -> assertEquals(3, CpuBackend.threadsFromProperty()));
    }

    @Test
    void withoutThePropertyEveryProcessorIsUsed() {
        SystemProperties.with(CpuBackend.THREADS_PROPERTY, null,
                () -> assertEquals(Runtime.getRuntime().availableProcessors(), CpuBackend.threadsFromProperty()));
    }

    @Test
    void aThreadCountThatIsNoCountIsRefusedNotIgnored() {
        for (String bad : new String[] {"abc", "0", "-2", "1.5"}) {
            SystemProperties.with(CpuBackend.THREADS_PROPERTY, bad, () -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CpuBackend::new);
                assertEquals("-Djgrad.cpu.threads must be a positive integer, got '" + bad + "'", e.getMessage());
            });
        }
    }
}
