package io.jgrad.examples.commands;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.tensor.*;
import io.jgrad.core.train.GradientMethod;

/**
 * Same-JVM A/B of a tuning constant on the CNN recipe's step: blocks of 15 steps, the constant switched
 * between values by reflection before each block, paired ratios of the block medians. The host's slow
 * and fast minutes hit every value alike, which separate JVMs (minutes apart) never do here.
 * The constant must be a non-final static int while experimenting (C2 folds a static final), e.g.
 * VectorSgemm's IN_PLACE_PANELS: edit it, then from the repository root
 *   ./mvnw -q -o install -DskipTests -pl backend-cpu && ./mvnw -q -o package -DskipTests -pl examples
 *   mkdir -p /tmp/toggle && javac -cp examples/target/jgrad-examples.jar -d /tmp/toggle docs/runs/ToggleCnn.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Djgrad.relaunch=false \
 *     -cp /tmp/toggle:examples/target/jgrad-examples.jar io.jgrad.examples.commands.ToggleCnn \
 *     io.jgrad.backend.cpu.VectorSgemm IN_PLACE_PANELS 4,0,2 20
 * A fifth argument "mlp" times the MLP step instead (784-100-10 ReLU, batch 100, SGD; blocks of 200 steps).
 */
public class ToggleCnn {
    public static void main(String[] a) throws Exception {
        Class<?> cls = Class.forName(a[0]);
        java.lang.reflect.Field f = cls.getDeclaredField(a[1]);
        f.setAccessible(true);
        String[] values = a[2].split(",");
        int blocks = Integer.parseInt(a[3]);
        boolean mlp = a.length > 4 && a[4].equals("mlp");
        int batch = mlp ? 100 : 64;
        int steps = mlp ? 200 : 15;
        Backend backend = Backends.get();
        try (TensorScope scope = new TensorScope();
             Sequential model = mlp
                     ? Sequential.builder(backend, DType.FLOAT32).seed(1).input(784).dense(100).relu().dense(10).build()
                     : CnnRecipe.build(backend, DType.FLOAT32, 1, 1, 28, false, 0);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Adam adam = Adam.pytorch(CnnRecipe.LEARNING_RATE)) {
            Tensor x = scope.add(mlp ? backend.randomUniform(Shape.of(batch, 784), DType.FLOAT32, 0, 1, 100)
                    : backend.randomUniform(Shape.of(batch, 1, 28, 28), DType.FLOAT32, 0, 1, 100));
            float[] labels = new float[batch];
            for (int i = 0; i < batch; i++) labels[i] = i % 10;
            Tensor y = scope.tensor(backend, labels, Shape.of(batch));
            java.util.Map<String, java.util.List<Double>> res = new java.util.LinkedHashMap<>();
            for (int b = -3; b < blocks; b++) {
                for (String v : values) {
                    f.setInt(null, Integer.parseInt(v));
                    double[] t = new double[steps];
                    for (int i = 0; i < t.length; i++) {
                        long t0 = System.nanoTime();
                        GradientMethod.BACKPROP.computeGradients(model, loss, x, y);
                        adam.step(model.parameters());
                        t[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    java.util.Arrays.sort(t);
                    if (b >= 0) res.computeIfAbsent(v, k -> new java.util.ArrayList<>()).add(t[t.length / 2]);
                }
            }
            java.util.List<Double> ratios = new java.util.ArrayList<>();
            java.util.List<Double> base = res.get(values[0]);
            for (var e : res.entrySet()) {
                var l = new java.util.ArrayList<>(e.getValue());
                double[] r = new double[l.size()];
                for (int i = 0; i < r.length; i++) r[i] = l.get(i) / base.get(i);
                java.util.Arrays.sort(r);
                java.util.Collections.sort(l);
                System.out.printf("%s=%s: median step %.2f ms, paired ratio to %s: median %.3f (%.3f..%.3f)%n", a[1], e.getKey(),
                        l.get(l.size() / 2), values[0], r[r.length / 2], r[0], r[r.length - 1]);
            }
        }
    }
}
