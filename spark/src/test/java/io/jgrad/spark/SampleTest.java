package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SampleTest {
    @Test
    void rowsOfAFlatArrayBecomeOneSampleEach() {
        List<Sample> s = Sample.fromRows(new float[] {1, 2, 3, 4, 5, 6}, new int[] {7, 8});
        assertEquals(2, s.size());
        assertArrayEquals(new float[] {4, 5, 6}, s.get(1).features());
        assertEquals(8, s.get(1).label());
    }

    @Test
    void featuresThatDoNotSplitIntoEqualRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sample.fromRows(new float[5], new int[] {1, 2}));
    }
}
