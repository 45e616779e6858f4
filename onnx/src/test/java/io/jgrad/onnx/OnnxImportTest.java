package io.jgrad.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.protobuf.ByteString;
import io.jgrad.backend.cpu.CpuBackend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.train.GradientMethod;
import io.jgrad.onnx.proto.Onnx.AttributeProto;
import io.jgrad.onnx.proto.Onnx.GraphProto;
import io.jgrad.onnx.proto.Onnx.ModelProto;
import io.jgrad.onnx.proto.Onnx.NodeProto;
import io.jgrad.onnx.proto.Onnx.OperatorSetIdProto;
import io.jgrad.onnx.proto.Onnx.TensorProto;
import io.jgrad.onnx.proto.Onnx.TensorShapeProto;
import io.jgrad.onnx.proto.Onnx.TypeProto;
import io.jgrad.onnx.proto.Onnx.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxImportTest {
    static final CpuBackend CPU = OnnxRuntimeParityTest.CPU;

    @TempDir
    Path tmp;

    @Test
    void exportedModelsComeBackWithBitIdenticalPredictions() throws IOException {
        for (Sequential original : new Sequential[] {OnnxRuntimeParityTest.mlp(), OnnxRuntimeParityTest.cnn()}) {
            try (original; Tensor x = CPU.randomNormal(Sequential.batched(original.inputShape(), 3), DType.FLOAT32,
                    0, 1, 5)) {
                OnnxRuntimeParityTest.trainStatistics(original, x);
                Path f = tmp.resolve("m.onnx");
                OnnxExporter.export(original, f);
                try (Sequential back = OnnxImporter.load(f, CPU, DType.FLOAT32)) {
                    assertEquals(original.inputShape(), back.inputShape());
                    assertArrayEquals(original.predict(x).toFloatArray(), back.predict(x).toFloatArray());
                }
            }
        }
    }

    @Test
    void anImportedModelTrainsFurther() throws IOException {
        try (Sequential original = OnnxRuntimeParityTest.mlp()) {
            OnnxExporter.export(original, tmp.resolve("m.onnx"));
        }
        try (Sequential m = OnnxImporter.load(tmp.resolve("m.onnx"), CPU, DType.FLOAT32);
             Tensor x = CPU.randomNormal(Shape.of(16, 12), DType.FLOAT32, 0, 1, 2);
             Tensor y = CPU.tensor(new float[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, Shape.of(16));
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse(); Adam adam = new Adam(0.01)) {
            double first = GradientMethod.BACKPROP.computeGradients(m, loss, x, y);
            double last = first;
            for (int i = 0; i < 100; i++) {
                adam.step(m.parameters());
                last = GradientMethod.BACKPROP.computeGradients(m, loss, x, y);
            }
            assertTrue(last < first / 2, first + " -> " + last);
        }
    }

    // ---- PyTorch's forms, written here as its exporter writes them ----

    private static TensorProto floats(String name, float[] v, long... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        for (float f : v) {
            b.addFloatData(f);
        }
        return b.build();
    }

    private static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static NodeProto node(String op, String name, String out, String... in) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(in)).addOutput(out).build();
    }

    /** x [N, 2, 3] -> Constant shape [-1, 6] -> Reshape -> MatMul W [6, 2] -> Add b -> Relu. */
    static ModelProto pytorchLinear(String extraOp) {
        float[] w = {1, -1, 0.5f, 2, -0.25f, 0, 1, 1, 0, -3, 2, 0.5f};
        TensorProto shape = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(2)
                .setRawData(ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putLong(-1).putLong(6).array())).build();
        GraphProto.Builder g = GraphProto.newBuilder().setName("torch_jit")
                .addInitializer(floats("fc.weight_t", w, 6, 2)).addInitializer(floats("fc.bias", new float[] {0.1f, -0.2f}, 2))
                .addInput(input("x", 2, 3))
                .addNode(NodeProto.newBuilder().setOpType("Constant").setName("/Constant").addOutput("shape")
                        .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                                .setT(shape)))
                .addNode(node("Reshape", "/Reshape", "r", "x", "shape"))
                .addNode(node("MatMul", "/fc/MatMul", "m", "r", "fc.weight_t"))
                .addNode(node("Add", "/fc/Add", "a", "fc.bias", "m"))
                .addNode(node(extraOp, "/act/" + extraOp, "y", "a"))
                .addOutput(input("y", 2));
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(g).build();
    }

    @Test
    void pytorchsMatMulAddAndReshapeFormsAreRead() throws IOException {
        Path f = tmp.resolve("torch.onnx");
        Files.write(f, pytorchLinear("Relu").toByteArray());
        try (Sequential m = OnnxImporter.load(f, CPU, DType.FLOAT64);
             Tensor x = CPU.tensor(new double[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 2, 3))) {
            // y = relu(x W + b): W rows (1,-1) (0.5,2) (-0.25,0) (1,1) (0,-3) (2,0.5)
            double y0 = 1 * 1 + 2 * 0.5 + 3 * -0.25 + 4 * 1 + 5 * 0 + 6 * 2 + 0.1;
            double y1 = 1 * -1 + 2 * 2 + 3 * 0 + 4 * 1 + 5 * -3 + 6 * 0.5 - 0.2;
            assertArrayEquals(new double[] {y0, Math.max(0, y1)}, m.predict(x).toDoubleArray(), 1e-6);
        }
    }

    @Test
    void anUnsupportedOperatorIsNamedWithNodeAndOpset() throws IOException {
        Path f = tmp.resolve("erf.onnx");
        Files.write(f, pytorchLinear("Erf").toByteArray());
        long before = CPU.liveTensors();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxImporter.load(f, CPU, DType.FLOAT32));
        assertTrue(e.getMessage().contains("operator Erf") && e.getMessage().contains("node '/act/Erf'")
                && e.getMessage().contains("opset 17"), e.getMessage());
        assertEquals(before, CPU.liveTensors(), "the layers made before the refusal are freed");
    }

    /** An initializer whose dimensions claim far more values than it holds. */
    @Test
    void hugeDeclaredDimensionsAreRefused() throws IOException {
        ModelProto good = pytorchLinear("Relu");
        GraphProto.Builder g = good.getGraph().toBuilder();
        g.setInitializer(0, g.getInitializer(0).toBuilder().clearDims().addDims(1L << 40).addDims(1L << 20));
        Path f = tmp.resolve("huge.onnx");
        Files.write(f, good.toBuilder().setGraph(g).build().toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxImporter.load(f, CPU, DType.FLOAT32));
        assertTrue(e.getMessage().contains("huge.onnx") && e.getMessage().contains("fc.weight_t"), e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesAreClearErrors() throws IOException {
        byte[] good = pytorchLinear("Relu").toByteArray();
        Path cut = tmp.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(good, good.length / 2));
        Exception e = assertThrows(Exception.class, () -> OnnxImporter.load(cut, CPU, DType.FLOAT32));
        assertTrue(e.getMessage().contains("cut.onnx"), e.getMessage());
        Path text = tmp.resolve("text.onnx");
        Files.writeString(text, "this is not a model");
        e = assertThrows(Exception.class, () -> OnnxImporter.load(text, CPU, DType.FLOAT32));
        assertTrue(e.getMessage().contains("text.onnx"), e.getMessage());
        // a length prefix claiming 2 GB inside a 40-byte file: refused without allocating it
        byte[] forged = {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3};
        Path f = tmp.resolve("forged.onnx");
        Files.write(f, forged);
        IOException io = assertThrows(IOException.class, () -> OnnxImporter.load(f, CPU, DType.FLOAT32));
        assertTrue(io.getMessage().contains("forged.onnx") && io.getMessage().contains("truncated or corrupt"),
                io.getMessage());
    }
}
