package io.jgrad.backend.cpu;

import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.UnaryOp;

/**
 * Runs the large elementwise ops (activations and their gradients over conv feature maps, bias
 * and residual adds), row reductions (a convolution's bias gradient) and minibatch gathers on all
 * cores, cut into contiguous ranges (whole rows for a row broadcast, a reduction or a gather: the
 * rows of a gather lie far apart in memory, and two cores wait on two at once).
 * Small ones run on the caller. Call state lives in fields, so the backend keeps one per calling
 * thread ({@link CpuWorkspace}).
 */
final class ElementwiseLoops implements WorkerPool.Job {
    /** Below this many elements one core finishes before the others would have started. */
    static final int MIN_ELEMENTS = 1 << 16;
    /** The same for a gather, whose rows each cost a wait on memory rather than arithmetic. */
    static final int MIN_GATHERED = 1 << 13;

    private enum Kind { UNARY, UNARY_BACKWARD, BINARY, REDUCE_ROWS, GATHER_ROWS }

    private final WorkerPool pool;
    /** Vector API kernels for the loops the JIT leaves scalar; null without the module. */
    private final FloatLanes lanes;
    private Kind kind;
    private UnaryOp unaryOp;
    private BinaryOp binaryOp;
    private ReduceOp reduceOp;
    private int[] rowIndices;
    private int n;
    private int cols;
    private boolean broadcast;
    private float[] f1;
    private float[] f2;
    private float[] f3;
    private float[] f4;
    private double[] d1;
    private double[] d2;
    private double[] d3;
    private double[] d4;

    ElementwiseLoops(WorkerPool pool, FloatLanes lanes) {
        this.pool = pool;
        this.lanes = lanes;
    }

    void unary(UnaryOp op, float[] a, double[] ad, float[] out, double[] outd, int n) {
        unaryOp = op;
        set(a, out, null, null, ad, outd, null, null);
        dispatch(Kind.UNARY, n, 1);
    }

    void unaryBackward(UnaryOp op, float[] x, double[] xd, float[] y, double[] yd, float[] dout, double[] doutd,
                       float[] dx, double[] dxd, int n) {
        unaryOp = op;
        set(x, y, dout, dx, xd, yd, doutd, dxd);
        dispatch(Kind.UNARY_BACKWARD, n, 1);
    }

    void binary(BinaryOp op, float[] a, double[] ad, float[] b, double[] bd, float[] out, double[] outd, int n,
                int cols, boolean broadcast) {
        binaryOp = op;
        this.broadcast = broadcast;
        set(a, b, out, null, ad, bd, outd, null);
        dispatch(Kind.BINARY, n, broadcast ? cols : 1);
    }

    /** Each of the rows of a rows x cols matrix reduced into out[row]. */
    void reduceRows(ReduceOp op, float[] a, double[] ad, float[] out, double[] outd, int rows, int cols) {
        reduceOp = op;
        set(a, out, null, null, ad, outd, null, null);
        dispatch(Kind.REDUCE_ROWS, rows * cols, cols);
    }

    /** out row i = src row rowIndices[i], for rowIndices.length rows of cols. */
    void gatherRows(float[] src, double[] srcd, int cols, int[] rowIndices, float[] out, double[] outd) {
        this.rowIndices = rowIndices;
        set(src, out, null, null, srcd, outd, null, null);
        dispatch(Kind.GATHER_ROWS, rowIndices.length * cols, cols, MIN_GATHERED);
        this.rowIndices = null;
    }

    private void set(float[] a, float[] b, float[] c, float[] d, double[] ad, double[] bd, double[] cd,
                     double[] dd) {
        f1 = a;
        f2 = b;
        f3 = c;
        f4 = d;
        d1 = ad;
        d2 = bd;
        d3 = cd;
        d4 = dd;
    }

    /** Splits [0, n) into parts that start on multiples of {@code unit}. */
    private void dispatch(Kind kind, int n, int unit) {
        dispatch(kind, n, unit, MIN_ELEMENTS);
    }

    private void dispatch(Kind kind, int n, int unit, int minElements) {
        this.kind = kind;
        this.n = n;
        this.cols = unit;
        pool.run(this, pool.partsFor(n / unit, n, minElements)); // one part runs on the caller
        set(null, null, null, null, null, null, null, null);
    }

    @Override
    public void run(int part, int parts) {
        int units = n / cols;
        int from = (int) ((long) units * part / parts) * cols;
        int to = (int) ((long) units * (part + 1) / parts) * cols;
        boolean f = f1 != null;
        switch (kind) {
            case UNARY -> {
                if (f) FloatOps.unary(unaryOp, f1, f2, from, to);
                else DoubleOps.unary(unaryOp, d1, d2, from, to);
            }
            case UNARY_BACKWARD -> {
                if (f && lanes != null && unaryOp == UnaryOp.RELU) lanes.reluBackward(f1, f3, f4, from, to);
                else if (f) FloatOps.unaryBackward(unaryOp, f1, f2, f3, f4, from, to);
                else DoubleOps.unaryBackward(unaryOp, d1, d2, d3, d4, from, to);
            }
            case GATHER_ROWS -> {
                if (f && lanes != null) lanes.gatherRows(f1, cols, rowIndices, f2, from / cols, to / cols);
                else if (f) FloatOps.gatherRows(f1, cols, rowIndices, f2, from / cols, to / cols);
                else DoubleOps.gatherRows(d1, cols, rowIndices, d2, from / cols, to / cols);
            }
            case REDUCE_ROWS -> {
                if (f && lanes != null && reduceOp != ReduceOp.MAX) sumRows(from / cols, to / cols);
                else if (f) FloatOps.reduceRows(reduceOp, f1, cols, f2, from / cols, to / cols);
                else DoubleOps.reduceRows(reduceOp, d1, cols, d2, from / cols, to / cols);
            }
            default -> {
                if (f && lanes != null && broadcast) lanes.binaryRows(binaryOp, f1, f2, f3, from, to, cols);
                else if (f) FloatOps.binary(binaryOp, f1, f2, f3, from, to, cols, broadcast);
                else DoubleOps.binary(binaryOp, d1, d2, d3, from, to, cols, broadcast);
            }
        }
    }

    /** Rows [r0, r1) of f1 summed (or averaged) into f2 on the Vector API lanes. */
    private void sumRows(int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            double s = lanes.sum(f1, r * cols, cols);
            f2[r] = (float) (reduceOp == ReduceOp.MEAN ? s / cols : s);
        }
    }
}
