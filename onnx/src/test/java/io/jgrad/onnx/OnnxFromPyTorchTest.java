package io.jgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models written by PyTorch's own exporter import into jgrad and give PyTorch's outputs: the MLP
 * and CNN recipes with fixed weights, exported by {@code torch.onnx.export} at opset 17 (Gemm
 * with transB, Conv, MaxPool, Flatten), committed with PyTorch's outputs for a batch of inputs
 * (src/test/resources/pytorch/make_fixtures.py made them with Debian's python3-torch).
 */
class OnnxFromPyTorchTest {
    private static final Path DIR = Path.of("src/test/resources/pytorch");

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void pytorchsExportGivesPytorchsOutputs(String recipe) throws Exception {
        float[] x = floats(DIR.resolve(recipe + "_x.f32"));
        float[] want = floats(DIR.resolve(recipe + "_y.f32"));
        try (Sequential m = OnnxImporter.load(DIR.resolve(recipe + ".onnx"), OnnxRuntimeParityTest.CPU,
                DType.FLOAT32)) {
            int batch = x.length / m.inputShape().size();
            try (Tensor t = OnnxRuntimeParityTest.CPU.tensor(x, Sequential.batched(m.inputShape(), batch))) {
                float[] got = m.predict(t).toFloatArray();
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, recipe + " output " + i);
                }
            }
        }
    }

    static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
