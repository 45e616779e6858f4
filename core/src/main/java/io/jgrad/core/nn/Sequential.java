package io.jgrad.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Layers applied in order. The first layer is told its input needs no gradient (a model's input is
 * data), which saves the largest GEMM of a typical backward pass; {@link #setInputGradientNeeded}
 * turns it back on.
 *
 * <pre>{@code
 * Sequential model = Sequential.builder(backend, DType.FLOAT32).seed(42)
 *         .input(784).dense(100).relu().dense(10).build();
 * }</pre>
 */
public final class Sequential implements Layer {
    private final String name;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private final Backend backend;
    private final DType dtype;
    private final Shape inputShape;
    /** fusedRelu[i]: layer i is a Conv2D or a Dense that applies layer i + 1, a ReLU, itself (one pass, same values). */
    private final boolean[] fusedRelu;

    public Sequential(String name, Backend backend, DType dtype, Shape inputShape, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential model needs at least one layer");
        }
        this.name = name;
        this.backend = backend;
        this.dtype = dtype;
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        List<Parameter> ps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("two layers are named '" + l.name() + "'");
            }
            ps.addAll(l.parameters());
        }
        this.parameters = Collections.unmodifiableList(ps);
        this.fusedRelu = new boolean[this.layers.size()];
        for (int i = 0; i + 1 < this.layers.size(); i++) {
            Layer l = this.layers.get(i);
            fusedRelu[i] = (l instanceof Conv2D || l.getClass() == Dense.class)
                    && this.layers.get(i + 1).getClass() == ReLU.class;
        }
        this.layers.get(0).setInputGradientNeeded(false);
        if (inputShape != null) {
            outputShape(batched(inputShape, 1)); // fails now, naming the layer, if the layers do not fit
        }
    }

    public static Builder builder(Backend backend, DType dtype) {
        return new Builder(backend, dtype);
    }

    @Override
    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Backend backend() {
        return backend;
    }

    public DType dtype() {
        return dtype;
    }

    /** Per-example input shape (without the batch dimension), if the model was built with one. */
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /** Every layer's buffers (BatchNorm running statistics) by name, in layer order. */
    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (Layer l : layers) {
            out.putAll(l.buffers());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every parameter by name ({@code dense1.W}, {@code dense1.b}, ...) in layer order, then the
     * buffers ({@code bn1.running_mean}), as PyTorch's {@code state_dict()}: the live tensors, not
     * copies (write them to change the model). Layouts: Dense {@code W} is [in, out] and computes
     * {@code y = x W + b} (the transpose of PyTorch's {@code Linear.weight}, which is [out, in]);
     * {@code b} is [out]; Conv2D {@code W} is [channels * kh * kw, filters] (PyTorch's
     * {@code weight.reshape(filters, -1).T}).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters) {
            out.put(p.name(), p.value());
        }
        out.putAll(buffers());
        return Collections.unmodifiableMap(out);
    }

    /**
     * Copies {@code state} into this model's parameters (any backend and dtype: values are
     * converted). Strict, as PyTorch's default: every parameter must be given, with its shape,
     * and no other name; the error names each mismatch. Nothing is written unless all match.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> mine = stateDict();
        mine.forEach((key, target) -> {
            Tensor t = state.get(key);
            if (t == null) {
                problems.add("missing " + key + " " + target.shape());
            } else if (!t.shape().equals(target.shape())) {
                problems.add(key + " has shape " + t.shape() + ", the model " + target.shape());
            }
        });
        for (String key : state.keySet()) {
            if (!mine.containsKey(key)) {
                problems.add("unexpected " + key);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("state dict does not fit model " + name + ": "
                    + String.join("; ", problems));
        }
        mine.forEach((key, target) -> {
            Tensor t = state.get(key);
            if (t.backend() == backend) {
                backend.copy(t, target);
            } else {
                backend.write(target, t.toDoubleArray());
            }
        });
    }

    /** Finds a parameter by its name ({@code dense1.W}). */
    public Parameter parameter(String parameterName) {
        for (Parameter p : parameters) {
            if (p.name().equals(parameterName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + parameterName + "'");
    }

    /** {@code example} with a batch dimension in front: [784] becomes [batch, 784]. */
    public static Shape batched(Shape example, int batch) {
        int[] d = example.dims();
        int[] b = new int[d.length + 1];
        b[0] = batch;
        System.arraycopy(d, 0, b, 1, d.length);
        return Shape.of(b);
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape s = input;
        for (Layer l : layers) {
            s = l.outputShape(s);
        }
        return s;
    }

    /** The largest random state of the layers (they advance together, one draw per forward). */
    @Override
    public long randomState() {
        long s = 0;
        for (Layer l : layers) {
            s = Math.max(s, l.randomState());
        }
        return s;
    }

    @Override
    public void setRandomState(long state) {
        for (Layer l : layers) {
            l.setRandomState(state);
        }
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        layers.get(0).setInputGradientNeeded(needed);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            if (fusedRelu[i]) {
                Layer l = layers.get(i);
                h = l instanceof Conv2D c ? c.forwardWithRelu(h) : ((Dense) l).forwardWithRelu(h);
                i++; // the ReLU is done
            } else {
                h = layers.get(i).forward(h, training);
            }
        }
        return h;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor d = dout;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (i > 0 && fusedRelu[i - 1] && appliedRelu(layers.get(i - 1))) {
                i--; // the ReLU's gradient is applied by the layer before it
            }
            d = layers.get(i).backward(d);
        }
        return d;
    }

    /** Whether a fusing layer's last forward applied the ReLU after it (not if the layers were run one by one). */
    private static boolean appliedRelu(Layer l) {
        return l instanceof Conv2D c ? c.reluApplied() : ((Dense) l).reluApplied();
    }

    /**
     * An independent model of the same layers on the same backend, with copies of the weights,
     * buffers and random state: for threads that each need their own model (a layer holds per-call
     * state), such as parallel numerical gradients or concurrent prediction. Closing one leaves the
     * other intact.
     */
    @Override
    public Sequential copy() {
        List<Layer> copies = new ArrayList<>(layers.size());
        try {
            for (Layer l : layers) {
                copies.add(l.copy());
            }
        } catch (RuntimeException e) {
            copies.forEach(Layer::close);
            throw e;
        }
        return new Sequential(name, backend, dtype, inputShape, copies);
    }

    /** Inference: forward without training-only behaviour (dropout off). */
    public Tensor predict(Tensor x) {
        return forward(x, false);
    }

    /** A Keras-style table: layer, output shape, parameter count. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-14s %-22s %10s%n", "layer", "output shape", "params"));
        Shape s = inputShape == null ? null : batched(inputShape, 1);
        for (Layer l : layers) {
            long n = 0;
            for (Parameter p : l.parameters()) {
                n += p.size();
            }
            String shape = "?";
            if (s != null) {
                s = l.outputShape(s);
                int[] d = s.dims();
                StringBuilder sh = new StringBuilder("[batch");
                for (int i = 1; i < d.length; i++) {
                    sh.append(", ").append(d[i]);
                }
                shape = sh.append(']').toString();
            }
            sb.append(String.format("%-14s %-22s %10d%n", l.name() + " " + l.getClass().getSimpleName(), shape, n));
        }
        sb.append(String.format("total parameters: %d (%s)%n", parameterCount(), dtype));
        return sb.toString();
    }

    @Override
    public void close() {
        for (Layer l : layers) {
            l.close();
        }
    }

    /** Builds a model layer by layer, inferring each Dense layer's input size and naming layers. */
    public static final class Builder {
        private final Backend backend;
        private final DType dtype;
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, Integer> counters = new HashMap<>();
        private Shape input;
        private Shape current;
        private long seed = 42;
        private Initializer initializer = Initializer.normal(0.01);
        private Initializer biasInitializer = Initializer.zeros();

        private Builder(Backend backend, DType dtype) {
            this.backend = backend;
            this.dtype = dtype;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Initializer for the Dense layers added after this call (default normal(0.01)). */
        public Builder initializer(Initializer init) {
            this.initializer = init;
            return this;
        }

        /** Bias initializer for the Dense and Conv2D layers added after this call (default zeros). */
        public Builder biasInitializer(Initializer init) {
            this.biasInitializer = init;
            return this;
        }

        /** PyTorch's default initialisation (weights and biases U(+-1/sqrt(fanIn))) for the layers added after this call. */
        public Builder pytorchInit() {
            return initializer(Initializer.pytorchDefault()).biasInitializer(Initializer.pytorchDefault());
        }

        /**
         * Per-example input shape, e.g. {@code input(784)}, or {@code input(1, 28, 28)} (channels,
         * height, width) for convolutional layers.
         */
        public Builder input(int... dims) {
            input = Shape.of(dims);
            current = batched(input, 1);
            return this;
        }

        private String next(String kind) {
            int n = counters.merge(kind, 1, Integer::sum);
            return kind + n;
        }

        public Builder dense(int units) {
            if (current == null) {
                throw new IllegalStateException("call input(...) before the first dense layer");
            }
            if (current.rank() != 2) {
                throw new IllegalArgumentException("dense after input " + current + " needs flatten() first");
            }
            long layerSeed = seed * 1_000_003L + layers.size();
            return add(new Dense(next("dense"), backend, dtype, current.cols(), units, initializer, biasInitializer,
                    layerSeed));
        }

        /** A convolution with a square kernel, stride 1 and the given padding. */
        public Builder conv2d(int filters, int kernel, Padding padding) {
            return conv2d(filters, kernel, kernel, Conv2D.Options.defaults().padding(padding));
        }

        /** A convolution; the input must be [batch, channels, height, width]. */
        public Builder conv2d(int filters, int kernelH, int kernelW, Conv2D.Options options) {
            if (current == null || current.rank() != 4) {
                throw new IllegalArgumentException("conv2d needs images [batch, channels, height, width] as input, got "
                        + current + ": call input(channels, height, width) first");
            }
            long layerSeed = seed * 1_000_003L + layers.size();
            return add(new Conv2D(next("conv"), backend, dtype, current.dim(1), filters, kernelH, kernelW, options,
                    initializer, biasInitializer, layerSeed));
        }

        /** Max pooling with a square window, stride = size (PyTorch's and Keras's default). */
        public Builder maxPool(int size) {
            return maxPool(size, size);
        }

        public Builder maxPool(int size, int stride) {
            return maxPool(size, stride, 0);
        }

        /** Max pooling with zero padding of {@code pad} (at most size / 2) on each side, padding never the max. */
        public Builder maxPool(int size, int stride, int pad) {
            return add(new MaxPool2D(next("maxpool"), size, stride, pad));
        }

        public Builder avgPool(int size) {
            return avgPool(size, size);
        }

        public Builder avgPool(int size, int stride) {
            return avgPool(size, stride, 0);
        }

        public Builder avgPool(int size, int stride, int pad) {
            return add(new AvgPool2D(next("avgpool"), size, stride, pad));
        }

        public Builder globalAvgPool() {
            return add(new GlobalAvgPool2D(next("globalavgpool")));
        }

        /** Reshapes each example to {@code dims} (a view). */
        public Builder reshape(int... dims) {
            return add(new Reshape(next("reshape"), dims));
        }

        public Builder relu() {
            return add(new ReLU(next("relu")));
        }

        public Builder sigmoid() {
            return add(new Sigmoid(next("sigmoid")));
        }

        public Builder tanh() {
            return add(new Tanh(next("tanh")));
        }

        public Builder leakyRelu(double slope) {
            return add(new LeakyReLU(next("leakyrelu"), slope));
        }

        public Builder softmax() {
            return add(new Softmax(next("softmax")));
        }

        /** Batch normalisation of the current features [batch, C] or channels [batch, C, H, W]. */
        public Builder batchNorm() {
            return batchNorm(0.1, 1e-5);
        }

        /** With PyTorch's momentum convention (the weight of the batch statistics) and epsilon. */
        public Builder batchNorm(double momentum, double eps) {
            if (current == null || !(current.rank() == 2 || current.rank() == 4)) {
                throw new IllegalArgumentException("batchNorm needs [batch, features] or [batch, channels, height,"
                        + " width] before it, got " + current);
            }
            return add(new BatchNorm(next("batchnorm"), backend, dtype, current.dim(1), momentum, eps));
        }

        public Builder dropout(double p) {
            return add(new Dropout(next("dropout"), p, seed * 31 + layers.size()));
        }

        public Builder flatten() {
            return add(new Flatten(next("flatten")));
        }

        /** Adds an activation by name: relu, sigmoid, tanh, leakyrelu, softmax. */
        public Builder activation(String kind) {
            switch (kind.toLowerCase(java.util.Locale.ROOT)) {
                case "relu": return relu();
                case "sigmoid": return sigmoid();
                case "tanh": return tanh();
                case "leakyrelu": return leakyRelu(0.01);
                case "softmax": return softmax();
                default: throw new IllegalArgumentException("unknown activation '" + kind
                        + "' (expected relu, sigmoid, tanh, leakyrelu or softmax)");
            }
        }

        /** Adds any layer; its output shape is checked against the current one right away. */
        public Builder add(Layer layer) {
            if (current != null) {
                current = layer.outputShape(current);
            }
            layers.add(layer);
            return this;
        }

        public Sequential build() {
            return new Sequential("model", backend, dtype, input, layers);
        }
    }
}
