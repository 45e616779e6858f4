package io.jgrad.examples.library;

import java.nio.file.Path;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.onnx.OnnxExporter;
import io.jgrad.onnx.OnnxImporter;

/** Exports a small CNN to ONNX, reads it back, and checks that both predict the same. */
public final class OnnxApp {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "cnn.onnx");
        Backend backend = Backends.get();
        try (Sequential cnn = Sequential.builder(backend, DType.FLOAT32).seed(1).pytorchInit()
                     .input(1, 28, 28).conv2d(8, 3, Padding.same()).relu().maxPool(2)
                     .flatten().dense(10).build();
             Tensor x = backend.randomUniform(Shape.of(4, 1, 28, 28), DType.FLOAT32, 0, 1, 7)) {
            OnnxExporter.export(cnn, file); // opset 17, any ONNX runtime can load it
            try (Sequential back = OnnxImporter.load(file, backend, DType.FLOAT32)) {
                boolean same = java.util.Arrays.equals(cnn.predict(x).toFloatArray(), back.predict(x).toFloatArray());
                System.out.println("exported and re-imported " + file + ": same predictions: " + same);
            }
        }
    }
}
