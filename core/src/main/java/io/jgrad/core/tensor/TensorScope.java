package io.jgrad.core.tensor;

import java.util.ArrayList;
import java.util.List;

import io.jgrad.core.backend.Backend;

/**
 * An owner for short-lived tensors (and any other {@link AutoCloseable}): it owns exactly what was
 * created through it or handed to it with {@link #add}, and closing it closes those, newest first.
 * Nothing else is ever adopted: tensors a backend returns belong to the caller, and a model or
 * optimizer created while a scope is open is not the scope's business unless added.
 *
 * <pre>{@code
 * try (TensorScope scope = new TensorScope()) {
 *     Tensor a = scope.zeros(backend, Shape.of(2, 3), DType.FLOAT32);
 *     Tensor b = scope.add(backend.matmul(a, w));
 *     ...
 * } // a and b are freed here
 * }</pre>
 *
 * <p>A scope is not tied to a thread, but is not safe for concurrent use: one thread at a time.
 */
public final class TensorScope implements AutoCloseable {
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean closed;

    public TensorScope() {
    }

    /** Same as {@code new TensorScope()}. */
    public static TensorScope open() {
        return new TensorScope();
    }

    /** Takes ownership of {@code resource}: closing the scope closes it. Returns it for chaining. */
    public <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            throw new IllegalStateException("this TensorScope is closed");
        }
        owned.add(resource);
        return resource;
    }

    /** Gives {@code resource} back to the caller, who must close it; fails if the scope does not own it. */
    public <T extends AutoCloseable> T detach(T resource) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            if (owned.get(i) == resource) {
                owned.remove(i);
                return resource;
            }
        }
        throw new IllegalArgumentException("this scope does not own " + resource);
    }

    public Tensor zeros(Backend backend, Shape shape, DType dtype) {
        return add(backend.zeros(shape, dtype));
    }

    public Tensor full(Backend backend, Shape shape, DType dtype, double value) {
        return add(backend.full(shape, dtype, value));
    }

    public Tensor tensor(Backend backend, float[] data, Shape shape) {
        return add(backend.tensor(data, shape));
    }

    public Tensor tensor(Backend backend, double[] data, Shape shape) {
        return add(backend.tensor(data, shape));
    }

    /** How many resources this scope owns. */
    public int size() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        owned.clear();
        if (first != null) {
            throw first;
        }
    }
}
