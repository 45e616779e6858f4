package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorRelaunchTest {
    @Test
    void asksForHugePagesWhereTheKernelGrantsThemOnRequest() {
        assertTrue(VectorRelaunch.asksForHugePages("always [madvise] never\n", null));
    }

    @Test
    void leavesHugePagesToTheKernelWhenAlwaysOrNever() {
        assertFalse(VectorRelaunch.asksForHugePages("[always] madvise never\n", null));
        assertFalse(VectorRelaunch.asksForHugePages("always madvise [never]\n", null));
    }

    @Test
    void leavesThemOutWhenTurnedOffOrUnknown() {
        assertFalse(VectorRelaunch.asksForHugePages("always [madvise] never\n", "off"));
        assertFalse(VectorRelaunch.asksForHugePages(null, null));
    }
}
