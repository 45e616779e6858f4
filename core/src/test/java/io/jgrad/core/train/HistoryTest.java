package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void stepTimeQuantilesIgnoreTheSlowTail() {
        History h = new History();
        for (int i = 1; i <= 9; i++) {
            h.addStepTime(i * 1_000_000L); // 1..9 ms
        }
        h.addStepTime(500_000_000L); // one 500 ms step: the mean would be 54.5 ms
        assertEquals(6.0, h.stepMillisQuantile(0.5), 1e-6);
        assertEquals(500.0, h.stepMillisQuantile(0.9), 1e-6);
        assertEquals(6.0, (Double) h.toMap().get("step_ms_median"), 1e-6);
        double[] each = (double[]) h.toMap().get("step_ms");
        assertEquals(10, each.length);
        assertEquals(500.0, each[9], 1e-9);
    }

    @Test
    void untimedRunsReportNoStepTime() {
        History h = new History();
        h.addStep(1.0); // a Spark round: a loss, no step time
        assertTrue(Double.isNaN(h.stepMillisQuantile(0.5)));
        assertNull(h.toMap().get("step_ms_median"));
    }

    @Test
    void stepTimesGrowPastTheFirstBuffer() {
        History h = new History();
        for (int i = 0; i < 5000; i++) {
            h.addStepTime(2_000_000L);
        }
        assertEquals(2.0, h.stepMillisQuantile(0.5), 1e-6);
    }
}
