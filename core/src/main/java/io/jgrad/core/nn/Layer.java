package io.jgrad.core.nn;

import java.util.List;

import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * One differentiable step of a network. {@link #forward} caches what {@link #backward} needs;
 * both return buffers the layer owns and reuses on the next call (so a training step allocates
 * nothing): read them before the next call, never close them.
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

    /** Told by the container when no one needs dL/dx, so the layer may skip computing it. */
    default void setInputGradientNeeded(boolean needed) {
    }

    @Override
    default void close() {
        for (Parameter p : parameters()) {
            p.close();
        }
    }
}
