package io.jgrad.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {
    private static final Backend BACKEND = Backends.get();

    private static KernelWarmUp start() {
        return KernelWarmUp.start(BACKEND, DType.FLOAT32, () -> MlpRecipe.build(BACKEND, DType.FLOAT32, 1,
                Initializer.he(), new int[] {20}, new int[] {8}, "relu"), () -> new SGD(0.1), 5, Shape.of(20), 3);
    }

    @Test
    void trainsUntilStoppedAndFreesEverything() throws InterruptedException {
        long live = BACKEND.liveTensors();
        KernelWarmUp w = start();
        Thread.sleep(200);
        int steps = w.stop();
        assertTrue(steps > 0, "steps taken: " + steps);
        assertEquals(live, BACKEND.liveTensors(), "the throwaway model, optimizer and data were freed");
    }

    @Test
    void isOffWithTheProperty() throws InterruptedException {
        System.setProperty("jgrad.warmup", "false");
        try {
            KernelWarmUp w = start();
            Thread.sleep(100);
            assertEquals(0, w.stop());
        } finally {
            System.clearProperty("jgrad.warmup");
        }
    }
}
