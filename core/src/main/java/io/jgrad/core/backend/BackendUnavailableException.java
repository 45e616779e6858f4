package io.jgrad.core.backend;

/** A backend that was asked for by name cannot run here; the message says why and what can. */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
