package io.jgrad.core.nn;

import java.util.List;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * One differentiable step of a network. {@link #forward} caches what {@link #backward} needs;
 * both return buffers the layer owns and reuses on the next call (so a training step allocates
 * nothing): read them before the next call, never close them.
 *
 * <p>A layer owns its parameters (values and gradients) and its buffers; {@link #close()} frees
 * them all. A layer holds per-call state, so one model is used by one thread at a time; threads
 * that predict concurrently each use their own model (on one shared backend).
 */
public interface Layer extends AutoCloseable {

    /** Stable name, unique inside a model ({@code dense1}, {@code relu1}). */
    String name();

    /** The output shape for an input of shape {@code input} (first dimension: batch). */
    Shape outputShape(Shape input);

    Tensor forward(Tensor x, boolean training);

    /** Accumulates nothing: overwrites parameter gradients with those of this batch, returns dL/dx. */
    Tensor backward(Tensor dout);

    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that is not trained by gradients but belongs to the model (BatchNorm's running
     * statistics), by name: saved in checkpoints and state dicts. Owned and freed by the layer.
     */
    default java.util.Map<String, Tensor> buffers() {
        return java.util.Map.of();
    }

    /**
     * The counter behind this layer's training-time randomness (Dropout's masks are a function of
     * its seed and this counter); 0 for deterministic layers.
     */
    default long randomState() {
        return 0;
    }

    /** Rewinds (or advances) {@link #randomState()}: the next forward draws what it drew at that state. */
    default void setRandomState(long state) {
    }

    /** Told by the container when no one needs dL/dx, so the layer may skip computing it. */
    default void setInputGradientNeeded(boolean needed) {
    }

    /**
     * A new, independent layer of the same configuration on the same backend, holding copies of
     * this layer's parameters, buffers and random state (not its per-call caches): one per thread
     * where threads each need their own model. Layers that cannot be copied say so.
     */
    default Layer copy() {
        throw new UnsupportedOperationException("layer " + name() + " (" + getClass().getName()
                + ") cannot be copied: it does not implement Layer.copy()");
    }

    @Override
    default void close() {
        for (Parameter p : parameters()) {
            p.close();
        }
    }
}
