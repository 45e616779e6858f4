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
            call = training(be, model, new SGD(0.1), 16, 100, 784);
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
            call = training(be, model, Adam.pytorch(1e-3), 8, 64, 1, 28, 28);
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
    /**
     * One backprop step and update per call, cycling through {@code batches} (a power of two) random
     * batches of shape {@code dims} (the first: batch size) with random labels of 10 classes.
     */
    private static Runnable training(Backend be, Sequential model, Optimizer opt, int batches, int... dims) {
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        Tensor[] xs = new Tensor[batches]; Tensor[] ys = new Tensor[batches];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < batches; k++) {
            xs[k] = be.randomUniform(Shape.of(dims), DType.FLOAT32, 0, 1, 100 + k);
            float[] l = new float[dims[0]];
            for (int i = 0; i < l.length; i++) l[i] = rnd.nextInt(10);
            ys[k] = be.tensor(l, Shape.of(dims[0]));
        }
        int[] next = {0};
        return () -> {
            int k = next[0]++ & (batches - 1);
            GradientMethod.BACKPROP.computeGradients(model, loss, xs[k], ys[k]);
            opt.step(model.parameters());
        };
    }

    public void run() { call.run(); }
}
