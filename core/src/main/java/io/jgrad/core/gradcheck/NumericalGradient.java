package io.jgrad.core.gradcheck;

import java.util.List;
import java.util.stream.IntStream;

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
    private final int threads;

    public NumericalGradient() {
        this(1e-4);
    }

    /** On as many threads as the model's backend runs usefully at once ({@code Backend.concurrency()}). */
    public NumericalGradient(double epsilon) {
        this.epsilon = positive(epsilon);
        this.threads = 0; // PerturbedLoss: the backend's concurrency
    }

    /**
     * On {@code threads} threads: the caller's on the model, each other one on a copy of it, made per
     * call (a copy costs one model's memory and about as long as a few dozen forward passes, against
     * one forward pass per parameter); a model with a layer that cannot be copied runs on one thread.
     */
    public NumericalGradient(double epsilon, int threads) {
        this.epsilon = positive(epsilon);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    private static double positive(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        return epsilon;
    }

    @Override
    public double computeGradients(Sequential model, Loss loss, Tensor x, Tensor target) {
        double base = loss.forward(model.forward(x, false), target);
        List<Parameter> params = model.parameters();
        int[][] all = new int[params.size()][];
        for (int p = 0; p < all.length; p++) {
            all[p] = IntStream.range(0, params.get(p).value().size()).toArray();
        }
        double[][][] shifted = new PerturbedLoss(model, loss, x, target, false, model.randomState(), threads)
                .evaluate(all, new double[] {epsilon});
        for (int p = 0; p < all.length; p++) {
            Tensor g = params.get(p).grad();
            for (int i = 0; i < all[p].length; i++) {
                g.set(i, (shifted[p][0][i] - base) / epsilon);
            }
        }
        return base;
    }
}
