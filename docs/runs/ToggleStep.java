import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.optim.*;
import io.jgrad.core.tensor.*;
import io.jgrad.core.train.*;
import java.util.*;

/**
 * Same-JVM A/B of the MLP step: blocks of 200 steps with a temporary switch (a class
 * io.jgrad.backend.cpu.Toggle with public static boolean fields, added to backend-cpu while
 * experimenting and not committed) false and true in turn, the order alternating per block; paired
 * ratios of the block medians. Commands as MlpParts.java's, with the switch built in:
 *   java ... ToggleStep 40 [field]      (field: on, the default, or another boolean of Toggle)
 */
public class ToggleStep {
    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(args[0]);
        Backend be = Backends.get();
        Sequential model = Sequential.builder(be, DType.FLOAT32).seed(1).initializer(Initializer.normal(0.01))
                .input(784).dense(100).relu().dense(10).build();
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        SGD sgd = new SGD(0.1);
        Tensor[] xs = new Tensor[16], ys = new Tensor[16];
        Random rnd = new Random(7);
        for (int k = 0; k < 16; k++) {
            xs[k] = be.randomUniform(Shape.of(100, 784), DType.FLOAT32, 0, 1, 100 + k);
            float[] l = new float[100]; for (int i = 0; i < 100; i++) l[i] = rnd.nextInt(10);
            ys[k] = be.tensor(l, Shape.of(100));
        }
        String spec = args.length > 1 ? args[1] : "io.jgrad.backend.cpu.Toggle.on"; java.lang.reflect.Field f = Class.forName(spec.substring(0, spec.lastIndexOf(46))).getField(spec.substring(spec.lastIndexOf(46) + 1));
        double[] ratio = new double[blocks]; double[] a = new double[blocks], b = new double[blocks];
        int step = 0;
        for (int r = -10; r < blocks; r++) {
            double[] med = new double[2];
            for (int v = 0; v < 2; v++) {
                boolean on = ((r & 1) == 0) ? v == 1 : v == 0;
                f.setBoolean(null, on);
                double[] t = new double[200];
                for (int i = 0; i < 200; i++, step++) {
                    long t0 = System.nanoTime();
                    GradientMethod.BACKPROP.computeGradients(model, loss, xs[step & 15], ys[step & 15]);
                    sgd.step(model.parameters());
                    t[i] = (System.nanoTime() - t0) / 1e3;
                }
                Arrays.sort(t);
                med[on ? 1 : 0] = t[100];
            }
            if (r >= 0) { a[r] = med[0]; b[r] = med[1]; ratio[r] = med[1] / med[0]; }
        }
        double[] rs = ratio.clone(); Arrays.sort(rs); Arrays.sort(a); Arrays.sort(b);
        int wins = 0; for (double x : ratio) if (x < 1) wins++;
        System.out.printf("off median %.1f us, on median %.1f us; on/off paired ratio median %.3f (range %.3f-%.3f), on faster in %d of %d%n",
                a[blocks / 2], b[blocks / 2], rs[blocks / 2], rs[0], rs[blocks - 1], wins, blocks);
    }
}
