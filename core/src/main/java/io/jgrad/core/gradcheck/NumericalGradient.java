package io.jgrad.core.gradcheck;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.train.GradientMethod;

/**
 * Gradients by forward differences {@code (L(p + eps) - L(p)) / eps}: one extra forward pass per
 * scalar parameter, so a step costs O(N) forward passes, O(N^2) in all, against backprop's O(N).
 * For comparison and teaching; pass it to {@code Trainer.Builder.gradients}.
 */
public final class NumericalGradient implements GradientMethod {
    private final double epsilon;

    public NumericalGradient() {
        this(1e-4);
    }

    public NumericalGradient(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public double computeGradients(Sequential model, Loss loss, Tensor x, Tensor target) {
        double base = loss.forward(model.forward(x, false), target);
        for (Parameter p : model.parameters()) {
            Tensor v = p.value();
            Tensor g = p.grad();
            for (int i = 0; i < v.size(); i++) {
                double orig = v.get(i);
                v.set(i, orig + epsilon);
                double shifted = loss.forward(model.forward(x, false), target);
                v.set(i, orig);
                g.set(i, (shifted - base) / epsilon);
            }
        }
        return base;
    }
}
