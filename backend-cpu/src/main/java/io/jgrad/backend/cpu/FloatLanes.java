package io.jgrad.backend.cpu;

/**
 * float32 elementwise kernels that the JIT does not vectorize by itself on Java 17 (a select on a
 * comparison compiles to scalar conditional moves there). The Vector API implementation
 * ({@link VectorFloatLanes}) is loaded only where the incubator module is present; elsewhere the
 * plain loops in {@link FloatOps} run.
 */
interface FloatLanes {
    /** dx = x > 0 ? dout : 0 over [from, to): ReLU's gradient, NaN in x giving 0 as the scalar loop. */
    void reluBackward(float[] x, float[] dout, float[] dx, int from, int to);
}
