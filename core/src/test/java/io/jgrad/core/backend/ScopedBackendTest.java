package io.jgrad.core.backend;

import io.jgrad.core.tensor.TensorScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the suites every backend runs: gets the backend under test before each test (which may
 * skip it by a JUnit assumption) and frees every tensor the test made afterwards.
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
        scope = TensorScope.open();
    }

    @AfterEach
    void closeScope() {
        if (scope != null) { // null when the backend was skipped by an assumption
            scope.close();
        }
    }
}
