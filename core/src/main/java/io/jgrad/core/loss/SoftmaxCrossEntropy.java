package io.jgrad.core.loss;

import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Tensor;

/**
 * Softmax and cross-entropy fused and numerically stable, over logits [batch, classes]. Targets are
 * either one-hot (or soft) rows of the same shape ({@link #oneHot()}) or one class index per row
 * ({@link #sparse()}, labels [batch] or [batch, 1]). {@code dL/dlogits = (p - t) / batch}.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private final boolean sparse;
    private final ReusableTensor probs = new ReusableTensor();
    private final ReusableTensor grad = new ReusableTensor();
    private Tensor lastProbs;
    private Tensor lastTarget;

    private SoftmaxCrossEntropy(boolean sparse) {
        this.sparse = sparse;
    }

    public static SoftmaxCrossEntropy oneHot() {
        return new SoftmaxCrossEntropy(false);
    }

    public static SoftmaxCrossEntropy sparse() {
        return new SoftmaxCrossEntropy(true);
    }

    public boolean isSparse() {
        return sparse;
    }

    @Override
    public boolean takesClassIndices() {
        return sparse;
    }

    @Override
    public String name() {
        return sparse ? "sparse_softmax_cross_entropy" : "softmax_cross_entropy";
    }

    @Override
    public double forward(Tensor logits, Tensor target) {
        lastProbs = probs.like(logits);
        lastTarget = target;
        return sparse ? logits.backend().sparseSoftmaxCrossEntropy(logits, target, lastProbs)
                : logits.backend().softmaxCrossEntropy(logits, target, lastProbs);
    }

    /** The probabilities of the last forward call. */
    public Tensor probabilities() {
        return lastProbs;
    }

    @Override
    public Tensor backward() {
        if (lastProbs == null) {
            throw new IllegalStateException(name() + ": backward before forward");
        }
        Tensor g = grad.like(lastProbs);
        double scale = 1.0 / lastProbs.rows();
        if (sparse) {
            g.backend().sparseSoftmaxCrossEntropyBackward(lastProbs, lastTarget, scale, g);
        } else {
            g.backend().softmaxCrossEntropyBackward(lastProbs, lastTarget, scale, g);
        }
        return g;
    }

    @Override
    public void close() {
        probs.close();
        grad.close();
    }

    @Override
    public SoftmaxCrossEntropy copy() {
        return new SoftmaxCrossEntropy(sparse);
    }
}
