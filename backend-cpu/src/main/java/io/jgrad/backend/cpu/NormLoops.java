package io.jgrad.backend.cpu;

/**
 * Runs batch normalisation on all cores, one range of channels per part (each channel's statistics
 * are a reduction over its own elements only). Call state lives in fields, so the backend keeps
 * one per calling thread ({@link CpuWorkspace}).
 */
final class NormLoops implements WorkerPool.Job {
    private static final long MIN_ELEMENTS = 1 << 15;
    /**
     * Planes (height x width) at least this long go to the Vector API's sums; dense features
     * (planes of one) and small maps stay on the plain loops, where a vector sum per plane would
     * cost more in setting up and adding lanes than it saves.
     */
    private static final int MIN_LANES_PLANE = 64;

    private enum Kind { FORWARD, INFERENCE, BACKWARD }

    private final WorkerPool pool;
    /** The Vector API's kernels (the channel sums on lanes), or null for the plain loops. */
    private final FloatLanes lanes;
    private Kind kind;
    private int n;
    private int c;
    private int s;
    private double eps;
    // x, gamma, beta, mean, var, y, dy, dx, dgamma, dbeta; one array set per dtype
    private final float[][] f = new float[10][];
    private final double[][] d = new double[10][];

    NormLoops(WorkerPool pool, FloatLanes lanes) {
        this.pool = pool;
        this.lanes = lanes;
    }

    void forward(CpuStorage x, CpuStorage gamma, CpuStorage beta, CpuStorage mean, CpuStorage var, CpuStorage y,
                 int n, int c, int s, double eps) {
        normalize(Kind.FORWARD, x, gamma, beta, mean, var, y, n, c, s, eps);
    }

    void inference(CpuStorage x, CpuStorage gamma, CpuStorage beta, CpuStorage mean, CpuStorage var, CpuStorage y,
                   int n, int c, int s, double eps) {
        normalize(Kind.INFERENCE, x, gamma, beta, mean, var, y, n, c, s, eps);
    }

    void backward(CpuStorage x, CpuStorage gamma, CpuStorage mean, CpuStorage var, CpuStorage dy, CpuStorage dx,
                  CpuStorage dgamma, CpuStorage dbeta, int n, int c, int s, double eps) {
        slot(0, x);
        slot(1, gamma);
        slot(3, mean);
        slot(4, var);
        slot(6, dy);
        slot(7, dx);
        slot(8, dgamma);
        slot(9, dbeta);
        dispatch(Kind.BACKWARD, n, c, s, eps);
    }

    /** Forward and inference take the same operands; the kind says where mean and var come from. */
    private void normalize(Kind kind, CpuStorage x, CpuStorage gamma, CpuStorage beta, CpuStorage mean,
                           CpuStorage var, CpuStorage y, int n, int c, int s, double eps) {
        slot(0, x);
        slot(1, gamma);
        slot(2, beta);
        slot(3, mean);
        slot(4, var);
        slot(5, y);
        dispatch(kind, n, c, s, eps);
    }

    private void slot(int i, CpuStorage st) {
        f[i] = st.f;
        d[i] = st.d;
    }

    private void dispatch(Kind kind, int n, int c, int s, double eps) {
        this.kind = kind;
        this.n = n;
        this.c = c;
        this.s = s;
        this.eps = eps;
        long work = (long) n * c * s;
        pool.run(this, pool.partsFor(c, work, MIN_ELEMENTS)); // one part runs on the caller
        java.util.Arrays.fill(f, null);
        java.util.Arrays.fill(d, null);
    }

    @Override
    public void run(int part, int parts) {
        int c0 = (int) ((long) c * part / parts);
        int c1 = (int) ((long) c * (part + 1) / parts);
        boolean fl = f[0] != null;
        boolean lanesSums = fl && lanes != null && s >= MIN_LANES_PLANE;
        switch (kind) {
            case FORWARD -> {
                if (lanesSums) {
                    lanes.batchNorm(f[0], n, c, s, f[1], f[2], eps, f[3], f[4], f[5], c0, c1);
                } else if (fl) {
                    FloatConvOps.batchNorm(f[0], n, c, s, f[1], f[2], eps, f[3], f[4], f[5], c0, c1);
                } else {
                    DoubleConvOps.batchNorm(d[0], n, c, s, d[1], d[2], eps, d[3], d[4], d[5], c0, c1);
                }
            }
            case INFERENCE -> {
                if (fl) FloatConvOps.batchNormInference(f[0], n, c, s, f[1], f[2], f[3], f[4], eps, f[5], c0, c1);
                else DoubleConvOps.batchNormInference(d[0], n, c, s, d[1], d[2], d[3], d[4], eps, d[5], c0, c1);
            }
            default -> {
                if (lanesSums) {
                    lanes.batchNormBackward(f[0], n, c, s, f[1], f[3], f[4], eps, f[6], f[7], f[8], f[9], c0, c1);
                } else if (fl) {
                    FloatConvOps.batchNormBackward(f[0], n, c, s, f[1], f[3], f[4], eps, f[6], f[7], f[8], f[9], c0, c1);
                } else {
                    DoubleConvOps.batchNormBackward(d[0], n, c, s, d[1], d[3], d[4], eps, d[6], d[7], d[8], d[9], c0, c1);
                }
            }
        }
    }
}
