package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationSitesTest {
    private static volatile Object sink;

    private static void allocateLargeArrays() {
        sink = new byte[300_000];
    }

    @Test
    void namesTheMethodThatAllocates() {
        String sites = AllocationSites.of(AllocationSitesTest::allocateLargeArrays, 50);
        assertTrue(sites.contains("AllocationSitesTest.allocateLargeArrays"), sites);
    }
}
