package io.jgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model written by PyTorch's own exporter (Conv, BatchNormalization, MaxPool, AveragePool,
 * Flatten, Gemm with transB, Dropout left out) is imported and predicts what PyTorch predicted.
 * Needs Debian's python3-torch at /usr/bin/python3; skipped where it is missing.
 */
class OnnxFromPyTorchTest {
    @TempDir
    Path tmp;

    @Test
    void aPyTorchExportedCnnPredictsAsInPyTorch() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "PyTorch is not installed (apt-get install python3-torch)");
        Path model = tmp.resolve("torch.onnx");
        Path x = tmp.resolve("x.f32");
        Path y = tmp.resolve("y.f32");
        Process p = new ProcessBuilder(python.toString(), Path.of("src/test/resources/torch_export.py").toString(),
                model.toString(), x.toString(), y.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        float[] in = floats(x);
        float[] want = floats(y);
        try (Sequential m = OnnxImporter.load(model, OnnxRuntimeParityTest.CPU, DType.FLOAT32);
             Tensor t = OnnxRuntimeParityTest.CPU.tensor(in, Shape.of(5, 1, 28, 28))) {
            float[] got = m.predict(t).toFloatArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), "output " + i);
            }
        }
    }

    private static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }
}
