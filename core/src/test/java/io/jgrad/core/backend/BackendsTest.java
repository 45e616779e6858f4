package io.jgrad.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Selection rules, with fake providers handed in directly. */
class BackendsTest {
    /** A provider whose create() returns null: selection is what is tested, not the backend. */
    private record Fake(String name, int priority, Availability availability) implements BackendProvider {
        @Override
        public Backend create() {
            return null;
        }
    }

    private static final class ThrowingProbe implements BackendProvider {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public Availability availability() {
            throw new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
        }

        @Override
        public Backend create() {
            throw new AssertionError("never created");
        }
    }

    private static final Fake GPU = new Fake("gpu", 100, Availability.unavailable("no driver found"));
    private static final Fake CPU = new Fake("cpu", 10, Availability.available("2 cores"));

    @Test
    void autoPicksTheHighestPriorityAvailable() {
        List<Backends.Status> all = Backends.probe(List.of(CPU, GPU));
        assertEquals("gpu", all.get(0).name(), "sorted by priority");
        assertThrows(NullPointerException.class, () -> Backends.create("auto", all), "cpu's create() was called");
    }

    @Test
    void namedButUnavailableFailsWithReasonAndAlternatives() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.create("gpu", Backends.probe(List.of(CPU, GPU))));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("no driver found")
                && e.getMessage().contains("Available backends: cpu"), e.getMessage());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.create("tpu", Backends.probe(List.of(CPU, GPU))));
        assertTrue(e.getMessage().contains("unknown backend 'tpu'") && e.getMessage().contains("gpu, cpu"),
                e.getMessage());
    }

    @Test
    void aProbeThatThrowsMakesItsBackendUnavailable() {
        List<Backends.Status> all = Backends.probe(List.of(new ThrowingProbe(), GPU));
        assertTrue(!all.get(0).availability().available()
                && all.get(0).availability().detail().contains("libfoo.so"), all.get(0).toString());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.create("auto", all));
        assertTrue(e.getMessage().contains("no backend is available"), e.getMessage());
    }

    @Test
    void propertyWinsAndNamesAreNormalized() {
        String old = System.getProperty(Backends.PROPERTY);
        try {
            System.setProperty(Backends.PROPERTY, " CUDA ");
            assertEquals("cuda", Backends.requestedName());
        } finally {
            if (old == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, old);
            }
        }
    }
}
