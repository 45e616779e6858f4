package io.jgrad.core.tensor;

/**
 * Memory a backend allocated for one tensor (a Java array, a device pointer). Only the backend that
 * made it reads it; core only frees it and asks whether it is still alive.
 */
public interface Storage {
    /** Gives the memory back. Called exactly once, by the owning tensor's close. */
    void free();
}
