import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.optim.*;
import io.jgrad.core.tensor.*;
import io.jgrad.core.train.GradientMethod;
import java.util.*;

/** One MLP training step (784-100-10, batch 100, as bench step), the CNN recipe's step, or one GEMM, per run(). */
public class StepRunner implements Runnable {
    private final Runnable call;
    public StepRunner(String what) {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        if (what.equals("step")) {
            Sequential model = Sequential.builder(be, DType.FLOAT32).seed(1).initializer(Initializer.normal(0.01))
                    .input(784).dense(100).relu().dense(10).build();
            SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
            SGD sgd = new SGD(0.1);
            Tensor[] xs = new Tensor[16]; Tensor[] ys = new Tensor[16];
            SplittableRandom rnd = new SplittableRandom(7);
            for (int k = 0; k < 16; k++) {
                xs[k] = be.randomUniform(Shape.of(100, 784), DType.FLOAT32, 0, 1, 100 + k);
                float[] l = new float[100];
                for (int i = 0; i < 100; i++) l[i] = rnd.nextInt(10);
                ys[k] = be.tensor(l, Shape.of(100));
            }
            int[] next = {0};
            call = () -> {
                int k = next[0]++ & 15;
                GradientMethod.BACKPROP.computeGradients(model, loss, xs[k], ys[k]);
                sgd.step(model.parameters());
            };
        } else if (what.equals("cnn")) { // the CNN recipe's step at batch 64, as bench step --model cnn
            Sequential model;
            try { // CnnRecipe is package-private in the examples jar
                java.lang.reflect.Method build = Class.forName("io.jgrad.examples.commands.CnnRecipe")
                        .getDeclaredMethod("build", Backend.class, DType.class, long.class, int.class, int.class,
                                boolean.class, double.class);
                build.setAccessible(true);
                model = (Sequential) build.invoke(null, be, DType.FLOAT32, 1L, 1, 28, false, 0.0);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
            Adam adam = Adam.pytorch(1e-3);
            Tensor[] xs = new Tensor[8]; Tensor[] ys = new Tensor[8];
            SplittableRandom rnd = new SplittableRandom(7);
            for (int k = 0; k < 8; k++) {
                xs[k] = be.randomUniform(Shape.of(64, 1, 28, 28), DType.FLOAT32, 0, 1, 100 + k);
                float[] l = new float[64];
                for (int i = 0; i < 64; i++) l[i] = rnd.nextInt(10);
                ys[k] = be.tensor(l, Shape.of(64));
            }
            int[] next = {0};
            call = () -> {
                int k = next[0]++ & 7;
                GradientMethod.BACKPROP.computeGradients(model, loss, xs[k], ys[k]);
                adam.step(model.parameters());
            };
        } else {
            String[] p = what.split("x");
            int m = Integer.parseInt(p[0]), k = Integer.parseInt(p[1]), n = Integer.parseInt(p[2]);
            boolean ta = p[3].equals("1"), tb = p[3].equals("2");
            Tensor a = be.randomNormal(ta ? Shape.of(k, m) : Shape.of(m, k), DType.FLOAT32, 0, 1, 1);
            Tensor b = be.randomNormal(tb ? Shape.of(n, k) : Shape.of(k, n), DType.FLOAT32, 0, 1, 2);
            Tensor c = be.zeros(Shape.of(m, n), DType.FLOAT32);
            call = () -> be.gemm(ta, tb, 1, a, b, 0, c);
        }
    }
    public void run() { call.run(); }
}
