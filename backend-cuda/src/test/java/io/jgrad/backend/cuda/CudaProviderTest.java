package io.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.BackendUnavailableException;
import io.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** On any machine: the probe answers (never throws, never crashes); without a GPU it says why. */
class CudaProviderTest {
    @Test
    void probeAnswersWithAReason() {
        Availability a = new CudaBackendProvider().availability();
        assertFalse(a.detail().isBlank());
        if (!a.available()) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> Backends.create("cuda"));
            assertTrue(e.getMessage().contains("cuda") && e.getMessage().contains(a.detail()), e.getMessage());
        }
    }

    @Test
    void providerIsFoundByServiceLoader() {
        assertTrue(Backends.discover().stream().anyMatch(s -> s.name().equals("cuda")));
    }

    @Test
    void sizeClassesRoundUpAndStayReasonable() {
        assertTrue(DeviceAllocator.sizeClass(1) == 256);
        assertTrue(DeviceAllocator.sizeClass(1000) == 1024);
        assertTrue(DeviceAllocator.sizeClass((4 << 20) + 1) == (6 << 20));
    }
}
