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
        int dh = g.dilationH();
        int dw = g.dilationW();
        int oh = g.outH();
        int ow = g.outW();
        int ckk = c * kh * kw;
        for (int r = r0; r < r1; r++) {
            int n = r / (oh * ow);
            int p = r - n * oh * ow;
            int y0 = (p / ow) * g.strideH() - g.padH();
            int x0 = (p % ow) * g.strideW() - g.padW();
            int o = r * ckk;
            boolean inside = y0 >= 0 && y0 + (kh - 1) * dh < h && x0 >= 0 && x0 + (kw - 1) * dw < w;
            for (int ch = 0; ch < c; ch++) {
                int plane = (n * c + ch) * h * w;
                if (inside) { // the whole window is in the image: no bounds checks
                    for (int i = 0; i < kh; i++) {
                        int src = plane + (y0 + i * dh) * w + x0;
                        for (int j = 0; j < kw; j++) {
                            cols[o++] = x[src + j * dw];
                        }
                    }
                    continue;
                }
                for (int i = 0; i < kh; i++) {
                    int iy = y0 + i * dh;
                    boolean rowIn = iy >= 0 && iy < h;
                    int base = plane + iy * w;
                    for (int j = 0; j < kw; j++) {
                        int ix = x0 + j * dw;
                        cols[o++] = rowIn && ix >= 0 && ix < w ? x[base + ix] : 0;
                    }
                }
            }
        }
    }

    /**
     * Images [n0, n1) of dx, overwritten: the rows of each image's column block are read in order
     * and scattered into that image (C x H x W, small enough to stay in cache).
     */
    static void col2im(double[] cols, ConvGeometry g, double[] dx, int n0, int n1) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int dh = g.dilationH();
        int dw = g.dilationW();
        int oh = g.outH();
        int ow = g.outW();
        int ckk = c * kh * kw;
        for (int n = n0; n < n1; n++) {
            int image = n * c * h * w;
            java.util.Arrays.fill(dx, image, image + c * h * w, 0);
            for (int p = 0; p < oh * ow; p++) {
                int y0 = (p / ow) * g.strideH() - g.padH();
                int x0 = (p % ow) * g.strideW() - g.padW();
                int o = (n * oh * ow + p) * ckk;
                boolean inside = y0 >= 0 && y0 + (kh - 1) * dh < h && x0 >= 0 && x0 + (kw - 1) * dw < w;
                for (int ch = 0; ch < c; ch++) {
                    int plane = image + ch * h * w;
                    if (inside) {
                        for (int i = 0; i < kh; i++) {
                            int dst = plane + (y0 + i * dh) * w + x0;
                            for (int j = 0; j < kw; j++) {
                                dx[dst + j * dw] += cols[o++];
                            }
                        }
                        continue;
                    }
                    for (int i = 0; i < kh; i++) {
                        int iy = y0 + i * dh;
                        if (iy < 0 || iy >= h) {
                            o += kw;
                            continue;
                        }
                        int base = plane + iy * w;
                        for (int j = 0; j < kw; j++, o++) {
                            int ix = x0 + j * dw;
                            if (ix >= 0 && ix < w) {
                                dx[base + ix] += cols[o];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Matrices [b0, b1) of a batch of rows x cols ones, transposed into out, in cache-sized tiles. */
    static void transpose(double[] a, int rows, int cols, double[] out, int b0, int b1) {
        final int tile = 16;
        for (int b = b0; b < b1; b++) {
            int base = b * rows * cols;
            for (int i0 = 0; i0 < rows; i0 += tile) {
                int i1 = Math.min(rows, i0 + tile);
                for (int j0 = 0; j0 < cols; j0 += tile) {
                    int j1 = Math.min(cols, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        int in = base + i * cols;
                        for (int j = j0; j < j1; j++) {
                            out[base + j * rows + i] = a[in + j];
                        }
                    }
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
        if (g.padH() == 0 && g.padW() == 0 && g.dilationH() == 1 && g.dilationW() == 1) {
            maxPoolInside(x, g, out, argmax, q0, q1);
            return;
        }
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

    /** Max pooling without padding or dilation: every window lies inside its plane, no checks. */
    private static void maxPoolInside(double[] x, ConvGeometry g, double[] out, double[] argmax, int q0, int q1) {
        int h = g.height();
        int w = g.width();
        int oh = g.outH();
        int ow = g.outW();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int sh = g.strideH();
        int sw = g.strideW();
        if (kh == 2 && kw == 2 && sh == 2 && sw == 2) {
            maxPool2x2(x, h, w, oh, ow, out, argmax, q0, q1);
            return;
        }
        for (int q = q0; q < q1; q++) {
            int plane = q * h * w;
            int o = q * oh * ow;
            for (int py = 0; py < oh; py++) {
                for (int px = 0; px < ow; px++, o++) {
                    int at = py * sh * w + px * sw;
                    double best = x[plane + at];
                    for (int i = 0; i < kh; i++) {
                        int row = (py * sh + i) * w + px * sw;
                        for (int j = 0; j < kw; j++) {
                            double v = x[plane + row + j];
                            if (v > best || v != v && best == best) { // NaN wins, as in PyTorch
                                best = v;
                                at = row + j;
                            }
                        }
                    }
                    out[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    /** The common 2x2, stride 2 case, unrolled: four loads and three compares per output. */
    private static void maxPool2x2(double[] x, int h, int w, int oh, int ow, double[] out, double[] argmax, int q0,
                                   int q1) {
        for (int q = q0; q < q1; q++) {
            int plane = q * h * w;
            int o = q * oh * ow;
            for (int py = 0; py < oh; py++) {
                int top = 2 * py * w;
                for (int px = 0; px < ow; px++, o++) {
                    int at = top + 2 * px;
                    double best = x[plane + at];
                    double v = x[plane + at + 1];
                    int bestAt = at;
                    if (v > best || v != v && best == best) {
                        best = v;
                        bestAt = at + 1;
                    }
                    v = x[plane + at + w];
                    if (v > best || v != v && best == best) {
                        best = v;
                        bestAt = at + w;
                    }
                    v = x[plane + at + w + 1];
                    if (v > best || v != v && best == best) {
                        best = v;
                        bestAt = at + w + 1;
                    }
                    out[o] = best;
                    argmax[o] = bestAt;
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

    // ---- batch normalisation: x is [n, c, s] (s = 1 for dense features); channels [c0, c1) ----

    static void batchNorm(double[] x, int n, int c, int s, double[] gamma, double[] beta, double/*wide*/ eps, double[] mean,
                          double[] var, double[] y, int c0, int c1) {
        double/*wide*/ count = (double/*wide*/) n * s;
        for (int ch = c0; ch < c1; ch++) {
            double/*wide*/ sum = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                for (int k = 0; k < s; k++) {
                    sum += x[base + k];
                }
            }
            double/*wide*/ m = sum / count;
            double/*wide*/ sq = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                for (int k = 0; k < s; k++) {
                    double/*wide*/ d = x[base + k] - m;
                    sq += d * d;
                }
            }
            double/*wide*/ v = sq / count;
            mean[ch] = (double) m;
            var[ch] = (double) v;
            normalize(x, n, c, s, ch, gamma[ch] / Math.sqrt(v + eps), m, beta[ch], y);
        }
    }

    static void batchNormInference(double[] x, int n, int c, int s, double[] gamma, double[] beta, double[] mean,
                                   double[] var, double/*wide*/ eps, double[] y, int c0, int c1) {
        for (int ch = c0; ch < c1; ch++) {
            normalize(x, n, c, s, ch, gamma[ch] / Math.sqrt((double/*wide*/) var[ch] + eps), mean[ch], beta[ch], y);
        }
    }

    /** y = (x - m) * scale + shift on one channel, as y = x * scale + (shift - m * scale). */
    private static void normalize(double[] x, int n, int c, int s, int ch, double/*wide*/ scale, double/*wide*/ m,
                                  double/*wide*/ shift, double[] y) {
        double a = (double) scale;
        double b = (double) (shift - m * scale);
        for (int i = 0; i < n; i++) {
            int base = (i * c + ch) * s;
            for (int k = 0; k < s; k++) {
                y[base + k] = x[base + k] * a + b;
            }
        }
    }

    /** dx = gamma / sqrt(var + eps) / M * (M dy - sum(dy) - xhat sum(dy xhat)), M = n * s. */
    static void batchNormBackward(double[] x, int n, int c, int s, double[] gamma, double[] mean, double[] var,
                                  double/*wide*/ eps, double[] dy, double[] dx, double[] dgamma, double[] dbeta, int c0,
                                  int c1) {
        double/*wide*/ count = (double/*wide*/) n * s;
        for (int ch = c0; ch < c1; ch++) {
            double/*wide*/ inv = 1 / Math.sqrt((double/*wide*/) var[ch] + eps);
            double/*wide*/ m = mean[ch];
            double/*wide*/ sumDy = 0;
            double/*wide*/ sumDyXhat = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                for (int k = 0; k < s; k++) {
                    double/*wide*/ g = dy[base + k];
                    sumDy += g;
                    sumDyXhat += g * (x[base + k] - m) * inv;
                }
            }
            dbeta[ch] = (double) sumDy;
            dgamma[ch] = (double) sumDyXhat;
            double/*wide*/ k1 = gamma[ch] * inv / count;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * s;
                for (int k = 0; k < s; k++) {
                    double/*wide*/ xhat = (x[base + k] - m) * inv;
                    dx[base + k] = (double) (k1 * (count * dy[base + k] - sumDy - xhat * sumDyXhat));
                }
            }
        }
    }
}
