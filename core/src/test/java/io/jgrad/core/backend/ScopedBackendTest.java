package io.jgrad.core.backend;

import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the suites every backend runs: gets the backend under test before each test (which may
 * skip it by a JUnit assumption), and owns, through a {@link TensorScope}, every tensor the test
 * hands to {@link #track}; the scope closes them afterwards.
 */
public abstract class ScopedBackendTest {
    private TensorScope scope;

    /** The backend under test; called once per test. */
    protected abstract Backend backend();

    /** Set before each test. */
    protected Backend backend;

    @BeforeEach
    void openScope() {
        backend = backend();
        scope = new TensorScope();
    }

    /** Frees {@code t} when the test ends. */
    protected Tensor track(Tensor t) {
        return scope.add(t);
    }

    /** The test's scope, for resources other than tensors. */
    protected TensorScope scope() {
        return scope;
    }

    @AfterEach
    void closeScope() {
        if (scope != null) { // null when the backend was skipped by an assumption
            scope.close();
        }
    }
}
