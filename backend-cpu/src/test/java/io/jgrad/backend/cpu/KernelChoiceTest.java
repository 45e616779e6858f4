package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
