import io.jgrad.core.backend.*;
import io.jgrad.core.tensor.*;
import java.util.*;

/**
 * The MLP step's backend calls one by one (the two big products, the three small ones of the
 * 10-class layer, bias add and bias gradient), each timed in sequence as the step issues them.
 * Commands as MlpParts.java's (class MlpOps, no argument; -Djgrad.cpu.threads=1 for one core).
 */
public class MlpOps {
    interface Op { void run(int k); }
    public static void main(String[] args) {
        Backend be = Backends.get();
        int nb = 16;
        Tensor[] xs = new Tensor[nb];
        for (int k = 0; k < nb; k++) xs[k] = be.randomUniform(Shape.of(100, 784), DType.FLOAT32, 0, 1, 100 + k);
        Tensor w1 = be.randomUniform(Shape.of(784, 100), DType.FLOAT32, -0.01, 0.01, 1);
        Tensor b1 = be.zeros(Shape.of(100), DType.FLOAT32);
        Tensor h = be.zeros(Shape.of(100, 100), DType.FLOAT32);
        Tensor dh = be.randomUniform(Shape.of(100, 100), DType.FLOAT32, -0.01, 0.01, 2);
        Tensor dw1 = be.zeros(Shape.of(784, 100), DType.FLOAT32);
        Tensor w2 = be.randomUniform(Shape.of(100, 10), DType.FLOAT32, -0.01, 0.01, 3);
        Tensor o = be.zeros(Shape.of(100, 10), DType.FLOAT32);
        Tensor dout = be.randomUniform(Shape.of(100, 10), DType.FLOAT32, -0.01, 0.01, 4);
        Tensor dw2 = be.zeros(Shape.of(100, 10), DType.FLOAT32);
        Tensor db = be.zeros(Shape.of(100), DType.FLOAT32);
        String[] names = {"x W1 (rotating x)", "x W1 (same x)", "+ b1", "x^T dh (rotating x)", "colsum dh", "h W2", "h^T dout", "dout W2^T"};
        Op[] ops = {
            k -> be.gemm(false, false, 1, xs[k], w1, 0, h),
            k -> be.gemm(false, false, 1, xs[0], w1, 0, h),
            k -> be.add(h, b1, h),
            k -> be.gemm(true, false, 1, xs[k], dh, 0, dw1),
            k -> be.reduce(ReduceOp.SUM, Reduction.PER_COLUMN, dh, db),
            k -> be.gemm(false, false, 1, h, w2, 0, o),
            k -> be.gemm(true, false, 1, h, dout, 0, dw2),
            k -> be.gemm(false, true, 1, dout, w2, 0, h),
        };
        int rounds = 4000;
        double[][] t = new double[ops.length][rounds];
        for (int r = -3000; r < rounds; r++) {
            int k = (r + 3000) & (nb - 1);
            for (int i = 0; i < ops.length; i++) {
                long t0 = System.nanoTime();
                ops[i].run(k);
                if (r >= 0) t[i][r] = (System.nanoTime() - t0) / 1e3;
            }
        }
        for (int i = 0; i < ops.length; i++) { Arrays.sort(t[i]); System.out.printf("%-22s %8.1f us (p10 %.1f)%n", names[i], t[i][rounds / 2], t[i][rounds / 10]); }
    }
}
