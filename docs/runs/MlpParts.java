import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.optim.*;
import io.jgrad.core.tensor.*;
import java.util.*;

/**
 * Wall time of each layer's forward and backward in the MLP step 784-100-10, batch 100, plus the
 * loss and the SGD update (medians over rounds, after 2,000 warm-up steps). From the repository root:
 *   ./mvnw -q -DskipTests package && mkdir -p /tmp/mp && javac -d /tmp/mp -cp examples/target/jgrad-examples.jar docs/runs/MlpParts.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 \
 *     -cp examples/target/jgrad-examples.jar:/tmp/mp MlpParts 4000
 */
public class MlpParts {
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
        List<Layer> layers = model.layers();
        int nl = layers.size();
        layers.get(0).setInputGradientNeeded(false);
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "3000");
        double[][] fw = new double[nl][rounds], bw = new double[nl][rounds];
        double[] lf = new double[rounds], lb = new double[rounds], opt = new double[rounds], tot = new double[rounds];
        for (int r = -2000; r < rounds; r++) {
            int k = (r + 2000) & (nb - 1);
            long s0 = System.nanoTime();
            Tensor h = xs[k];
            for (int i = 0; i < nl; i++) {
                long t0 = System.nanoTime();
                h = layers.get(i).forward(h, true);
                if (r >= 0) fw[i][r] = (System.nanoTime() - t0) / 1e3;
            }
            long t0 = System.nanoTime();
            loss.forward(h, ys[k]);
            long t1 = System.nanoTime();
            Tensor g = loss.backward();
            long t2 = System.nanoTime();
            if (r >= 0) { lf[r] = (t1 - t0) / 1e3; lb[r] = (t2 - t1) / 1e3; }
            for (int i = nl - 1; i >= 0; i--) {
                long u0 = System.nanoTime();
                g = layers.get(i).backward(g);
                if (r >= 0) bw[i][r] = (System.nanoTime() - u0) / 1e3;
            }
            long o0 = System.nanoTime();
            sgd.step(model.parameters());
            long o1 = System.nanoTime();
            if (r >= 0) { opt[r] = (o1 - o0) / 1e3; tot[r] = (o1 - s0) / 1e3; }
        }
        double sum = 0;
        for (int i = 0; i < nl; i++) {
            double f = med(fw[i]), b = med(bw[i]);
            sum += f + b;
            System.out.printf("%-30s forward %7.1f us  backward %7.1f us%n", layers.get(i).toString(), f, b);
        }
        System.out.printf("loss forward %.1f backward %.1f, sgd %.1f; sum of medians %.1f; step median %.1f us%n",
                med(lf), med(lb), med(opt), sum + med(lf) + med(lb) + med(opt), med(tot));
    }
    static double med(double[] a) { double[] c = a.clone(); Arrays.sort(c); return c[c.length / 2]; }
}
