package io.jgrad.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {
    private static final Backend BACKEND = Backends.get();

    private static KernelWarmUp warmUp() {
        return new KernelWarmUp(BACKEND, DType.FLOAT32, () -> MlpRecipe.build(BACKEND, DType.FLOAT32, 1,
                Initializer.he(), new int[] {20}, new int[] {8}, "relu"), () -> new SGD(0.1), 5, Shape.of(20), 3);
    }

    private static String slowLoad() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return "data";
    }

    @Test
    void trainsUntilLoadedAndFreesEverything() throws IOException {
        long live = BACKEND.liveTensors();
        KernelWarmUp w = warmUp();
        assertEquals("data", w.whileLoading(KernelWarmUpTest::slowLoad));
        assertTrue(w.steps() > 0, "steps taken: " + w.steps());
        assertEquals(live, BACKEND.liveTensors(), "the throwaway model, optimizer and data were freed");
    }

    @Test
    void rethrowsWhatLoadingThrew() {
        IOException missing = new IOException("no such file: train-images-idx3-ubyte");
        KernelWarmUp w = warmUp();
        IOException thrown = assertThrows(IOException.class, () -> w.whileLoading(() -> {
            throw missing;
        }));
        assertSame(missing, thrown);
        IllegalArgumentException bad = new IllegalArgumentException("bad magic");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> w.whileLoading(() -> {
            throw bad;
        })));
    }

    @Test
    void isOffWithTheProperty() throws IOException {
        System.setProperty("jgrad.warmup", "false");
        try {
            KernelWarmUp w = warmUp();
            assertEquals("data", w.whileLoading(KernelWarmUpTest::slowLoad));
            assertEquals(0, w.steps());
        } finally {
            System.clearProperty("jgrad.warmup");
        }
    }
}
