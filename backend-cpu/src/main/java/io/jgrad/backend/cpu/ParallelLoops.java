package io.jgrad.backend.cpu;

/**
 * Runs the float32 optimizer updates of parameter-sized tensors on all cores. Beyond the
 * arithmetic, the cut (from {@link RowSplit}) keeps data where the GEMMs want it: the core that
 * computed a slice of a weight gradient updates that slice and later multiplies by it, so no half
 * of a 784 x 100 matrix crosses between cores each step. State lives in fields: dispatch
 * allocates nothing. Not thread-safe: the backend keeps one per calling thread ({@link CpuWorkspace}).
 */
final class ParallelLoops implements WorkerPool.Job {
    /** Below this many elements one core finishes before the others would have started. */
    static final int MIN_ELEMENTS = 1 << 14;

    private enum Kind { AXPY, MOMENTUM, ADAM }

    private final WorkerPool pool;
    private Kind kind;
    private int rows;
    private int cols;
    private float[] p;
    private float[] g;
    private float[] s1;
    private float[] s2;
    private float lr;
    private float h1;
    private float h2;
    private float c1;
    private float c2;
    private float eps;
    private float wd;

    ParallelLoops(WorkerPool pool) {
        this.pool = pool;
    }

    /** y += alpha x over a rows x cols tensor. */
    void axpy(float alpha, float[] x, float[] y, int rows, int cols) {
        this.g = x;
        this.p = y;
        this.lr = alpha;
        dispatch(Kind.AXPY, rows, cols);
    }

    void momentum(float[] p, float[] g, float[] v, float lr, float mu, float wd, int rows, int cols) {
        this.p = p;
        this.g = g;
        this.s1 = v;
        this.lr = lr;
        this.h1 = mu;
        this.wd = wd;
        dispatch(Kind.MOMENTUM, rows, cols);
    }

    void adam(float[] p, float[] g, float[] m, float[] v, float lrT, float beta1, float c1, float beta2, float c2,
              float eps, float wd, int rows, int cols) {
        this.c1 = c1;
        this.c2 = c2;
        this.p = p;
        this.g = g;
        this.s1 = m;
        this.s2 = v;
        this.lr = lrT;
        this.h1 = beta1;
        this.h2 = beta2;
        this.eps = eps;
        this.wd = wd;
        dispatch(Kind.ADAM, rows, cols);
    }

    private void dispatch(Kind kind, int rows, int cols) {
        this.kind = kind;
        this.rows = rows;
        this.cols = cols;
        long size = (long) rows * cols;
        if (size < MIN_ELEMENTS || pool.threads() == 1 || rows < 2 * RowSplit.TILE) {
            run(0, 1);
        } else {
            pool.run(this, pool.threads());
        }
        p = g = s1 = s2 = null;
    }

    @Override
    public void run(int part, int parts) {
        int from = RowSplit.start(rows, RowSplit.TILE, part, parts) * cols;
        int to = RowSplit.start(rows, RowSplit.TILE, part + 1, parts) * cols;
        switch (kind) {
            case AXPY -> FloatOps.axpy(lr, g, p, from, to);
            case MOMENTUM -> FloatOps.momentumStep(p, g, s1, lr, h1, wd, from, to);
            default -> FloatOps.adamStep(p, g, s1, s2, lr, h1, c1, h2, c2, eps, wd, from, to);
        }
    }
}
