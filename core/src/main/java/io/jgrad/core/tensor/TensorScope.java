package io.jgrad.core.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Frees every tensor created inside it when closed, like DJL's NDManager. Scopes nest per thread;
 * a tensor belongs to the innermost open scope of the thread that created it. {@link #keep(Tensor)}
 * moves a tensor out so that it outlives the scope.
 *
 * <pre>{@code
 * try (TensorScope scope = TensorScope.open()) {
 *     Tensor t = backend.zeros(Shape.of(2, 3), DType.FLOAT32);
 *     ...
 * } // t is freed here
 * }</pre>
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private TensorScope() {
    }

    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        OPEN.get().push(scope);
        return scope;
    }

    static void adopt(Tensor t) {
        TensorScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.owned.add(t);
        }
    }

    /** Takes {@code t} out of this scope so that closing the scope leaves it alive. */
    public Tensor keep(Tensor t) {
        owned.remove(t);
        return t;
    }

    public int size() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a TensorScope must be closed by the thread that opened it");
        }
        closed = true;
        Deque<TensorScope> stack = OPEN.get();
        stack.remove(this);
        RuntimeException first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        owned.clear();
        if (first != null) {
            throw first;
        }
    }
}
