import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.tensor.*;
import java.util.*;

/** Wall time of each layer's forward and backward in the CNN recipe step (batch 64), medians over rounds. */
public class LayerTimes {
    public static void main(String[] args) throws Exception {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        java.lang.reflect.Method build = Class.forName("io.jgrad.examples.commands.CnnRecipe")
                .getDeclaredMethod("build", Backend.class, DType.class, long.class, int.class, int.class, boolean.class, double.class);
        build.setAccessible(true);
        Sequential model = (Sequential) build.invoke(null, be, DType.FLOAT32, 1L, 1, 28, false, 0.0);
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        Tensor x = be.randomUniform(Shape.of(64, 1, 28, 28), DType.FLOAT32, 0, 1, 3);
        float[] l = new float[64]; for (int i = 0; i < 64; i++) l[i] = i % 10;
        Tensor y = be.tensor(l, Shape.of(64));
        List<Layer> layers = model.layers();
        int nl = layers.size();
        layers.get(0).setInputGradientNeeded(false);
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "200");
        double[][] fw = new double[nl][rounds], bw = new double[nl][rounds];
        for (int r = -50; r < rounds; r++) {
            Tensor h = x;
            for (int i = 0; i < nl; i++) {
                long t0 = System.nanoTime();
                h = layers.get(i).forward(h, true);
                if (r >= 0) fw[i][r] = (System.nanoTime() - t0) / 1e3;
            }
            loss.forward(h, y);
            Tensor g = loss.backward();
            for (int i = nl - 1; i >= 0; i--) {
                long t0 = System.nanoTime();
                g = layers.get(i).backward(g);
                if (r >= 0) bw[i][r] = (System.nanoTime() - t0) / 1e3;
            }
        }
        double tot = 0;
        for (int i = 0; i < nl; i++) {
            Arrays.sort(fw[i]); Arrays.sort(bw[i]);
            double f = fw[i][rounds / 2], b = bw[i][rounds / 2];
            tot += f + b;
            System.out.printf("%-40s forward %8.1f us  backward %8.1f us%n", layers.get(i).toString(), f, b);
        }
        System.out.printf("total %.1f us%n", tot);
    }
}
