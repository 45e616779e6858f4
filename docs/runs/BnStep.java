import io.jgrad.core.backend.*;
import io.jgrad.core.nn.*;
import io.jgrad.core.loss.*;
import io.jgrad.core.optim.*;
import io.jgrad.core.tensor.*;
import io.jgrad.core.train.GradientMethod;
import java.util.*;
/** The CNN recipe with BatchNorm (--batchnorm), batch 64: median step time and bytes allocated per step after warm-up. */
public class BnStep {
    public static void main(String[] a) throws Exception {
        Backend be = new io.jgrad.backend.cpu.CpuBackend();
        java.lang.reflect.Method build = Class.forName("io.jgrad.examples.commands.CnnRecipe")
                .getDeclaredMethod("build", Backend.class, DType.class, long.class, int.class, int.class, boolean.class, double.class);
        build.setAccessible(true);
        Sequential model = (Sequential) build.invoke(null, be, DType.FLOAT32, 1L, 1, 28, true, 0.0);
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        Adam adam = Adam.pytorch(1e-3);
        Tensor x = be.randomUniform(Shape.of(64, 1, 28, 28), DType.FLOAT32, 0, 1, 3);
        float[] l = new float[64]; for (int i = 0; i < 64; i++) l[i] = i % 10;
        Tensor y = be.tensor(l, Shape.of(64));
        Runnable step = () -> { GradientMethod.BACKPROP.computeGradients(model, loss, x, y); adam.step(model.parameters()); };
        for (int i = 0; i < 300; i++) step.run();
        double[] t = new double[100];
        for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); step.run(); t[i] = (System.nanoTime() - t0) / 1e6; }
        Arrays.sort(t);
        io.jgrad.core.util.AllocationMeter meter = io.jgrad.core.util.AllocationMeter.ofCallerAnd("jgrad-");
        long bytes = meter.leastBytes(step, 20, 10) / 20;
        System.out.printf("CNN recipe with BatchNorm, batch 64: median step %.2f ms, %d bytes allocated per step%n", t[50], bytes);
    }
}
