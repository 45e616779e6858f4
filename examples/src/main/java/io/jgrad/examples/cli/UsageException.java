package io.jgrad.examples.cli;

/** A wrong command line: printed as one short message, exit code 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
