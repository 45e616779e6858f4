package io.jgrad.core.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Batch normalisation of dense features [N, C] or conv channels [N, C, H, W], as PyTorch's
 * BatchNorm1d/2d: in training, each channel is normalised by its batch mean and (biased) variance,
 * then scaled by {@code gamma} and shifted by {@code beta}, and the running statistics move by
 * {@code momentum} toward the batch's ({@code running = (1 - momentum) running + momentum batch},
 * the running variance unbiased); in evaluation the running statistics are used. Defaults as
 * PyTorch: momentum 0.1, epsilon 1e-5. The running statistics are buffers: saved in checkpoints and
 * in {@code stateDict()} as {@code NAME.running_mean} and {@code NAME.running_var}.
 */
public final class BatchNorm implements Layer {
    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final int channels;
    private final double momentum;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor batchMean;
    private final Tensor batchVar;
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private Tensor x;
    private boolean trainedForward;

    public BatchNorm(String name, Backend backend, DType dtype, int channels) {
        this(name, backend, dtype, channels, 0.1, 1e-5);
    }

    public BatchNorm(String name, Backend backend, DType dtype, int channels, double momentum, double eps) {
        if (channels <= 0) {
            throw new IllegalArgumentException("layer " + name + ": channels must be positive, got " + channels);
        }
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("layer " + name + ": momentum must be in [0, 1] and epsilon positive, got "
                    + momentum + ", " + eps);
        }
        this.name = name;
        this.backend = backend;
        this.dtype = dtype;
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        Shape c = Shape.of(channels);
        this.gamma = new Parameter(name + ".gamma", backend.ones(c, dtype));
        this.beta = new Parameter(name + ".beta", backend.zeros(c, dtype));
        this.runningMean = backend.zeros(c, dtype);
        this.runningVar = backend.ones(c, dtype);
        this.batchMean = backend.zeros(c, dtype);
        this.batchVar = backend.zeros(c, dtype);
    }

    @Override
    public String name() {
        return name;
    }

    public int channels() {
        return channels;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return eps;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, Tensor> buffers() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(name + ".running_mean", runningMean);
        m.put(name + ".running_var", runningVar);
        return m;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (!((input.rank() == 2 || input.rank() == 4) && input.dim(1) == channels)) {
            throw new IllegalArgumentException("layer " + name + " expects input [batch, " + channels + "] or [batch, "
                    + channels + ", height, width], got " + input);
        }
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Shape xs = x.shape();
        if (!((xs.rank() == 2 || xs.rank() == 4) && xs.dim(1) == channels)) {
            outputShape(xs); // throws, naming the layer
        }
        Tensor y = output.get(backend, xs, dtype);
        if (training) {
            backend.batchNorm(x, channels, gamma.value(), beta.value(), eps, batchMean, batchVar, y);
            long count = xs.size() / channels;
            backend.scaleShift(runningMean, 1 - momentum, 0, runningMean);
            backend.axpy(momentum, batchMean, runningMean);
            backend.scaleShift(runningVar, 1 - momentum, 0, runningVar);
            backend.axpy(momentum * (count > 1 ? (double) count / (count - 1) : 1), batchVar, runningVar);
        } else {
            backend.batchNormInference(x, channels, gamma.value(), beta.value(), runningMean, runningVar, eps, y);
        }
        this.x = x;
        this.trainedForward = training;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("layer " + name + ": backward before forward");
        }
        if (!trainedForward) {
            throw new IllegalStateException("layer " + name + ": backward after an evaluation-mode forward; train"
                    + " (and check gradients) in training mode, where batch statistics are used");
        }
        Shapes.requireSame(name, "output gradient", x.shape(), dout.shape());
        Tensor dx = inputGrad.get(backend, x.shape(), dtype);
        backend.batchNormBackward(x, channels, gamma.value(), batchMean, batchVar, eps, dout, dx, gamma.grad(),
                beta.grad());
        return dx;
    }

    @Override
    public void close() {
        Layer.super.close();
        runningMean.close();
        runningVar.close();
        batchMean.close();
        batchVar.close();
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": BatchNorm(" + channels + ", momentum " + momentum + ", eps " + eps + ")";
    }

    @Override
    public BatchNorm copy() {
        return LayerCopies.withStateOf(this, new BatchNorm(name, backend, dtype, channels, momentum, eps));
    }
}
