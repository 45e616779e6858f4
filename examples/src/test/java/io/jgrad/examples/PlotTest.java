package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PlotTest {
    @Test
    void ticksAreRoundStepsInsideTheRange() {
        assertArrayEquals(new double[] {0, 2000, 4000, 6000, 8000, 10000}, Plot.ticks(0, 10000, 5, true), 1e-9);
        assertArrayEquals(new double[] {0.4, 0.6, 0.8}, Plot.ticks(0.27, 0.93, 5, false), 1e-9);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5, 3}, Plot.ticks(1, 3, 5, false), 1e-9);
    }

    @Test
    void epochTicksAreWholeNumbers() {
        assertArrayEquals(new double[] {1, 2, 3}, Plot.ticks(1, 3, 5, true), 1e-9);
    }

    @Test
    void theFormatFollowsTheExtension() {
        assertEquals("png", Plot.formatFor(Path.of("curves.PNG")));
        assertEquals("jpeg", Plot.formatFor(Path.of("/tmp/c.jpg")));
        assertThrows(IllegalArgumentException.class, () -> Plot.formatFor(Path.of("c.gif")));
    }

    @Test
    void labelsCarryTheDecimalsOfTheStep() {
        assertEquals("1.5", Plot.label(1.5, new double[] {1, 1.5}));
        assertEquals("0.85", Plot.label(0.85, new double[] {0.8, 0.85}));
        assertEquals("4000", Plot.label(4000, new double[] {2000, 4000}));
    }
}
