package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepDecaysEveryNSteps() {
        LearningRateSchedule s = LearningRateSchedule.step(10, 0.5);
        assertEquals(0.1, s.rate(0, 0.1), 0);
        assertEquals(0.1, s.rate(9, 0.1), 0);
        assertEquals(0.05, s.rate(10, 0.1), 1e-15);
        assertEquals(0.025, s.rate(25, 0.1), 1e-15);
    }

    @Test
    void cosineGoesFromBaseToMinimumAndStays() {
        LearningRateSchedule s = LearningRateSchedule.cosine(100, 0.001);
        assertEquals(0.1, s.rate(0, 0.1), 1e-15);
        assertEquals(0.001 + 0.099 / 2, s.rate(50, 0.1), 1e-15);
        assertEquals(0.001, s.rate(100, 0.1), 0);
        assertEquals(0.001, s.rate(5000, 0.1), 0);
    }

    @Test
    void warmupRisesLinearlyThenHandsOver() {
        LearningRateSchedule s = LearningRateSchedule.warmup(4, LearningRateSchedule.cosine(10, 0));
        assertEquals(0.025, s.rate(0, 0.1), 1e-15);
        assertEquals(0.1, s.rate(3, 0.1), 1e-15);
        assertEquals(0.1, s.rate(4, 0.1), 1e-15); // the cosine's step 0
        assertEquals(0, s.rate(14, 0.1), 1e-15);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(10, -1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmup(0, LearningRateSchedule.constant()));
    }
}
