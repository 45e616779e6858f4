import io.jgrad.core.backend.*;
import io.jgrad.core.tensor.*;
import java.util.*;
/** BatchNorm forward + backward on dense features [64, 128] (the recipe's batchnorm3), median of windows. */
public class DenseBn {
    public static void main(String[] a) {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        Tensor x = be.randomNormal(Shape.of(64, 128), DType.FLOAT32, 0, 1, 1);
        Tensor dy = be.randomNormal(Shape.of(64, 128), DType.FLOAT32, 0, 1, 2);
        Tensor g = be.ones(Shape.of(128), DType.FLOAT32), b = be.zeros(Shape.of(128), DType.FLOAT32);
        Tensor m = be.zeros(Shape.of(128), DType.FLOAT32), v = be.zeros(Shape.of(128), DType.FLOAT32);
        Tensor y = be.zeros(Shape.of(64, 128), DType.FLOAT32), dx = be.zeros(Shape.of(64, 128), DType.FLOAT32);
        Tensor dg = be.zeros(Shape.of(128), DType.FLOAT32), db = be.zeros(Shape.of(128), DType.FLOAT32);
        Runnable r = () -> { be.batchNorm(x, 128, g, b, 1e-5, m, v, y); be.batchNormBackward(x, 128, g, m, v, 1e-5, dy, dx, dg, db); };
        for (int i = 0; i < 20000; i++) r.run();
        double[] t = new double[31];
        for (int w = 0; w < t.length; w++) { long t0 = System.nanoTime(); for (int i = 0; i < 200; i++) r.run(); t[w] = (System.nanoTime() - t0) / 1e3 / 200; }
        Arrays.sort(t);
        System.out.printf("dense BatchNorm [64, 128] forward+backward: median %.1f us%n", t[15]);
    }
}
