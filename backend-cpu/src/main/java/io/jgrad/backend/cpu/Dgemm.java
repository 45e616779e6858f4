package io.jgrad.backend.cpu;

/** float64 row-major GEMM: {@code c = alpha * op(a) * op(b) + beta * c}, c is m x n. */
interface Dgemm {
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
               double beta, double[] c);

    /** One word for logs: which implementation this is. */
    String kind();
}
