package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

class KernelChoiceTest {
    @Test
    void withoutAnSlf4jProviderTheHintGoesToStderr() {
        assertTrue(KernelChoice.loggingIsSilent(new NOPLoggerFactory()));
    }

    @Test
    void withAProviderTheLogCarriesIt() {
        assertFalse(KernelChoice.loggingIsSilent(LoggerFactory.getILoggerFactory()), "the tests bind slf4j-simple");
    }

    @Test
    void aVectorWidthIsReadFromItsProperty() {
        SystemProperties.with(KernelChoice.BITS_PROPERTY, " 128 ",
                () -> assertEquals(128, KernelChoice.requestedVectorBits()));
        SystemProperties.with(KernelChoice.BITS_PROPERTY, null,
                () -> assertEquals(0, KernelChoice.requestedVectorBits()));
    }

    @Test
    void aMistypedVectorWidthIsRefusedNamingTheProperty() {
        SystemProperties.with(KernelChoice.BITS_PROPERTY, "300", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CpuBackend(1));
            assertEquals("-Djgrad.cpu.vectorBits must be 128, 256 or 512, got '300'", e.getMessage());
        });
    }
}
