import io.jgrad.core.backend.*;
import io.jgrad.core.tensor.*;
import java.util.*;

/**
 * conv2 of the CNN recipe (32 -> 64 channels, 14x14, batch 64), forward and backward as Conv2D runs
 * them (im2col, W^T cols, swap with bias; swap back, cols dr^T, bias sum, W dr, col2im), over the
 * whole batch at once against the batch cut into chunks of images, each chunk's buffers small
 * enough to stay in cache: each chunk's im2col kept for its backward, or done again there (the
 * memory of one chunk's instead of the batch's). Medians, alternated; "flush" walks 64 MB between steps.
 */
public class ConvChunks {
    static final Backend BE = new io.jgrad.backend.cpu.CpuBackend();
    static final int N = 64, C = 32, F = 64, H = 14;

    /** The buffers of one chunk of n images. */
    static final class Part {
        final ConvGeometry g; final Tensor x, cols, r, y, dc, dx;
        Part(int n) {
            g = new ConvGeometry(n, C, H, H, 3, 3, 1, 1, 1, 1, 1, 1);
            x = BE.randomUniform(Shape.of(n, C, H, H), DType.FLOAT32, 0, 1, n);
            cols = BE.zeros(Shape.of(g.colRows(), g.colCols()), DType.FLOAT32);
            r = BE.zeros(Shape.of(F, g.colCols()), DType.FLOAT32);
            y = BE.zeros(Shape.of(n, F, H, H), DType.FLOAT32);
            dc = BE.zeros(Shape.of(g.colRows(), g.colCols()), DType.FLOAT32);
            dx = BE.zeros(Shape.of(n, C, H, H), DType.FLOAT32);
        }
    }

    static Tensor w = BE.randomUniform(Shape.of(C * 9, F), DType.FLOAT32, -1, 1, 2);
    static Tensor bias = BE.zeros(Shape.of(F), DType.FLOAT32);
    static Tensor dw = BE.zeros(Shape.of(C * 9, F), DType.FLOAT32);
    static Tensor db = BE.zeros(Shape.of(F), DType.FLOAT32);
    static Tensor dbPart = BE.zeros(Shape.of(F), DType.FLOAT32);
    /** A 64 MB array walked between steps, as the other layers' buffers would push conv2's out of cache. */
    static float[] other = new float[16 << 20];

    static void step(Part[] parts, boolean repeatIm2col) {
        int n = N / parts.length;
        for (Part p : parts) {
            BE.im2col(p.x, p.g, p.cols);
            BE.gemm(true, false, 1, w, p.cols, 0, p.r);
            BE.swapOuterAxes(p.r, F, n, H * H, bias, p.y);
        }
        for (int i = 0; i < parts.length; i++) {
            Part p = parts[i];
            if (repeatIm2col) BE.im2col(p.x, p.g, p.cols);
            BE.swapOuterAxes(p.y, n, F, H * H, null, p.r);
            BE.gemm(false, true, 1, p.cols, p.r, i == 0 ? 0 : 1, dw);
            BE.reduce(ReduceOp.SUM, Reduction.PER_ROW, p.r, i == 0 ? db : dbPart);
            BE.gemm(false, false, 1, w, p.r, 0, p.dc);
            BE.col2im(p.dc, p.g, p.dx);
        }
    }

    public static void main(String[] a) {
        int[] chunkCounts = {1, 2, 4, 8, 2, 4, 8};
        Part[][] sets = new Part[chunkCounts.length][];
        for (int s = 0; s < chunkCounts.length; s++) {
            sets[s] = new Part[chunkCounts[s]];
            for (int i = 0; i < chunkCounts[s]; i++) sets[s][i] = new Part(N / chunkCounts[s]);
        }
        boolean flush = a.length > 0 && a[0].equals("flush");
        int reps = 60;
        double[][] t = new double[chunkCounts.length][reps];
        for (int rep = -20; rep < reps; rep++) {
            for (int s = 0; s < chunkCounts.length; s++) {
                if (flush) { for (int i = 0; i < other.length; i += 16) other[i] += 1; }
                long t0 = System.nanoTime();
                step(sets[s], s >= 4);
                if (rep >= 0) t[s][rep] = (System.nanoTime() - t0) / 1e3;
            }
        }
        for (int s = 0; s < chunkCounts.length; s++) {
            Arrays.sort(t[s]);
            System.out.printf("conv2 forward+backward, %2d chunk(s) of %2d images%s: median %7.1f us%n", chunkCounts[s],
                    N / chunkCounts[s], s >= 4 ? ", im2col again in the backward" : ", cols kept", t[s][reps / 2]);
        }
    }
}
