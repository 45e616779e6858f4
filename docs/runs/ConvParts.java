import io.jgrad.core.backend.*;
import io.jgrad.core.tensor.*;
import java.util.*;
import java.util.function.*;

/** Median wall time of each backend call of a Conv2D step (forward and backward), for conv1 and conv2 of the CNN recipe. */
public class ConvParts {
    static double med(Runnable r, int n) {
        double[] t = new double[n];
        for (int i = -n / 4; i < n; i++) { long t0 = System.nanoTime(); r.run(); if (i >= 0) t[i] = (System.nanoTime() - t0) / 1e3; }
        Arrays.sort(t); return t[n / 2];
    }
    public static void main(String[] a) {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        int[][] convs = {{1, 32, 28}, {32, 64, 14}};
        for (int[] cv : convs) {
            int C = cv[0], F = cv[1], H = cv[2], N = 64;
            ConvGeometry g = new ConvGeometry(N, C, H, H, 3, 3, 1, 1, 1, 1, 1, 1);
            Tensor x = be.randomUniform(Shape.of(N, C, H, H), DType.FLOAT32, 0, 1, 1);
            Tensor cols = be.zeros(Shape.of(g.colRows(), g.colCols()), DType.FLOAT32);
            Tensor w = be.randomUniform(Shape.of(g.colRows(), F), DType.FLOAT32, -1, 1, 2);
            Tensor bias = be.zeros(Shape.of(F), DType.FLOAT32);
            Tensor r = be.zeros(Shape.of(F, g.colCols()), DType.FLOAT32);
            Tensor y = be.zeros(Shape.of(N, F, H, H), DType.FLOAT32);
            Tensor dw = be.zeros(Shape.of(g.colRows(), F), DType.FLOAT32);
            Tensor db = be.zeros(Shape.of(F), DType.FLOAT32);
            Tensor dc = be.zeros(Shape.of(g.colRows(), g.colCols()), DType.FLOAT32);
            Tensor dx = be.zeros(Shape.of(N, C, H, H), DType.FLOAT32);
            int reps = 200;
            Map<String, Runnable> parts = new LinkedHashMap<>();
            parts.put("im2col", () -> be.im2col(x, g, cols));
            parts.put("gemm fwd W^T cols", () -> be.gemm(true, false, 1, w, cols, 0, r));
            parts.put("swap+bias", () -> be.swapOuterAxes(r, F, N, H * H, bias, y));
            parts.put("swap back (dout->dr)", () -> be.swapOuterAxes(y, N, F, H * H, null, r));
            parts.put("gemm dW cols dr^T", () -> be.gemm(false, true, 1, cols, r, 0, dw));
            parts.put("bias sum", () -> be.reduce(ReduceOp.SUM, Reduction.PER_ROW, r, db));
            parts.put("gemm dX W dr", () -> be.gemm(false, false, 1, w, r, 0, dc));
            parts.put("col2im", () -> be.col2im(dc, g, dx));
            double tot = 0;
            for (var e : parts.entrySet()) {
                double t = med(e.getValue(), reps); tot += t;
                System.out.printf("conv %d->%d %-24s %8.1f us%n", C, F, e.getKey(), t);
            }
            System.out.printf("conv %d->%d total %.1f us%n", C, F, tot);
        }
    }
}
