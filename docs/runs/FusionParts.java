import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.tensor.*;
import java.util.*;

/** conv -> ReLU of the CNN recipe, forward and backward: through Sequential (fused) and layer by layer, interleaved. */
public class FusionParts {
    public static void main(String[] a) {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        int[][] convs = {{1, 32, 28}, {32, 64, 14}};
        for (int[] cv : convs) {
            Sequential m = Sequential.builder(be, DType.FLOAT32).seed(1).pytorchInit().input(cv[0], cv[2], cv[2])
                    .conv2d(cv[1], 3, Padding.same()).relu().build();
            m.layers().get(0).setInputGradientNeeded(cv[0] > 1);
            Tensor x = be.randomNormal(Shape.of(64, cv[0], cv[2], cv[2]), DType.FLOAT32, 0, 1, 1);
            Tensor dout = be.randomNormal(Shape.of(64, cv[1], cv[2], cv[2]), DType.FLOAT32, 0, 1, 2);
            Runnable fused = () -> { m.forward(x, true); m.backward(dout); };
            Runnable separate = () -> {
                Tensor h = x;
                for (Layer l : m.layers()) h = l.forward(h, true);
                Tensor d = dout;
                for (int i = m.layers().size() - 1; i >= 0; i--) d = m.layers().get(i).backward(d);
            };
            int rounds = 60, calls = 5;
            double[] r = new double[rounds], tf = new double[rounds], ts = new double[rounds];
            for (int w = 0; w < 20; w++) { fused.run(); separate.run(); }
            for (int k = 0; k < rounds; k++) {
                long t0 = System.nanoTime(); for (int i = 0; i < calls; i++) fused.run();
                long t1 = System.nanoTime(); for (int i = 0; i < calls; i++) separate.run();
                long t2 = System.nanoTime();
                tf[k] = (t1 - t0) / 1e3 / calls; ts[k] = (t2 - t1) / 1e3 / calls; r[k] = tf[k] / ts[k];
            }
            Arrays.sort(r); Arrays.sort(tf); Arrays.sort(ts);
            System.out.printf("conv %d->%d + ReLU, forward+backward: fused median %.1f us, layer by layer %.1f us, paired ratio %.3f (quartiles %.3f-%.3f)%n",
                    cv[0], cv[1], tf[rounds / 2], ts[rounds / 2], r[rounds / 2], r[rounds / 4], r[3 * rounds / 4]);
        }
    }
}
