import io.jgrad.backend.cpu.CpuBackend;
import io.jgrad.core.tensor.*;
/** Times CpuBackend.gatherRows of 100 random rows of a 60000 x 784 float32 tensor (see docs/performance.md). */
public class GatherHarness {
    public static void main(String[] a) {
        CpuBackend b = new CpuBackend();
        Tensor src = b.randomUniform(Shape.of(60000, 784), DType.FLOAT32, 0, 1, 1);
        Tensor out = b.zeros(Shape.of(100, 784), DType.FLOAT32);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int[] idx = new int[100];
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 10000; it++) {
                for (int i = 0; i < 100; i++) idx[i] = r.nextInt(60000);
                b.gatherRows(src, idx, out);
            }
            System.out.printf("gather 100 random rows: %.1f us%n", (System.nanoTime() - t0) / 1e3 / 10000);
        }
    }
}
