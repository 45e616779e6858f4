package io.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HostArrayPointerTest {
    @Test
    void theSameArrayKeepsItsPointer() {
        HostArrayPointer p = new HostArrayPointer();
        int[] a = new int[4];
        assertSame(p.of(a), p.of(a));
    }

    @Test
    void anotherArrayGetsItsOwnPointer() {
        HostArrayPointer p = new HostArrayPointer();
        int[] a = new int[4];
        int[] b = new int[4];
        var first = p.of(a);
        assertNotSame(first, p.of(b));
        assertNotSame(first, p.of(a)); // a pointer is kept for the last array only
    }
}
