package io.jgrad.backend.cpu;

/** float32 row-major GEMM: {@code c = alpha * op(a) * op(b) + beta * c}, c is m x n. */
interface Sgemm {
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
               float beta, float[] c);

    /** One word for logs: which implementation this is. */
    String kind();
}
