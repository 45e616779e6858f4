package io.jgrad.backend.cpu;

import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Storage;

/** A Java array holding one tensor: exactly one of {@code f} and {@code d} is set. */
final class CpuStorage implements Storage {
    final float[] f;
    final double[] d;

    CpuStorage(DType dtype, int size) {
        f = dtype == DType.FLOAT32 ? new float[size] : null;
        d = dtype == DType.FLOAT64 ? new double[size] : null;
    }

    @Override
    public void free() {
        // The garbage collector reclaims the array; the tensor's closed flag guards reuse.
    }
}
