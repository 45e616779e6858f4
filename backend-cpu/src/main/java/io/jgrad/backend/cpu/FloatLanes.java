package io.jgrad.backend.cpu;

/**
 * float32 kernels that the JIT does not vectorize by itself on Java 17 (a select on a comparison
 * compiles to scalar conditional moves or branches there). The Vector API implementation
 * ({@link VectorFloatLanes}) is loaded only where the incubator module is present; elsewhere the
 * plain loops in {@link FloatOps} and {@link FloatConvOps} run.
 */
interface FloatLanes {
    /** dx = x > 0 ? dout : 0 over [from, to): ReLU's gradient, NaN in x giving 0 as the scalar loop. */
    void reluBackward(float[] x, float[] dout, float[] dx, int from, int to);

    /**
     * 2x2 max pooling at stride 2 without padding over planes [q0, q1) of h x w, w even: the max
     * and its flat in-plane index (first max in row-major window order, the first NaN winning), as
     * {@link FloatConvOps#maxPool} computes them.
     */
    void maxPool2x2(float[] x, int h, int w, float[] out, float[] argmax, int q0, int q1);
}
