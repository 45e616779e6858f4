package io.jgrad.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jgrad.core.nn.AvgPool2D;
import io.jgrad.core.nn.BatchNorm;
import io.jgrad.core.nn.Conv2D;
import io.jgrad.core.nn.Dense;
import io.jgrad.core.nn.Dropout;
import io.jgrad.core.nn.Flatten;
import io.jgrad.core.nn.GlobalAvgPool2D;
import io.jgrad.core.nn.Layer;
import io.jgrad.core.nn.LeakyReLU;
import io.jgrad.core.nn.MaxPool2D;
import io.jgrad.core.nn.ReLU;
import io.jgrad.core.nn.Reshape;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.nn.Sigmoid;
import io.jgrad.core.nn.Softmax;
import io.jgrad.core.nn.Tanh;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.util.AtomicFiles;
import io.jgrad.onnx.proto.Onnx.AttributeProto;
import io.jgrad.onnx.proto.Onnx.GraphProto;
import io.jgrad.onnx.proto.Onnx.ModelProto;
import io.jgrad.onnx.proto.Onnx.NodeProto;
import io.jgrad.onnx.proto.Onnx.OperatorSetIdProto;
import io.jgrad.onnx.proto.Onnx.TensorProto;
import io.jgrad.onnx.proto.Onnx.TensorShapeProto;
import io.jgrad.onnx.proto.Onnx.TypeProto;
import io.jgrad.onnx.proto.Onnx.ValueInfoProto;

/**
 * Writes a {@link Sequential} as an ONNX model of opset {@value #OPSET} (IR version
 * {@value #IR_VERSION}) in inference form: input {@code input} [batch, ...] with a symbolic batch
 * dimension, output {@code output}, weights as initializers, Dropout left out, BatchNorm with its
 * running statistics. Layer to operator: Dense -> Gemm, Conv2D -> Conv, MaxPool2D -> MaxPool,
 * AvgPool2D -> AveragePool, GlobalAvgPool2D -> GlobalAveragePool + Flatten, BatchNorm ->
 * BatchNormalization, Flatten -> Flatten, Reshape -> Reshape, ReLU/Sigmoid/Tanh/LeakyReLU/Softmax
 * -> Relu/Sigmoid/Tanh/LeakyRelu/Softmax. A layer without a mapping is refused with its name.
 * Weights are written in float32 (the model's float64 values rounded) unless the model is float64.
 */
public final class OnnxExporter {
    public static final int OPSET = 17;
    public static final int IR_VERSION = 8;

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final int elemType;
    private String current = "input";

    private OnnxExporter(Sequential model) {
        this.elemType = model.dtype() == io.jgrad.core.tensor.DType.FLOAT64 ? TensorProto.DataType.DOUBLE_VALUE
                : TensorProto.DataType.FLOAT_VALUE;
    }

    /** Writes {@code model} to {@code file} (a temporary name, renamed when complete). */
    public static void export(Sequential model, Path file) throws IOException {
        ModelProto proto = toProto(model);
        AtomicFiles.write(file, out -> proto.writeTo(out));
    }

    /** The ONNX model of {@code model}; it must have been built with an input shape. */
    public static ModelProto toProto(Sequential model) {
        if (model.inputShape() == null) {
            throw new IllegalArgumentException("model " + model.name() + " has no input shape: build it with"
                    + " input(...) to export it");
        }
        OnnxExporter e = new OnnxExporter(model);
        for (Layer l : model.layers()) {
            e.layer(l);
        }
        if (e.nodes.isEmpty()) {
            e.node("Identity", "identity", List.of(e.current));
        }
        int last = e.nodes.size() - 1; // the graph's output gets its public name
        e.nodes.set(last, e.nodes.get(last).toBuilder().setOutput(0, "output").build());
        GraphProto graph = GraphProto.newBuilder()
                .setName(model.name())
                .addAllNode(e.nodes)
                .addAllInitializer(e.initializers)
                .addInput(e.valueInfo("input", model.inputShape()))
                .addOutput(e.valueInfo("output", outputExample(model)))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("jgrad")
                .setProducerVersion("0.1.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    private static Shape outputExample(Sequential model) {
        int[] d = model.outputShape(Sequential.batched(model.inputShape(), 1)).dims();
        return Shape.of(java.util.Arrays.copyOfRange(d, 1, d.length));
    }

    private ValueInfoProto valueInfo(String name, Shape example) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : example.dims()) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    private void layer(Layer l) {
        if (l instanceof Dense d) {
            node("Gemm", l.name(), List.of(current, weights(d.weights().value(), d.weights().name(), null),
                    weights(d.bias().value(), d.bias().name(), null)));
        } else if (l instanceof Conv2D c) {
            int[] w = c.window(); // kh, kw, sh, sw, ph, pw, dh, dw
            List<String> inputs = new ArrayList<>(List.of(current, weights(c.weights().value(), c.weights().name(),
                    new int[] {c.filters(), c.channels(), w[0], w[1]})));
            if (c.bias() != null) {
                inputs.add(weights(c.bias().value(), c.bias().name(), null));
            }
            node("Conv", l.name(), inputs, ints("kernel_shape", w[0], w[1]), ints("strides", w[2], w[3]),
                    ints("pads", w[4], w[5], w[4], w[5]), ints("dilations", w[6], w[7]), intAttr("group", 1));
        } else if (l instanceof MaxPool2D p) {
            node("MaxPool", l.name(), List.of(current), ints("kernel_shape", p.size(), p.size()),
                    ints("strides", p.stride(), p.stride()), ints("pads", p.padding(), p.padding(), p.padding(),
                            p.padding()));
        } else if (l instanceof AvgPool2D p) {
            node("AveragePool", l.name(), List.of(current), ints("kernel_shape", p.size(), p.size()),
                    ints("strides", p.stride(), p.stride()), ints("pads", p.padding(), p.padding(), p.padding(),
                            p.padding()), intAttr("count_include_pad", 1));
        } else if (l instanceof GlobalAvgPool2D) {
            node("GlobalAveragePool", l.name(), List.of(current));
            node("Flatten", l.name() + "_flatten", List.of(current), intAttr("axis", 1));
        } else if (l instanceof BatchNorm b) {
            node("BatchNormalization", l.name(), List.of(current,
                    weights(b.parameters().get(0).value(), b.parameters().get(0).name(), null),
                    weights(b.parameters().get(1).value(), b.parameters().get(1).name(), null),
                    weights(b.buffers().get(l.name() + ".running_mean"), l.name() + ".running_mean", null),
                    weights(b.buffers().get(l.name() + ".running_var"), l.name() + ".running_var", null)),
                    floatAttr("epsilon", b.epsilon()), floatAttr("momentum", 1 - b.momentum()));
        } else if (l instanceof Flatten) {
            node("Flatten", l.name(), List.of(current), intAttr("axis", 1));
        } else if (l instanceof Reshape r) {
            int[] dims = r.dims();
            long[] shape = new long[dims.length + 1];
            for (int i = 0; i < dims.length; i++) {
                shape[i + 1] = dims[i];
            }
            shape[0] = 0; // ONNX: 0 copies the input's dimension, here the batch
            initializers.add(TensorProto.newBuilder().setName(l.name() + ".shape")
                    .setDataType(TensorProto.DataType.INT64_VALUE).addDims(shape.length)
                    .addAllInt64Data(java.util.Arrays.stream(shape).boxed().toList()).build());
            node("Reshape", l.name(), List.of(current, l.name() + ".shape"));
        } else if (l instanceof ReLU) {
            node("Relu", l.name(), List.of(current));
        } else if (l instanceof Sigmoid) {
            node("Sigmoid", l.name(), List.of(current));
        } else if (l instanceof Tanh) {
            node("Tanh", l.name(), List.of(current));
        } else if (l instanceof LeakyReLU r) {
            node("LeakyRelu", l.name(), List.of(current), floatAttr("alpha", r.slope()));
        } else if (l instanceof Softmax) {
            node("Softmax", l.name(), List.of(current), intAttr("axis", -1));
        } else if (l instanceof Dropout) {
            return; // inference form: the identity
        } else {
            throw new IllegalArgumentException("layer " + l.name() + " (" + l.getClass().getSimpleName()
                    + ") has no ONNX mapping; export refused rather than writing a model without it");
        }
    }

    private void node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String out = name + "_out";
        nodes.add(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(out)
                .addAllAttribute(List.of(attributes)).build());
        current = out;
    }

    /** An initializer from a tensor; {@code conv} ([F, C, KH, KW]) re-lays out a Conv2D weight. */
    private String weights(Tensor t, String name, int[] conv) {
        double[] v = t.toDoubleArray();
        int[] dims = t.shape().dims();
        if (conv != null) { // ours [C*KH*KW, F] -> ONNX [F, C, KH, KW]
            v = OnnxImporter.transpose(v, v.length / conv[0], conv[0]);
            dims = conv;
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(elemType);
        for (int d : dims) {
            b.addDims(d);
        }
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(v.length * (elemType == TensorProto.DataType.DOUBLE_VALUE
                ? 8 : 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            if (elemType == TensorProto.DataType.DOUBLE_VALUE) {
                raw.putDouble(x);
            } else {
                raw.putFloat((float) x);
            }
        }
        initializers.add(b.setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build());
        return name;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    private static AttributeProto floatAttr(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }
}
