package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KernelWarmupTest {
    /** The warm-up runs beside real work: it must share nothing with the backend's own kernels. */
    @Test
    void warmUpBesideAProductLeavesItsResultUnchanged() throws InterruptedException {
        CpuBackend backend = new CpuBackend();
        Tensor a = backend.randomNormal(Shape.of(200, 300), DType.FLOAT32, 0, 1, 1);
        Tensor b = backend.randomNormal(Shape.of(300, 150), DType.FLOAT32, 0, 1, 2);
        Tensor c = backend.zeros(Shape.of(200, 150), DType.FLOAT32);
        backend.gemm(false, false, 1, a, b, 0, c);
        float[] alone = c.toFloatArray();
        Thread warm = new Thread(new KernelWarmup());
        warm.start();
        for (int i = 0; i < 50; i++) {
            backend.gemm(false, false, 1, a, b, 0, c);
            assertArrayEquals(alone, c.toFloatArray(), "product " + i + " while the warm-up runs");
        }
        warm.join();
        backend.gemm(false, false, 1, a, b, 0, c);
        assertArrayEquals(alone, c.toFloatArray());
    }
}
