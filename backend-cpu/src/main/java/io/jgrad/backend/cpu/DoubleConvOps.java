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

    /**
     * Units [u0, u1) of the column matrix [C*KH*KW, N*OH*OW], unit u = (row, image) with
     * u = row * N + image: tap (c, kh, kw) of image n at every output position, zeros over padding.
     * Each output row of a tap is one run of the input row (a plain copy at stride 1).
     */
    static void im2col(double[] x, ConvGeometry g, double[] cols, int u0, int u1) {
        int batch = g.batch();
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int sw = g.strideW();
        int oh = g.outH();
        int ow = g.outW();
        int positions = oh * ow;
        for (int u = u0; u < u1; u++) {
            int row = u / batch;
            int n = u - row * batch;
            int ch = row / (kh * kw);
            int i = row / kw % kh;
            int shift = row % kw * g.dilationW() - g.padW(); // input x = ox * sw + shift
            int lo = firstInside(shift, sw, ow);
            int hi = Math.max(lo, endInside(shift, sw, w, ow));
            int plane = (n * c + ch) * h * w;
            int o = (row * batch + n) * positions;
            for (int oy = 0; oy < oh; oy++, o += ow) {
                int iy = oy * g.strideH() - g.padH() + i * g.dilationH();
                if (iy < 0 || iy >= h) {
                    java.util.Arrays.fill(cols, o, o + ow, 0);
                    continue;
                }
                int src = plane + iy * w + shift;
                java.util.Arrays.fill(cols, o, o + lo, 0);
                if (sw == 1) {
                    System.arraycopy(x, src + lo, cols, o + lo, hi - lo);
                } else {
                    for (int ox = lo; ox < hi; ox++) {
                        cols[o + ox] = x[src + ox * sw];
                    }
                }
                java.util.Arrays.fill(cols, o + hi, o + ow, 0);
            }
        }
    }

    /** The first output column (at most ow) whose tap, at input x = ox * stride + shift, is at x >= 0. */
    private static int firstInside(int shift, int stride, int ow) {
        return shift >= 0 ? 0 : Math.min(ow, (-shift + stride - 1) / stride);
    }

    /** One past the last output column (of ow) whose tap lies at input x < width. */
    private static int endInside(int shift, int stride, int width, int ow) {
        int last = width - 1 - shift;
        return last < 0 ? 0 : Math.min(ow, last / stride + 1);
    }

    /**
     * Planes [q0, q1) of dx (q = image * C + channel), overwritten: every tap row of that channel
     * adds its runs back into the image rows it was copied from (a vector add at stride 1).
     */
    static void col2im(double[] cols, ConvGeometry g, double[] dx, int q0, int q1) {
        int batch = g.batch();
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int sw = g.strideW();
        int oh = g.outH();
        int ow = g.outW();
        int positions = oh * ow;
        for (int q = q0; q < q1; q++) {
            int n = q / c;
            int ch = q - n * c;
            int plane = q * h * w;
            java.util.Arrays.fill(dx, plane, plane + h * w, 0);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = (ch * kh + i) * kw + j;
                    int shift = j * g.dilationW() - g.padW();
                    int lo = firstInside(shift, sw, ow);
                    int hi = Math.max(lo, endInside(shift, sw, w, ow));
                    int o = (row * batch + n) * positions;
                    for (int oy = 0; oy < oh; oy++, o += ow) {
                        int iy = oy * g.strideH() - g.padH() + i * g.dilationH();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * w + shift;
                        if (sw == 1) {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[dst + ox] += cols[o + ox];
                            }
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[dst + ox * sw] += cols[o + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Units [u0, u1) of out [inner, outer, block] = a [outer, inner, block] with its two outer axes
     * swapped, unit u = (i, j) with u = i * inner + j; adds bias[i] to block (i, j) when bias is
     * given, and with {@code relu} passes each value through ReLU (a convolution and its ReLU).
     */
    static void swapOuterAxes(double[] a, int outer, int inner, int block, double[] bias, boolean relu,
                              double[] out, int u0, int u1) {
        for (int u = u0; u < u1; u++) {
            int src = u * block;
            int dst = swappedStart(u, outer, inner, block);
            if (bias == null && !relu) {
                System.arraycopy(a, src, out, dst, block);
                continue;
            }
            double b = bias == null ? 0 : bias[u / inner]; // adding 0 changes nothing that the max keeps
            for (int s = 0; s < block; s++) {
                double v = a[src + s] + b;
                out[dst + s] = relu ? Math.max(v, 0) : v;
            }
        }
    }

    /** Where unit u = i * inner + j of [outer, inner, block] starts once its two outer axes are swapped. */
    static int swappedStart(int u, int outer, int inner, int block) {
        int i = u / inner;
        return ((u - i * inner) * outer + i) * block;
    }

    /**
     * Units [u0, u1) of out [inner, outer, block] = (y > 0 ? dout : 0) with the outer axes of dout
     * and y (the ReLU's output, [outer, inner, block]) swapped: ReLU's gradient on the way back.
     */
    static void swapOuterAxesReluBackward(double[] dout, double[] y, int outer, int inner, int block, double[] out,
                                          int u0, int u1) {
        for (int u = u0; u < u1; u++) {
            int src = u * block;
            int dst = swappedStart(u, outer, inner, block);
            for (int s = 0; s < block; s++) { // both loaded first: a conditional move, not a branch
                double d = dout[src + s];
                double v = y[src + s];
                out[dst + s] = v > 0 ? d : 0;
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
