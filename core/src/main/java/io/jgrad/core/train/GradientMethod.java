package io.jgrad.core.train;

import java.util.function.ObjDoubleConsumer;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Tensor;

/** Fills every parameter's gradient for one batch and returns the batch loss. */
@FunctionalInterface
public interface GradientMethod {
    double computeGradients(Sequential model, Loss loss, Tensor x, Tensor target);

    /** Backpropagation: one forward and one backward pass, O(N) in the parameter count. */
    GradientMethod BACKPROP = (model, loss, x, target) -> backprop(model, loss, x, target, null);

    /**
     * {@link #BACKPROP}, showing {@code output} (when not null) the forward pass's output and the
     * batch loss before the backward pass: what the trainer's running accuracy counts.
     */
    static double backprop(Sequential model, Loss loss, Tensor x, Tensor target, ObjDoubleConsumer<Tensor> output) {
        Tensor out = model.forward(x, true);
        double value = loss.forward(out, target);
        if (output != null) {
            output.accept(out, value);
        }
        model.backward(loss.backward());
        return value;
    }
}
