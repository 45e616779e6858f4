package io.jgrad.backend.cpu;

import io.jgrad.core.backend.ConvGeometry;

/**
 * Runs the convolution and pooling loops of {@link FloatConvOps} and {@link DoubleConvOps} on all
 * cores: im2col by (column-matrix row, image) runs, col2im and pooling by (image, channel) planes,
 * the axis swap by blocks, each part writing only its own outputs. Call state lives in fields (dispatch allocates
 * nothing), so the backend keeps one per calling thread ({@link CpuWorkspace}).
 */
final class ConvLoops implements WorkerPool.Job {
    /** Below this many elements touched, one core is faster than a hand-off. */
    private static final long MIN_ELEMENTS = 1 << 15;

    private enum Kind {
        IM2COL, COL2IM, SWAP_OUTER_AXES, SWAP_RELU, SWAP_RELU_BACKWARD, MAX_POOL, MAX_POOL_BACKWARD, AVG_POOL,
        AVG_POOL_BACKWARD
    }

    private final WorkerPool pool;
    /** The Vector API's kernels, or null for the plain loops. */
    private final FloatLanes lanes;
    private Kind kind;
    private ConvGeometry g;
    private int units;
    private int outer;
    private int inner;
    private int block;
    private float[] f1;
    private float[] f2;
    private float[] f3;
    private double[] d1;
    private double[] d2;
    private double[] d3;

    ConvLoops(WorkerPool pool, FloatLanes lanes) {
        this.pool = pool;
        this.lanes = lanes;
    }

    void im2col(float[] x, double[] xd, ConvGeometry g, float[] cols, double[] colsd) {
        set(x, cols, null, xd, colsd, null);
        dispatch(Kind.IM2COL, g, g.colRows() * g.batch(), (long) g.colRows() * g.colCols());
    }

    void col2im(float[] cols, double[] colsd, ConvGeometry g, float[] dx, double[] dxd) {
        set(cols, dx, null, colsd, dxd, null);
        dispatch(Kind.COL2IM, g, g.batch() * g.channels(), (long) g.colRows() * g.colCols());
    }

    /** {@code bias} (null for none) is the third array: {@code f3}/{@code d3}. */
    void swapOuterAxes(float[] a, double[] ad, int outer, int inner, int block, float[] bias, double[] biasd,
                       float[] out, double[] outd) {
        set(a, out, bias, ad, outd, biasd);
        swap(Kind.SWAP_OUTER_AXES, outer, inner, block);
    }

    /** {@link #swapOuterAxes} with ReLU on the output; {@code bias} may be null. */
    void swapOuterAxesRelu(float[] a, double[] ad, int outer, int inner, int block, float[] bias, double[] biasd,
                           float[] out, double[] outd) {
        set(a, out, bias, ad, outd, biasd);
        swap(Kind.SWAP_RELU, outer, inner, block);
    }

    /** ReLU's gradient from its output {@code y} (the third array), then the swap. */
    void swapOuterAxesReluBackward(float[] dout, double[] doutd, float[] y, double[] yd, int outer, int inner,
                                   int block, float[] out, double[] outd) {
        set(dout, out, y, doutd, outd, yd);
        swap(Kind.SWAP_RELU_BACKWARD, outer, inner, block);
    }

    private void swap(Kind kind, int outer, int inner, int block) {
        this.outer = outer;
        this.inner = inner;
        this.block = block;
        dispatch(kind, null, outer * inner, (long) outer * inner * block);
    }

    void maxPool(float[] x, double[] xd, ConvGeometry g, float[] out, double[] outd, float[] arg, double[] argd) {
        set(x, out, arg, xd, outd, argd);
        dispatch(Kind.MAX_POOL, g, g.batch() * g.channels(), g.inputSize());
    }

    void maxPoolBackward(float[] dout, double[] doutd, float[] arg, double[] argd, ConvGeometry g, float[] dx,
                         double[] dxd) {
        set(dout, arg, dx, doutd, argd, dxd);
        dispatch(Kind.MAX_POOL_BACKWARD, g, g.batch() * g.channels(), g.inputSize());
    }

    void avgPool(float[] x, double[] xd, ConvGeometry g, float[] out, double[] outd) {
        set(x, out, null, xd, outd, null);
        dispatch(Kind.AVG_POOL, g, g.batch() * g.channels(), g.inputSize());
    }

    void avgPoolBackward(float[] dout, double[] doutd, ConvGeometry g, float[] dx, double[] dxd) {
        set(dout, dx, null, doutd, dxd, null);
        dispatch(Kind.AVG_POOL_BACKWARD, g, g.batch() * g.channels(), g.inputSize());
    }

    private void set(float[] a, float[] b, float[] c, double[] ad, double[] bd, double[] cd) {
        f1 = a;
        f2 = b;
        f3 = c;
        d1 = ad;
        d2 = bd;
        d3 = cd;
    }

    private void dispatch(Kind kind, ConvGeometry g, int units, long work) {
        this.kind = kind;
        this.g = g;
        this.units = units;
        pool.run(this, pool.partsFor(units, work, MIN_ELEMENTS)); // one part runs on the caller
        f1 = f2 = f3 = null;
        d1 = d2 = d3 = null;
        this.g = null;
    }

    @Override
    public void run(int part, int parts) {
        int from = (int) ((long) units * part / parts);
        int to = (int) ((long) units * (part + 1) / parts);
        boolean f = f1 != null;
        switch (kind) {
            case IM2COL -> {
                if (f && lanes != null && isSameWidthStride1(g)) lanes.im2colSameWidth(f1, g, f2, from, to);
                else if (f) FloatConvOps.im2col(f1, g, f2, from, to);
                else DoubleConvOps.im2col(d1, g, d2, from, to);
            }
            case COL2IM -> {
                if (f && lanes != null && isSameWidthStride1(g)) lanes.col2imSameWidth(f1, g, f2, from, to);
                else if (f) FloatConvOps.col2im(f1, g, f2, from, to);
                else DoubleConvOps.col2im(d1, g, d2, from, to);
            }
            case SWAP_OUTER_AXES, SWAP_RELU -> {
                boolean relu = kind == Kind.SWAP_RELU;
                if (f && lanes != null && (f3 != null || relu)) { // a plain move stays System.arraycopy
                    lanes.swapOuterAxes(f1, outer, inner, block, f3, relu, f2, from, to);
                } else if (f) {
                    FloatConvOps.swapOuterAxes(f1, outer, inner, block, f3, relu, f2, from, to);
                } else {
                    DoubleConvOps.swapOuterAxes(d1, outer, inner, block, d3, relu, d2, from, to);
                }
            }
            case SWAP_RELU_BACKWARD -> {
                if (f && lanes != null) {
                    lanes.swapOuterAxesReluBackward(f1, f3, outer, inner, block, f2, from, to);
                } else if (f) {
                    FloatConvOps.swapOuterAxesReluBackward(f1, f3, outer, inner, block, f2, from, to);
                } else {
                    DoubleConvOps.swapOuterAxesReluBackward(d1, d3, outer, inner, block, d2, from, to);
                }
            }
            case MAX_POOL -> {
                if (f && lanes != null && isPlain2x2(g)) lanes.maxPool2x2(f1, g.height(), g.width(), f2, f3, from, to);
                else if (f) FloatConvOps.maxPool(f1, g, f2, f3, from, to);
                else DoubleConvOps.maxPool(d1, g, d2, d3, from, to);
            }
            case MAX_POOL_BACKWARD -> {
                if (f) FloatConvOps.maxPoolBackward(f1, f2, g, f3, from, to);
                else DoubleConvOps.maxPoolBackward(d1, d2, g, d3, from, to);
            }
            case AVG_POOL -> {
                if (f) FloatConvOps.avgPool(f1, g, f2, from, to);
                else DoubleConvOps.avgPool(d1, g, d2, from, to);
            }
            default -> {
                if (f) FloatConvOps.avgPoolBackward(f1, g, f2, from, to);
                else DoubleConvOps.avgPoolBackward(d1, g, d2, from, to);
            }
        }
    }

    /** 2x2 windows at stride 2 on planes of even width, no padding or dilation: the common pooling. */
    private static boolean isPlain2x2(ConvGeometry g) {
        return g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0
                && g.padW() == 0 && g.width() % 2 == 0;
    }

    /** Stride 1, no dilation across, output rows as wide as the input's: im2col and col2im as flat shifted runs. */
    private static boolean isSameWidthStride1(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationW() == 1 && g.outW() == g.width();
    }
}
