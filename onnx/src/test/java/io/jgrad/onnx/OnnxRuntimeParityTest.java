package io.jgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.jgrad.backend.cpu.CpuBackend;
import io.jgrad.core.nn.Conv2D;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported models run in ONNX Runtime (a reference nobody on this project wrote) and must give
 * jgrad's own predictions: an MLP and a CNN with every layer that has a mapping.
 */
class OnnxRuntimeParityTest {
    static final CpuBackend CPU = new CpuBackend();

    @TempDir
    Path tmp;

    static Sequential cnn() {
        return Sequential.builder(CPU, DType.FLOAT32).seed(7).pytorchInit().input(2, 9, 8)
                .conv2d(4, 3, Padding.same()).batchNorm().relu().maxPool(2)
                .conv2d(6, 3, 3, Conv2D.Options.defaults().stride(2).padding(Padding.of(1)).dilation(1)).leakyRelu(0.1)
                .avgPool(2, 1, 1).conv2d(5, 1, Padding.valid()).tanh().globalAvgPool()
                .reshape(5).dense(7).batchNorm().sigmoid().dropout(0.5).dense(3).softmax().build();
    }

    static Sequential mlp() {
        return Sequential.builder(CPU, DType.FLOAT32).seed(3).pytorchInit().input(12)
                .dense(16).relu().dense(8).tanh().dense(4).build();
    }

    /** Moves BatchNorm's running statistics away from 0 and 1, so that the export must carry them. */
    static void trainStatistics(Sequential model, Tensor x) {
        for (int i = 0; i < 5; i++) {
            model.forward(x, true);
        }
    }

    static float[] runOrt(Path file, float[] x, long[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
             OrtSession.Result r = session.run(Map.of("input", input))) {
            return ((OnnxTensor) r.get(0)).getFloatBuffer().array();
        }
    }

    private void assertParity(Sequential model, int batch) throws Exception {
        Shape in = Sequential.batched(model.inputShape(), batch);
        try (Tensor x = CPU.randomNormal(in, DType.FLOAT32, 0, 1, 11)) {
            trainStatistics(model, x);
            float[] want = model.predict(x).toFloatArray();
            Path file = tmp.resolve("m.onnx");
            OnnxExporter.export(model, file);
            long[] shape = java.util.Arrays.stream(in.dims()).asLongStream().toArray();
            float[] got = runOrt(file, x.toFloatArray(), shape);
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5, "output " + i);
            }
        }
    }

    @Test
    void anMlpRunsInOnnxRuntimeAsInJgrad() throws Exception {
        try (Sequential m = mlp()) {
            assertParity(m, 300);
        }
    }

    @Test
    void aCnnWithEveryMappedLayerRunsInOnnxRuntimeAsInJgrad() throws Exception {
        try (Sequential m = cnn()) {
            assertParity(m, 200);
        }
    }

    @Test
    void theBatchDimensionIsSymbolic() throws Exception {
        try (Sequential m = mlp()) {
            assertParity(m, 1);
            assertParity(m, 33);
        }
    }

    @Test
    void aLayerWithoutMappingIsRefusedByName() {
        try (Sequential m = Sequential.builder(CPU, DType.FLOAT32).input(4)
                .add(new io.jgrad.core.nn.ElementwiseLayer("odd1") {
                    @Override
                    protected void compute(Tensor x, Tensor y) {
                        x.backend().copy(x, y);
                    }

                    @Override
                    protected void computeBackward(Tensor x, Tensor y, Tensor dout, Tensor dx) {
                        dout.backend().copy(dout, dx);
                    }
                }).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OnnxExporter.export(m, tmp.resolve("x.onnx")));
            assertTrue(e.getMessage().contains("odd1") && e.getMessage().contains("no ONNX mapping"), e.getMessage());
            assertTrue(!Files.exists(tmp.resolve("x.onnx")), "nothing written");
        }
    }
}
