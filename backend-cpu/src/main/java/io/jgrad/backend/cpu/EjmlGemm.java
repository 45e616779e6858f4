package io.jgrad.backend.cpu;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * GEMM through EJML, multithreaded above a size threshold: the float32 path when the Vector API is
 * absent, and the float64 path always (float64 serves gradient checks, where clarity beats speed).
 * The matrix wrappers are reused, so a call allocates nothing of its own; that makes an instance
 * unsafe to share, and the backend keeps one per calling thread ({@link CpuWorkspace}). Large float32
 * products split the rows of C across the backend's own worker pool, each part running EJML's
 * single-threaded product on copies of its rows, which allocates nothing once warm.
 */
final class EjmlGemm implements Sgemm, Dgemm, WorkerPool.Job {
    private static final long PARALLEL_FLOPS = 1L << 18;

    private final FMatrixRMaj fa = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj fb = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj fc = new FMatrixRMaj(1, 1);
    private final DMatrixRMaj da = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj db = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dc = new DMatrixRMaj(1, 1);
    private final boolean parallel;

    private final WorkerPool pool;
    // The float32 row split: call state and per-part copies of op(A)'s and C's rows, grown on demand
    // and reused, so a warm call allocates nothing (EJML's own multithreaded products allocate tasks).
    private final float[][] partA;
    private final float[][] partC;
    private final FMatrixRMaj[] viewA;
    private final FMatrixRMaj[] viewC;
    private boolean sTa;
    private boolean sTb;
    private int sM;
    private int sN;
    private int sK;
    private float sAlpha;
    private float[] sA;
    private float[] sC;

    EjmlGemm(WorkerPool pool) {
        this.pool = pool;
        this.parallel = pool.threads() > 1;
        int t = pool.threads();
        partA = new float[t][];
        partC = new float[t][];
        viewA = new FMatrixRMaj[t];
        viewC = new FMatrixRMaj[t];
        for (int i = 0; i < t; i++) {
            viewA[i] = new FMatrixRMaj(1, 1);
            viewC[i] = new FMatrixRMaj(1, 1);
        }
    }

    /** C (already scaled by beta) += alpha op(A) op(B), rows of C split across the pool's threads. */
    private void rowSplit(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        sTa = ta;
        sTb = tb;
        sM = m;
        sN = n;
        sK = k;
        sAlpha = alpha;
        sA = a;
        sC = c;
        pool.run(this, Math.min(pool.threads(), m));
        sA = null;
        sC = null;
    }

    @Override
    public void run(int part, int parts) {
        int r0 = (int) ((long) sM * part / parts);
        int r1 = (int) ((long) sM * (part + 1) / parts);
        int rows = r1 - r0;
        if (rows == 0) {
            return;
        }
        float[] pa = partA[part];
        if (pa == null || pa.length < rows * sK) {
            pa = partA[part] = new float[rows * sK];
        }
        float[] pc = partC[part];
        if (pc == null || pc.length < rows * sN) {
            pc = partC[part] = new float[rows * sN];
        }
        if (sTa) { // op(A) rows r0..r1 are columns of A ([k, m]): gather them
            for (int i = 0; i < rows; i++) {
                for (int kk = 0; kk < sK; kk++) {
                    pa[i * sK + kk] = sA[kk * sM + r0 + i];
                }
            }
        } else {
            System.arraycopy(sA, r0 * sK, pa, 0, rows * sK);
        }
        System.arraycopy(sC, r0 * sN, pc, 0, rows * sN);
        view(viewA[part], pa, rows, sK);
        view(viewC[part], pc, rows, sN);
        if (sTb) {
            CommonOps_FDRM.multAddTransB(sAlpha, viewA[part], fb, viewC[part]);
        } else {
            CommonOps_FDRM.multAdd(sAlpha, viewA[part], fb, viewC[part]);
        }
        System.arraycopy(pc, 0, sC, r0 * sN, rows * sN);
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
        if (parallel && (long) m * n * k >= PARALLEL_FLOPS && m >= 2) {
            rowSplit(ta, tb, m, n, k, alpha, a, b, c);
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
