package io.jgrad.core.nn;

import java.util.List;
import java.util.Map;

import io.jgrad.core.tensor.Tensor;

/** What every {@link Layer#copy()} shares: carrying parameters, buffers and random state over. */
final class LayerCopies {
    private LayerCopies() {
    }

    /** Copies {@code from}'s parameter values, buffers and random state into {@code to}; returns {@code to}. */
    static <T extends Layer> T withStateOf(Layer from, T to) {
        List<Parameter> source = from.parameters();
        List<Parameter> target = to.parameters();
        if (source.size() != target.size()) {
            throw new IllegalStateException("copy of layer " + from.name() + " has " + target.size()
                    + " parameters, the original " + source.size());
        }
        for (int i = 0; i < source.size(); i++) {
            copy(source.get(i).value(), target.get(i).value());
        }
        Map<String, Tensor> targetBuffers = to.buffers();
        for (Map.Entry<String, Tensor> e : from.buffers().entrySet()) {
            copy(e.getValue(), targetBuffers.get(e.getKey()));
        }
        to.setRandomState(from.randomState());
        return to;
    }

    private static void copy(Tensor src, Tensor dst) {
        dst.backend().copy(src, dst);
    }
}
