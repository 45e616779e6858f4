package io.jgrad.backend.cpu;

import io.jgrad.core.backend.ConvGeometry;

/**
 * Convolution and pooling loops on double arrays, each over a range of im2col rows or of (image,
 * channel) planes so that {@link ConvLoops} can split them across cores; every range writes only
 * its own outputs. FloatConvOps is generated from this file by gen-float-ops.py.
 */
final class DoubleConvOps {
    private DoubleConvOps() {
    }

    /** im2col rows [r0, r1): row (n, oh, ow) gets the window at that output position. */
    static void im2col(double[] x, ConvGeometry g, double[] cols, int r0, int r1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int oh = g.outH();
        int ow = g.outW();
        int ckk = c * kh * kw;
        for (int r = r0; r < r1; r++) {
            int n = r / (oh * ow);
            int p = r - n * oh * ow;
            int y0 = (p / ow) * g.strideH() - g.padH();
            int x0 = (p % ow) * g.strideW() - g.padW();
            int o = r * ckk;
            for (int ch = 0; ch < c; ch++) {
                int plane = (n * c + ch) * h * w;
                for (int i = 0; i < kh; i++) {
                    int iy = y0 + i * g.dilationH();
                    boolean rowIn = iy >= 0 && iy < h;
                    int base = plane + iy * w;
                    for (int j = 0; j < kw; j++) {
                        int ix = x0 + j * g.dilationW();
                        cols[o++] = rowIn && ix >= 0 && ix < w ? x[base + ix] : 0;
                    }
                }
            }
        }
    }

    /** Planes [q0, q1) of dx (plane q = image q / channels, channel q % channels), overwritten. */
    static void col2im(double[] cols, ConvGeometry g, double[] dx, int q0, int q1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int oh = g.outH();
        int ow = g.outW();
        int ckk = c * kh * kw;
        for (int q = q0; q < q1; q++) {
            int n = q / c;
            int ch = q - n * c;
            int plane = q * h * w;
            java.util.Arrays.fill(dx, plane, plane + h * w, 0);
            for (int p = 0; p < oh * ow; p++) {
                int y0 = (p / ow) * g.strideH() - g.padH();
                int x0 = (p % ow) * g.strideW() - g.padW();
                int o = (n * oh * ow + p) * ckk + ch * kh * kw;
                for (int i = 0; i < kh; i++) {
                    int iy = y0 + i * g.dilationH();
                    if (iy < 0 || iy >= h) {
                        o += kw;
                        continue;
                    }
                    int base = plane + iy * w;
                    for (int j = 0; j < kw; j++, o++) {
                        int ix = x0 + j * g.dilationW();
                        if (ix >= 0 && ix < w) {
                            dx[base + ix] += cols[o];
                        }
                    }
                }
            }
        }
    }

    /** Matrices [b0, b1) of a batch of rows x cols ones, transposed into out. */
    static void transpose(double[] a, int rows, int cols, double[] out, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            int base = b * rows * cols;
            for (int i = 0; i < rows; i++) {
                int in = base + i * cols;
                for (int j = 0; j < cols; j++) {
                    out[base + j * rows + i] = a[in + j];
                }
            }
        }
    }

    /** Planes [q0, q1): max and the flat in-plane index of the first max of every window. */
    static void maxPool(double[] x, ConvGeometry g, double[] out, double[] argmax, int q0, int q1) {
        int h = g.height();
        int w = g.width();
        int oh = g.outH();
        int ow = g.outW();
        for (int q = q0; q < q1; q++) {
            int plane = q * h * w;
            int o = q * oh * ow;
            for (int py = 0; py < oh; py++) {
                int y0 = py * g.strideH() - g.padH();
                for (int px = 0; px < ow; px++, o++) {
                    int x0 = px * g.strideW() - g.padW();
                    double best = Double.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int iy = y0 + i * g.dilationH();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int j = 0; j < g.kernelW(); j++) {
                            int ix = x0 + j * g.dilationW();
                            if (ix >= 0 && ix < w) {
                                double v = x[plane + iy * w + ix];
                                if (v > best || at < 0 || v != v && best == best) { // NaN wins, as in PyTorch
                                    best = v;
                                    at = iy * w + ix;
                                }
                            }
                        }
                    }
                    out[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    /** Planes [q0, q1) of dx, overwritten: each gradient goes to its window's max. */
    static void maxPoolBackward(double[] dout, double[] argmax, ConvGeometry g, double[] dx, int q0, int q1) {
        int hw = g.height() * g.width();
        int ohw = g.outH() * g.outW();
        for (int q = q0; q < q1; q++) {
            int plane = q * hw;
            java.util.Arrays.fill(dx, plane, plane + hw, 0);
            for (int o = q * ohw; o < (q + 1) * ohw; o++) {
                int at = (int) argmax[o];
                if (at >= 0) {
                    dx[plane + at] += dout[o];
                }
            }
        }
    }

    /** Planes [q0, q1): window means, padding counted as zeros. */
    static void avgPool(double[] x, ConvGeometry g, double[] out, int q0, int q1) {
        int h = g.height();
        int w = g.width();
        int oh = g.outH();
        int ow = g.outW();
        double/*wide*/ scale = 1.0 / (g.kernelH() * g.kernelW());
        for (int q = q0; q < q1; q++) {
            int plane = q * h * w;
            int o = q * oh * ow;
            for (int py = 0; py < oh; py++) {
                int y0 = py * g.strideH() - g.padH();
                for (int px = 0; px < ow; px++, o++) {
                    int x0 = px * g.strideW() - g.padW();
                    double/*wide*/ sum = 0;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int iy = y0 + i * g.dilationH();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int j = 0; j < g.kernelW(); j++) {
                            int ix = x0 + j * g.dilationW();
                            if (ix >= 0 && ix < w) {
                                sum += x[plane + iy * w + ix];
                            }
                        }
                    }
                    out[o] = (double) (sum * scale);
                }
            }
        }
    }

    /** Planes [q0, q1) of dx, overwritten: each gradient spread evenly over its window. */
    static void avgPoolBackward(double[] dout, ConvGeometry g, double[] dx, int q0, int q1) {
        int h = g.height();
        int w = g.width();
        int oh = g.outH();
        int ow = g.outW();
        double scale = (double) (1.0 / (g.kernelH() * g.kernelW()));
        for (int q = q0; q < q1; q++) {
            int plane = q * h * w;
            java.util.Arrays.fill(dx, plane, plane + h * w, 0);
            int o = q * oh * ow;
            for (int py = 0; py < oh; py++) {
                int y0 = py * g.strideH() - g.padH();
                for (int px = 0; px < ow; px++, o++) {
                    int x0 = px * g.strideW() - g.padW();
                    double share = dout[o] * scale;
                    for (int i = 0; i < g.kernelH(); i++) {
                        int iy = y0 + i * g.dilationH();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int j = 0; j < g.kernelW(); j++) {
                            int ix = x0 + j * g.dilationW();
                            if (ix >= 0 && ix < w) {
                                dx[plane + iy * w + ix] += share;
                            }
                        }
                    }
                }
            }
        }
    }
}
