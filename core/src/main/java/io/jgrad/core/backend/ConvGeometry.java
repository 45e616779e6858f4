package io.jgrad.core.backend;

/**
 * The sliding-window arithmetic of a 2-D convolution or pooling over a batch of NCHW images:
 * input [batch, channels, height, width], a kernelH x kernelW window moved by the strides, the
 * input zero-padded by padH/padW on each side, taps spread by the dilations. Output positions:
 * {@code outH = (height + 2 padH - dilationH (kernelH - 1) - 1) / strideH + 1}, as in PyTorch.
 */
public record ConvGeometry(int batch, int channels, int height, int width, int kernelH, int kernelW, int strideH,
                           int strideW, int padH, int padW, int dilationH, int dilationW) {

    public ConvGeometry {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input [" + batch + ", " + channels + ", " + height + ", " + width
                    + "] must have positive dimensions");
        }
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1
                || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("window " + kernelH + "x" + kernelW + ", stride " + strideH + "x"
                    + strideW + ", padding " + padH + "x" + padW + ", dilation " + dilationH + "x" + dilationW
                    + ": kernel, stride and dilation must be >= 1, padding >= 0");
        }
        if (outExtent(height, kernelH, strideH, padH, dilationH) < 1
                || outExtent(width, kernelW, strideW, padW, dilationW) < 1) {
            throw new IllegalArgumentException("a " + kernelH + "x" + kernelW + " window (dilation " + dilationH + "x"
                    + dilationW + ", padding " + padH + "x" + padW + ") does not fit the " + height + "x" + width
                    + " input");
        }
    }

    /** A square window without dilation: pooling and most convolutions. */
    public static ConvGeometry of(int batch, int channels, int height, int width, int kernel, int stride, int pad) {
        return new ConvGeometry(batch, channels, height, width, kernel, kernel, stride, stride, pad, pad, 1, 1);
    }

    private static int outExtent(int in, int k, int s, int p, int d) {
        int span = d * (k - 1) + 1;
        return in + 2 * p < span ? 0 : (in + 2 * p - span) / s + 1;
    }

    public int outH() {
        return outExtent(height, kernelH, strideH, padH, dilationH);
    }

    public int outW() {
        return outExtent(width, kernelW, strideW, padW, dilationW);
    }

    /** Elements of the input batch. */
    public long inputSize() {
        return (long) batch * channels * height * width;
    }

    /** Elements of a per-channel output batch ([batch, channels, outH, outW]: pooling). */
    public long outputSize() {
        return (long) batch * channels * outH() * outW();
    }

    /** Rows of the im2col matrix: one per (channel, kernel tap). */
    public int colRows() {
        return channels * kernelH * kernelW;
    }

    /** Columns of the im2col matrix: one per output position of every image. */
    public int colCols() {
        return batch * outH() * outW();
    }

    /** The same window over a batch of another size. */
    public ConvGeometry withBatch(int n) {
        return new ConvGeometry(n, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW,
                dilationH, dilationW);
    }

    @Override
    public String toString() {
        return "[" + batch + ", " + channels + ", " + height + ", " + width + "] window " + kernelH + "x" + kernelW
                + " stride " + strideH + "x" + strideW + " pad " + padH + "x" + padW
                + (dilationH == 1 && dilationW == 1 ? "" : " dilation " + dilationH + "x" + dilationW);
    }
}
