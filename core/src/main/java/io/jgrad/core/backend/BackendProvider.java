package io.jgrad.core.backend;

/**
 * Service-provider interface: a backend module registers an implementation in
 * {@code META-INF/services/io.jgrad.core.backend.BackendProvider}; {@link Backends} finds it with
 * {@link java.util.ServiceLoader}.
 */
public interface BackendProvider {

    /** The name users select it by ({@code -Djgrad.backend=NAME}). */
    String name();

    /** Higher wins when the choice is {@code auto}. */
    int priority();

    /**
     * Probes whether {@link #create()} will work on this machine. Must not throw nor crash the JVM;
     * a failed probe returns {@link Availability#unavailable(String)} naming the reason.
     */
    Availability availability();

    /** Creates the backend; only called after {@link #availability()} said it is available. */
    Backend create();
}
