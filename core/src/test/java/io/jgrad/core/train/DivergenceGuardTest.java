package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    @Test
    void aNonFiniteLossStopsAtItsStep() {
        DivergenceGuard g = new DivergenceGuard(1000);
        g.check(1, 2.3);
        assertEquals(2, assertThrows(TrainingDivergedException.class, () -> g.check(2, Double.NaN)).step());
    }

    @Test
    void aLossFarAboveTheFirstStops() {
        DivergenceGuard g = new DivergenceGuard(10);
        g.check(1, 2.0);
        assertDoesNotThrow(() -> g.check(2, 19.9));
        assertEquals(3, assertThrows(TrainingDivergedException.class, () -> g.check(3, 20.1)).step());
    }

    @Test
    void factorZeroChecksFinitenessOnly() {
        DivergenceGuard g = new DivergenceGuard(0);
        g.check(1, 1.0);
        assertDoesNotThrow(() -> g.check(2, 1e30));
    }

    @Test
    void aNegativeFactorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(-1));
    }
}
