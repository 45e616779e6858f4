package io.jgrad.core.nn;

/**
 * How a convolution or pooling window treats the image border: {@link #valid()} (no padding),
 * {@link #same()} (stride 1: the output keeps the input's height and width, as Keras's and
 * PyTorch's {@code 'same'}), or explicit zero padding on each side.
 */
public final class Padding {
    private final boolean same;
    private final int padH;
    private final int padW;

    private Padding(boolean same, int padH, int padW) {
        this.same = same;
        this.padH = padH;
        this.padW = padW;
    }

    public static Padding valid() {
        return new Padding(false, 0, 0);
    }

    public static Padding same() {
        return new Padding(true, 0, 0);
    }

    public static Padding of(int pad) {
        return of(pad, pad);
    }

    public static Padding of(int padH, int padW) {
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padH + "x" + padW);
        }
        return new Padding(false, padH, padW);
    }

    /** Parses "valid", "same" or a number of pixels. */
    public static Padding parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("valid")) {
            return valid();
        }
        if (s.equals("same")) {
            return same();
        }
        try {
            return of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("padding '" + spec + "' is not valid, same or a number of pixels");
        }
    }

    /** The [padH, padW] for a window; 'same' needs stride 1 and an odd (dilated) window. */
    int[] resolve(String layer, int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW) {
        if (!same) {
            return new int[] {padH, padW};
        }
        int spanH = dilationH * (kernelH - 1);
        int spanW = dilationW * (kernelW - 1);
        if (strideH != 1 || strideW != 1 || spanH % 2 != 0 || spanW % 2 != 0) {
            throw new IllegalArgumentException("layer " + layer + ": 'same' padding needs stride 1 and an odd window"
                    + " (got " + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW
                    + "): give the padding in pixels instead");
        }
        return new int[] {spanH / 2, spanW / 2};
    }

    @Override
    public String toString() {
        return same ? "same" : padH == 0 && padW == 0 ? "valid" : padH == padW ? Integer.toString(padH)
                : padH + "x" + padW;
    }
}
