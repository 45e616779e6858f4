package io.jgrad.backend.cpu;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * GEMM through EJML, multithreaded above a size threshold: the float32 path when the Vector API is
 * absent, and the float64 path always (float64 serves gradient checks, where clarity beats speed).
 * The matrix wrappers are reused, so a call allocates nothing of its own; that makes an instance
 * unsafe to share, and the backend keeps one per calling thread ({@link CpuWorkspace}).
 */
final class EjmlGemm implements Sgemm, Dgemm {
    private static final long PARALLEL_FLOPS = 1L << 18;

    private final FMatrixRMaj fa = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj fb = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj fc = new FMatrixRMaj(1, 1);
    private final DMatrixRMaj da = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj db = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dc = new DMatrixRMaj(1, 1);
    private final boolean parallel;

    EjmlGemm(int threads) {
        this.parallel = threads > 1;
    }

    @Override
    public String kind() {
        return "EJML";
    }

    @Override
    public void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float beta,
                      float[] c) {
        view(fa, a, ta ? k : m, ta ? m : k);
        view(fb, b, tb ? n : k, tb ? k : n);
        view(fc, c, m, n);
        // C = beta * C first (beta == 0 clears, so old NaNs never leak), then C += alpha * op(A) op(B).
        if (beta == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
        } else if (beta != 1) {
            for (int i = 0; i < m * n; i++) {
                c[i] *= beta;
            }
        }
        if (parallel && (long) m * n * k >= PARALLEL_FLOPS) {
            if (!ta && !tb) CommonOps_MT_FDRM.multAdd(alpha, fa, fb, fc);
            else if (ta && !tb) CommonOps_MT_FDRM.multAddTransA(alpha, fa, fb, fc);
            else if (!ta) CommonOps_MT_FDRM.multAddTransB(alpha, fa, fb, fc);
            else CommonOps_MT_FDRM.multAddTransAB(alpha, fa, fb, fc);
        } else {
            if (!ta && !tb) CommonOps_FDRM.multAdd(alpha, fa, fb, fc);
            else if (ta && !tb) CommonOps_FDRM.multAddTransA(alpha, fa, fb, fc);
            else if (!ta) CommonOps_FDRM.multAddTransB(alpha, fa, fb, fc);
            else CommonOps_FDRM.multAddTransAB(alpha, fa, fb, fc);
        }
    }

    @Override
    public void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, double[] b, double beta,
               double[] c) {
        view(da, a, ta ? k : m, ta ? m : k);
        view(db, b, tb ? n : k, tb ? k : n);
        view(dc, c, m, n);
        if (beta == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0.0);
        } else if (beta != 1) {
            for (int i = 0; i < m * n; i++) {
                c[i] *= beta;
            }
        }
        if (parallel && (long) m * n * k >= PARALLEL_FLOPS) {
            if (!ta && !tb) CommonOps_MT_DDRM.multAdd(alpha, da, db, dc);
            else if (ta && !tb) CommonOps_MT_DDRM.multAddTransA(alpha, da, db, dc);
            else if (!ta) CommonOps_MT_DDRM.multAddTransB(alpha, da, db, dc);
            else CommonOps_MT_DDRM.multAddTransAB(alpha, da, db, dc);
        } else {
            if (!ta && !tb) CommonOps_DDRM.multAdd(alpha, da, db, dc);
            else if (ta && !tb) CommonOps_DDRM.multAddTransA(alpha, da, db, dc);
            else if (!ta) CommonOps_DDRM.multAddTransB(alpha, da, db, dc);
            else CommonOps_DDRM.multAddTransAB(alpha, da, db, dc);
        }
    }

    /** Points a reusable wrapper at {@code data} as a rows x cols matrix. */
    private static void view(FMatrixRMaj w, float[] data, int rows, int cols) {
        w.data = data;
        w.numRows = rows;
        w.numCols = cols;
    }

    private static void view(DMatrixRMaj w, double[] data, int rows, int cols) {
        w.data = data;
        w.numRows = rows;
        w.numCols = cols;
    }
}
