package io.jgrad.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.nn.AvgPool2D;
import io.jgrad.core.nn.BatchNorm;
import io.jgrad.core.nn.Conv2D;
import io.jgrad.core.nn.Dense;
import io.jgrad.core.nn.Flatten;
import io.jgrad.core.nn.GlobalAvgPool2D;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Layer;
import io.jgrad.core.nn.LeakyReLU;
import io.jgrad.core.nn.MaxPool2D;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.ReLU;
import io.jgrad.core.nn.Reshape;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.nn.Sigmoid;
import io.jgrad.core.nn.Softmax;
import io.jgrad.core.nn.Tanh;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.onnx.proto.Onnx.AttributeProto;
import io.jgrad.onnx.proto.Onnx.GraphProto;
import io.jgrad.onnx.proto.Onnx.ModelProto;
import io.jgrad.onnx.proto.Onnx.NodeProto;
import io.jgrad.onnx.proto.Onnx.TensorProto;
import io.jgrad.onnx.proto.Onnx.TensorShapeProto;
import io.jgrad.onnx.proto.Onnx.ValueInfoProto;

/**
 * Reads an ONNX model whose graph is a chain of supported operators into a {@link Sequential} on
 * any backend, ready for {@code predict}, evaluation and further training. Supported: Gemm, MatMul
 * (+ Add of a bias: PyTorch's Linear), Conv, MaxPool, AveragePool, GlobalAveragePool,
 * BatchNormalization, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Flatten, Reshape (shape from an
 * initializer or a Constant node), Dropout, Identity and all-zero Pad (left out), with the attribute values
 * jgrad's layers can express. Anything else is refused in one line naming the operator, the node
 * and the opset; a bad or truncated file is an {@link IOException}, read whole before parsing so
 * that no length inside it can make the reader allocate more than the file holds.
 */
public final class OnnxImporter {
    /** Larger files are refused before reading (protobuf's own limit is 2 GiB). */
    private static final long MAX_FILE = 1L << 31;

    private final Backend backend;
    private final DType dtype;
    private final String source;
    private final long opset;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private Shape shape; // the current activation, batch 1
    private String current;

    private OnnxImporter(Backend backend, DType dtype, String source, long opset) {
        this.backend = backend;
        this.dtype = dtype;
        this.source = source;
        this.opset = opset;
    }

    /** Loads {@code file} on the default backend in float32. */
    public static Sequential load(Path file) throws IOException {
        return load(file, Backends.get(), DType.FLOAT32);
    }

    public static Sequential load(Path file, Backend backend, DType dtype) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new IOException(file + " is " + size + " bytes, more than an ONNX model without external data can be");
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + " is not a readable ONNX model (truncated or corrupt: " + e.getMessage() + ")",
                    e);
        }
        return fromProto(model, backend, dtype, file.toString());
    }

    /** Builds the model of an already parsed {@code ModelProto}; {@code source} names it in errors. */
    public static Sequential fromProto(ModelProto model, Backend backend, DType dtype, String source) {
        long opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain()
                .equals("ai.onnx")).mapToLong(o -> o.getVersion()).findFirst().orElse(0);
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new IllegalArgumentException(source + ": the model has no graph nodes (not an ONNX model?)");
        }
        OnnxImporter im = new OnnxImporter(backend, dtype, source, opset);
        try {
            return im.build(model.getGraph());
        } catch (RuntimeException e) {
            for (Layer l : im.layers) {
                l.close();
            }
            throw e;
        }
    }

    private Sequential build(GraphProto g) {
        for (TensorProto t : g.getInitializerList()) {
            constants.put(t.getName(), t);
        }
        List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !constants.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(source + ": the graph has " + inputs.size()
                    + " data inputs; a Sequential model takes exactly one");
        }
        Shape example = exampleShape(inputs.get(0));
        shape = Sequential.batched(example, 1);
        current = inputs.get(0).getName();
        List<NodeProto> nodes = g.getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (n.getOpType().equals("Constant")) {
                constant(n);
                continue;
            }
            if (n.getInputCount() == 0 || !n.getInput(0).equals(current)) {
                throw refuse(n, "the graph is not a chain (its first input is '"
                        + (n.getInputCount() == 0 ? "" : n.getInput(0)) + "', the previous output '" + current + "')");
            }
            if (n.getOpType().equals("MatMul") && i + 1 < nodes.size() && nodes.get(i + 1).getOpType().equals("Add")
                    && nodes.get(i + 1).getInputList().contains(n.getOutput(0))) {
                NodeProto add = nodes.get(i + 1);
                String biasName = add.getInput(0).equals(n.getOutput(0)) ? add.getInput(1) : add.getInput(0);
                matMul(n, biasName);
                current = add.getOutput(0);
                i++;
                continue;
            }
            node(n);
            current = n.getOutput(0);
        }
        List<String> outputs = g.getOutputList().stream().map(ValueInfoProto::getName).toList();
        if (!outputs.equals(List.of(current))) {
            throw new IllegalArgumentException(source + ": the graph's outputs " + outputs + " are not the end of the"
                    + " chain ('" + current + "')");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(source + ": the graph computes nothing jgrad can train");
        }
        return new Sequential("model", backend, dtype, example, layers);
    }

    private Shape exampleShape(ValueInfoProto input) {
        if (!input.hasType() || !input.getType().hasTensorType()) {
            throw new IllegalArgumentException(source + ": input '" + input.getName() + "' is not a tensor");
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() < 2 || dims.size() > Shape.MAX_RANK) {
            throw new IllegalArgumentException(source + ": input '" + input.getName() + "' has rank " + dims.size()
                    + "; expected [batch, ...] of rank 2 to " + Shape.MAX_RANK);
        }
        int[] d = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0 || dims.get(i).getDimValue() > 1 << 24) {
                throw new IllegalArgumentException(source + ": input dimension " + i + " of '" + input.getName()
                        + "' is not a fixed positive size");
            }
            d[i - 1] = (int) dims.get(i).getDimValue();
        }
        return Shape.of(d);
    }

    private void node(NodeProto n) {
        switch (n.getOpType()) {
            case "Gemm" -> gemm(n);
            case "Conv" -> conv(n);
            case "MaxPool", "AveragePool" -> pool(n);
            case "GlobalAveragePool" -> add(new GlobalAvgPool2D(next("globalavgpool")));
            case "BatchNormalization" -> batchNorm(n);
            case "Relu" -> add(new ReLU(next("relu")));
            case "Sigmoid" -> add(new Sigmoid(next("sigmoid")));
            case "Tanh" -> add(new Tanh(next("tanh")));
            case "LeakyRelu" -> add(new LeakyReLU(next("leakyrelu"), floatAttr(n, "alpha", 0.01)));
            case "Softmax" -> {
                long axis = intAttr(n, "axis", opset >= 13 ? -1 : 1);
                if (shape.rank() != 2 || !(axis == 1 || axis == -1)) {
                    throw refuse(n, "Softmax over axis " + axis + " of " + shape + " (jgrad: over the last axis of"
                            + " [batch, classes])");
                }
                add(new Softmax(next("softmax")));
            }
            case "Flatten" -> {
                if (intAttr(n, "axis", 1) != 1) {
                    throw refuse(n, "Flatten with axis " + intAttr(n, "axis", 1) + " (jgrad keeps the batch axis)");
                }
                add(new Flatten(next("flatten")));
            }
            case "Reshape" -> reshape(n);
            case "Dropout", "Identity" -> {
                // inference form: the identity
            }
            case "Pad" -> { // PyTorch puts a zero Pad in front of AvgPool2d; anything else is refused
                double[] pads = n.getInputCount() > 1 ? values(n, n.getInput(1)) : new double[0];
                if (java.util.Arrays.stream(pads).anyMatch(v -> v != 0)) {
                    throw refuse(n, "non-zero Pad " + java.util.Arrays.toString(pads) + " (give the padding to the"
                            + " convolution or pooling instead)");
                }
            }
            default -> throw refuse(n, "unsupported operator");
        }
    }

    private void add(Layer l) {
        shape = l.outputShape(shape);
        layers.add(l);
    }

    private String next(String kind) {
        return kind + counters.merge(kind, 1, Integer::sum);
    }

    private void gemm(NodeProto n) {
        if (floatAttr(n, "alpha", 1) != 1 || floatAttr(n, "beta", 1) != 1 || intAttr(n, "transA", 0) != 0) {
            throw refuse(n, "Gemm with alpha, beta other than 1 or a transposed input");
        }
        double[] w = values(n, n.getInput(1));
        long[] wd = dims(n.getInput(1));
        boolean transB = intAttr(n, "transB", 0) == 1;
        if (wd.length != 2) {
            throw refuse(n, "Gemm weight of rank " + wd.length);
        }
        int in = (int) (transB ? wd[1] : wd[0]);
        int out = (int) (transB ? wd[0] : wd[1]);
        if (transB) {
            w = transpose(w, out, in);
        }
        double[] b = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? values(n, n.getInput(2)) : new double[out];
        dense(n, in, out, w, b);
    }

    private void matMul(NodeProto n, String biasName) {
        long[] wd = dims(n.getInput(1));
        if (wd.length != 2) {
            throw refuse(n, "MatMul with a weight of rank " + wd.length);
        }
        int in = (int) wd[0];
        int out = (int) wd[1];
        double[] b = values(n, biasName);
        dense(n, in, out, values(n, n.getInput(1)), b);
    }

    private void dense(NodeProto n, int in, int out, double[] w, double[] b) {
        if (shape.rank() != 2 || shape.cols() != in) {
            throw refuse(n, "a matrix product of [" + in + ", " + out + "] on an input of shape " + shape);
        }
        if (b.length != out || w.length != (long) in * out) {
            throw refuse(n, "a weight of " + w.length + " and a bias of " + b.length + " values for " + in + " -> "
                    + out);
        }
        Dense d = new Dense(next("dense"), backend, dtype, in, out, Initializer.zeros(), 0);
        add(d);
        d.weights().set(w);
        d.bias().set(b);
    }

    private void conv(NodeProto n) {
        long[] wd = dims(n.getInput(1));
        if (wd.length != 4 || shape.rank() != 4 || wd[1] != shape.dim(1)) {
            throw refuse(n, "Conv weight " + java.util.Arrays.toString(wd) + " on input " + shape);
        }
        if (intAttr(n, "group", 1) != 1) {
            throw refuse(n, "grouped convolution (group " + intAttr(n, "group", 1) + ")");
        }
        String autoPad = stringAttr(n, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw refuse(n, "auto_pad " + autoPad + " (give explicit pads)");
        }
        int f = (int) wd[0];
        int c = (int) wd[1];
        int kh = (int) wd[2];
        int kw = (int) wd[3];
        long[] strides = intsAttr(n, "strides", 1, 1);
        long[] dil = intsAttr(n, "dilations", 1, 1);
        long[] pads = intsAttr(n, "pads", 0, 0, 0, 0);
        if (pads.length != 4 || pads[0] != pads[2] || pads[1] != pads[3]) {
            throw refuse(n, "asymmetric padding " + java.util.Arrays.toString(pads));
        }
        boolean hasBias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
        Conv2D conv = new Conv2D(next("conv"), backend, dtype, c, f, kh, kw,
                new Conv2D.Options((int) strides[0], (int) strides[1], Padding.of((int) pads[0], (int) pads[1]),
                        (int) dil[0], (int) dil[1], hasBias), Initializer.zeros(), Initializer.zeros(), 0);
        add(conv);
        conv.weights().set(transpose(values(n, n.getInput(1)), f, c * kh * kw)); // [F, CKK] -> [CKK, F]
        if (hasBias) {
            conv.bias().set(values(n, n.getInput(2)));
        }
    }

    private void pool(NodeProto n) {
        long[] k = intsAttr(n, "kernel_shape");
        long[] s = intsAttr(n, "strides", 1, 1);
        long[] p = intsAttr(n, "pads", 0, 0, 0, 0);
        boolean square = k.length == 2 && k[0] == k[1] && s.length == 2 && s[0] == s[1] && p.length == 4
                && p[0] == p[1] && p[1] == p[2] && p[2] == p[3];
        if (!square || intAttr(n, "ceil_mode", 0) != 0 || !java.util.Arrays.equals(intsAttr(n, "dilations", 1, 1),
                new long[] {1, 1})) {
            throw refuse(n, "pooling window " + java.util.Arrays.toString(k) + ", strides " + java.util.Arrays.toString(s)
                    + ", pads " + java.util.Arrays.toString(p) + " (jgrad: square windows and strides, equal pads,"
                    + " no ceil mode or dilation)");
        }
        boolean max = n.getOpType().equals("MaxPool");
        if (!max && p[0] > 0 && intAttr(n, "count_include_pad", 0) != 1) {
            throw refuse(n, "AveragePool that leaves padding out of the count (jgrad counts it, count_include_pad=1)");
        }
        add(max ? new MaxPool2D(next("maxpool"), (int) k[0], (int) s[0], (int) p[0])
                : new AvgPool2D(next("avgpool"), (int) k[0], (int) s[0], (int) p[0]));
    }

    private void batchNorm(NodeProto n) {
        int c = shape.dim(1);
        BatchNorm bn = new BatchNorm(next("batchnorm"), backend, dtype, c, 1 - floatAttr(n, "momentum", 0.9),
                floatAttr(n, "epsilon", 1e-5));
        add(bn);
        bn.parameters().get(0).set(values(n, n.getInput(1)));
        bn.parameters().get(1).set(values(n, n.getInput(2)));
        backend.write(bn.buffers().get(bn.name() + ".running_mean"), values(n, n.getInput(3)));
        backend.write(bn.buffers().get(bn.name() + ".running_var"), values(n, n.getInput(4)));
    }

    private void reshape(NodeProto n) {
        double[] target = values(n, n.getInput(1));
        int perExample = shape.size() / shape.dim(0);
        List<Integer> dims = new ArrayList<>();
        int unknown = -1;
        long known = 1;
        for (int i = 1; i < target.length; i++) {
            int d = (int) target[i];
            if (d == -1) {
                unknown = i - 1;
                dims.add(-1);
            } else {
                int v = d == 0 ? shape.dim(i) : d;
                dims.add(v);
                known *= v;
            }
        }
        if (target.length < 2 || !(target[0] == 0 || target[0] == -1 || target[0] == shape.dim(0))) {
            throw refuse(n, "Reshape to " + java.util.Arrays.toString(target) + " that does not keep the batch first");
        }
        if (unknown >= 0) {
            dims.set(unknown, (int) (perExample / known));
        }
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        add(d.length == 1 ? new Flatten(next("flatten")) : new Reshape(next("reshape"), d));
    }

    private void constant(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                constants.put(n.getOutput(0), a.getT());
                return;
            }
        }
        throw refuse(n, "Constant without a tensor value");
    }

    // ---------------------------------------------------------------- tensors and attributes

    private long[] dims(String name) {
        TensorProto t = constants.get(name);
        return t == null ? new long[0] : t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The values of an initializer or Constant, checked against its dimensions. */
    private double[] values(NodeProto n, String name) {
        TensorProto t = constants.get(name);
        if (t == null) {
            throw refuse(n, "input '" + name + "' is computed, not a constant (jgrad imports weights as initializers)");
        }
        if (t.getDataLocation() == 1) {
            throw refuse(n, "'" + name + "' is stored in an external file");
        }
        long count = 1;
        for (long d : t.getDimsList()) {
            if (d < 0) {
                throw refuse(n, "'" + name + "' has a negative dimension");
            }
            count *= d;
        }
        int type = t.getDataType();
        int width = type == TensorProto.DataType.FLOAT_VALUE ? 4 : type == TensorProto.DataType.DOUBLE_VALUE
                || type == TensorProto.DataType.INT64_VALUE ? 8 : 0;
        if (width == 0) {
            throw refuse(n, "'" + name + "' has ONNX data type " + type + " (jgrad reads float, double and int64)");
        }
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != count * width) {
                throw refuse(n, "'" + name + "' declares " + count + " values but holds " + t.getRawData().size()
                        + " bytes");
            }
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            double[] v = new double[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = width == 4 ? b.getFloat() : type == TensorProto.DataType.DOUBLE_VALUE ? b.getDouble() : b.getLong();
            }
            return v;
        }
        List<? extends Number> list = type == TensorProto.DataType.FLOAT_VALUE ? t.getFloatDataList()
                : type == TensorProto.DataType.DOUBLE_VALUE ? t.getDoubleDataList() : t.getInt64DataList();
        if (list.size() != count) {
            throw refuse(n, "'" + name + "' declares " + count + " values but holds " + list.size());
        }
        return list.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** A row-major [rows, cols] matrix transposed: the weight layouts of jgrad and ONNX differ by one. */
    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static long intAttr(NodeProto n, String name, long dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getI();
    }

    private static double floatAttr(NodeProto n, String name, double dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getF();
    }

    private static String stringAttr(NodeProto n, String name, String dflt) {
        AttributeProto a = attr(n, name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    private long[] intsAttr(NodeProto n, String name, long... dflt) {
        AttributeProto a = attr(n, name);
        if (a == null) {
            if (dflt.length == 0) {
                throw refuse(n, "attribute '" + name + "' is missing");
            }
            return dflt;
        }
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private IllegalArgumentException refuse(NodeProto n, String why) {
        return new IllegalArgumentException(source + ": cannot import operator " + n.getOpType() + " (node '"
                + n.getName() + "', opset " + opset + "): " + why);
    }
}
