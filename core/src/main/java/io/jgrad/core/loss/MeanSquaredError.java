package io.jgrad.core.loss;

import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Tensor;

/** {@code L = 1/2 * mean((h - y)^2)} over all elements; {@code dL/dh = (h - y) / n}. */
public final class MeanSquaredError implements Loss {
    private final ReusableTensor diff = new ReusableTensor();
    private final ReusableTensor grad = new ReusableTensor();
    private Tensor lastDiff;

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double forward(Tensor prediction, Tensor target) {
        if (prediction.size() != target.size()) {
            throw new IllegalArgumentException("mse: prediction " + prediction.shape() + " and target "
                    + target.shape() + " differ in size");
        }
        lastDiff = diff.like(prediction);
        prediction.backend().sub(prediction, target, lastDiff);
        return 0.5 * prediction.backend().dot(lastDiff, lastDiff) / prediction.size();
    }

    @Override
    public Tensor backward() {
        if (lastDiff == null) {
            throw new IllegalStateException("mse: backward before forward");
        }
        Tensor g = grad.like(lastDiff);
        lastDiff.backend().scaleShift(lastDiff, 1.0 / lastDiff.size(), 0, g);
        return g;
    }

    @Override
    public void close() {
        diff.close();
        grad.close();
    }

    @Override
    public MeanSquaredError copy() {
        return new MeanSquaredError();
    }
}
