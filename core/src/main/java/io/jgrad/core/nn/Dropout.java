package io.jgrad.core.nn;

import io.jgrad.core.backend.CounterRng;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Inverted dropout: in training, zeroes each value with probability p and scales the rest by
 * 1/(1-p); at inference it passes the input through. Masks come from (seed, call count), so a run
 * is reproducible on any backend.
 */
public final class Dropout implements Layer {
    private final String name;
    private final double p;
    private final long seed;
    private final ReusableTensor mask = new ReusableTensor();
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private long calls;
    private boolean masked;

    public Dropout(String name, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("layer " + name + ": dropout probability must be in [0, 1), got " + p);
        }
        this.name = name;
        this.p = p;
        this.seed = seed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long randomState() {
        return calls;
    }

    @Override
    public void setRandomState(long state) {
        calls = state;
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        masked = training && p > 0;
        if (!masked) {
            return x;
        }
        Tensor m = mask.get(x.backend(), x.shape(), x.dtype());
        x.backend().dropoutMask(m, p, CounterRng.mix(seed, calls++));
        Tensor y = output.get(x.backend(), x.shape(), x.dtype());
        x.backend().mul(x, m, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (!masked) {
            return dout;
        }
        Tensor m = mask.get(dout.backend(), dout.shape(), dout.dtype());
        Tensor dx = inputGrad.get(dout.backend(), dout.shape(), dout.dtype());
        dout.backend().mul(dout, m, dx);
        return dx;
    }

    @Override
    public void close() {
        mask.close();
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": Dropout(" + p + ")";
    }

    @Override
    public Dropout copy() {
        return LayerCopies.withStateOf(this, new Dropout(name, p, seed));
    }
}
