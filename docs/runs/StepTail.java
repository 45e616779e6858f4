import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.optim.*;
import io.jgrad.core.tensor.*;
import io.jgrad.core.train.*;
import java.nio.file.*;
import java.util.*;

/**
 * 10,000 MLP steps after 3,000 warm-up ones: the distribution of step times (how much of the total
 * lies above the median) and the host's steal time over the run from /proc/stat. Commands as
 * MlpParts.java's (class StepTail, no argument).
 */
public class StepTail {
    public static void main(String[] args) throws Exception {
        Backend be = Backends.get();
        Sequential model = Sequential.builder(be, DType.FLOAT32).seed(1).initializer(Initializer.normal(0.01))
                .input(784).dense(100).relu().dense(10).build();
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        SGD sgd = new SGD(0.1);
        int nb = 16;
        Tensor[] xs = new Tensor[nb], ys = new Tensor[nb];
        Random rnd = new Random(7);
        for (int k = 0; k < nb; k++) {
            xs[k] = be.randomUniform(Shape.of(100, 784), DType.FLOAT32, 0, 1, 100 + k);
            float[] l = new float[100]; for (int i = 0; i < 100; i++) l[i] = rnd.nextInt(10);
            ys[k] = be.tensor(l, Shape.of(100));
        }
        for (int r = 0; r < 3000; r++) { GradientMethod.BACKPROP.computeGradients(model, loss, xs[r & 15], ys[r & 15]); sgd.step(model.parameters()); }
        int steps = 10000;
        double[] t = new double[steps];
        long[] st0 = stat();
        long s0 = System.nanoTime();
        for (int r = 0; r < steps; r++) {
            long t0 = System.nanoTime();
            GradientMethod.BACKPROP.computeGradients(model, loss, xs[r & 15], ys[r & 15]);
            sgd.step(model.parameters());
            t[r] = (System.nanoTime() - t0) / 1e3;
        }
        double total = (System.nanoTime() - s0) / 1e6;
        long[] st1 = stat();
        double[] c = t.clone(); Arrays.sort(c);
        double med = c[steps / 2], over = 0, over2 = 0; int n2 = 0, n3ms = 0;
        for (double v : t) { if (v > med) over += v - med; if (v > 2 * med) { over2 += v - med; n2++; } if (v > 3000) n3ms++; }
        System.out.printf("total %.0f ms; median %.0f us, p90 %.0f, p99 %.0f, max %.0f; time above median %.0f ms, of steps > 2x median (%d) %.0f ms; > 3 ms: %d%n",
                total, med, c[steps * 9 / 10], c[steps * 99 / 100], c[steps - 1], over / 1e3, n2, over2 / 1e3, n3ms);
        System.out.printf("cpu jiffies during run: user %d system %d idle %d steal %d%n", st1[0] - st0[0], st1[2] - st0[2], st1[3] - st0[3], st1[7] - st0[7]);
    }
    static long[] stat() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] v = new long[f.length - 1]; for (int i = 1; i < f.length; i++) v[i - 1] = Long.parseLong(f[i]); return v;
    }
}
