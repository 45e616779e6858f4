package io.jgrad.core.train;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Tensor;

/** Fills every parameter's gradient for one batch and returns the batch loss. */
@FunctionalInterface
public interface GradientMethod {
    double computeGradients(Sequential model, Loss loss, Tensor x, Tensor target);

    /** Backpropagation: one forward and one backward pass, O(N) in the parameter count. */
    GradientMethod BACKPROP = (model, loss, x, target) -> {
        Tensor out = model.forward(x, true);
        double value = loss.forward(out, target);
        model.backward(loss.backward());
        return value;
    };
}
