package io.jgrad.spark;

import java.util.List;

import io.jgrad.core.tensor.Tensor;

/**
 * Moves a list of tensors to and from one flat float array: the form in which state crosses the
 * network (one array per message, no per-tensor objects).
 */
final class TensorPack {
    private TensorPack() {
    }

    static int size(List<Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors) {
            n += t.size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model state of " + n + " values does not fit one array");
        }
        return (int) n;
    }

    static float[] gather(List<Tensor> tensors) {
        float[] out = new float[size(tensors)];
        int at = 0;
        for (Tensor t : tensors) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    static void scatter(float[] values, List<Tensor> tensors) {
        scatter(values, 0, values.length, tensors);
    }

    /** Writes values[from, to) into {@code tensors}, which must hold exactly that many values. */
    static void scatter(float[] values, int from, int to, List<Tensor> tensors) {
        int expected = size(tensors);
        if (to - from != expected) {
            throw new IllegalArgumentException("state of " + (to - from) + " values does not fit "
                    + expected + " (the model factory must build the same architecture everywhere)");
        }
        int at = from;
        for (Tensor t : tensors) {
            float[] part = java.util.Arrays.copyOfRange(values, at, at + t.size());
            t.backend().write(t, part);
            at += t.size();
        }
    }
}
