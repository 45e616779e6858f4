package io.jgrad.datasets;

import java.io.IOException;

/** The data could be neither found locally nor downloaded; the message says what to put where. */
public class DataNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
