package io.jgrad.core.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.tensor.Tensor;

/**
 * Updates parameters from their gradients. Per-parameter state (velocity, Adam moments) is created
 * on the first step, in parameter order, and exposed by name for checkpoints. The optimizer owns
 * that state: {@link #close()} frees it (the parameters belong to their model).
 */
public abstract class Optimizer implements AutoCloseable {
    private final List<Tensor[]> slots = new ArrayList<>();
    protected double learningRate;
    protected final double weightDecay;
    private long steps;

    protected Optimizer(double learningRate, double weightDecay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /** Names of the state tensors kept per parameter ("velocity"; "m", "v"). */
    protected abstract String[] slotNames();

    /** One update of {@code p}; {@code state} holds this parameter's slots, {@code t} the step (>= 1). */
    protected abstract void update(Parameter p, Tensor[] state, long t);

    public final void step(List<Parameter> parameters) {
        ensureSlots(parameters);
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            update(parameters.get(i), slots.get(i), steps);
        }
    }

    public long steps() {
        return steps;
    }

    public double learningRate() {
        return learningRate;
    }

    public void setLearningRate(double lr) {
        this.learningRate = lr;
    }

    /** State tensors by name ("dense1.W/m"), created if the optimizer has not stepped yet. */
    public Map<String, Tensor> state(List<Parameter> parameters) {
        ensureSlots(parameters);
        Map<String, Tensor> out = new LinkedHashMap<>();
        String[] names = slotNames();
        for (int i = 0; i < parameters.size(); i++) {
            for (int s = 0; s < names.length; s++) {
                out.put(parameters.get(i).name() + "/" + names[s], slots.get(i)[s]);
            }
        }
        return out;
    }

    /** Restores the step count after loading state (checkpoint resume). */
    public void setSteps(long steps) {
        this.steps = steps;
    }

    private void ensureSlots(List<Parameter> parameters) {
        if (slots.size() == parameters.size()) {
            return;
        }
        if (!slots.isEmpty()) {
            throw new IllegalStateException("optimizer was used with " + slots.size() + " parameters, now "
                    + parameters.size());
        }
        int n = slotNames().length;
        for (Parameter p : parameters) {
            Tensor[] s = new Tensor[n];
            for (int k = 0; k < n; k++) {
                s[k] = p.value().backend().zeros(p.value().shape(), p.value().dtype());
            }
            slots.add(s);
        }
    }

    @Override
    public void close() {
        for (Tensor[] s : slots) {
            for (Tensor t : s) {
                t.close();
            }
        }
        slots.clear();
    }
}
