package io.jgrad.backend.cuda;

/** A CUDA or cuBLAS call failed; the message names the call and the error. */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CudaException(String message) {
        super(message);
    }
}
