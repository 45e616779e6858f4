import java.util.*;
/**
 * Transposing a few columns of a matrix (a GEMM's narrow edge, dst[c * rows + r]), four loop orders,
 * each compiled on its own, alternating in one JVM; args: rounds rows cols stride.
 *   mkdir -p /tmp/tp && javac -d /tmp/tp docs/runs/TransProbe.java
 *   java -XX:CompileCommand=quiet '-XX:CompileCommand=dontinline,TransProbe::t*' -cp /tmp/tp TransProbe 15 392 4 100
 */
public class TransProbe {
  static void t0(float[] src, int offset, int stride, int rows, int cols, float[] dst) {
    for (int r = 0; r < rows; r++) { int o = offset + r * stride; for (int cc = 0; cc < cols; cc++) dst[cc * rows + r] = src[o + cc]; }
  }
  static void t1(float[] src, int offset, int stride, int rows, int cols, float[] dst) {
    for (int cc = 0; cc < cols; cc++) { int d = cc * rows; for (int r = 0, o = offset + cc; r < rows; r++, o += stride) dst[d + r] = src[o]; }
  }
  /** column pairs, reads of a row's two floats together */
  static void t2(float[] src, int offset, int stride, int rows, int cols, float[] dst) {
    int cc = 0;
    for (; cc + 1 < cols; cc += 2) { int d0 = cc * rows, d1 = d0 + rows; for (int r = 0, o = offset + cc; r < rows; r++, o += stride) { dst[d0 + r] = src[o]; dst[d1 + r] = src[o + 1]; } }
    for (; cc < cols; cc++) { int d = cc * rows; for (int r = 0, o = offset + cc; r < rows; r++, o += stride) dst[d + r] = src[o]; }
  }
  /** four columns at a time */
  static void t3(float[] src, int offset, int stride, int rows, int cols, float[] dst) {
    int cc = 0;
    for (; cc + 3 < cols; cc += 4) { int d0 = cc * rows, d1 = d0 + rows, d2 = d1 + rows, d3 = d2 + rows;
      for (int r = 0, o = offset + cc; r < rows; r++, o += stride) { dst[d0 + r] = src[o]; dst[d1 + r] = src[o + 1]; dst[d2 + r] = src[o + 2]; dst[d3 + r] = src[o + 3]; } }
    for (; cc < cols; cc++) { int d = cc * rows; for (int r = 0, o = offset + cc; r < rows; r++, o += stride) dst[d + r] = src[o]; }
  }
  interface V { void run(float[] src, int offset, int stride, int rows, int cols, float[] dst); }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    int rows = Integer.parseInt(args[1]), cols = Integer.parseInt(args[2]), stride = Integer.parseInt(args[3]);
    float[] src = new float[rows * stride]; for (int i = 0; i < src.length; i++) src[i] = i;
    float[] dst = new float[rows * cols], ref = new float[rows * cols];
    V[] vs = {TransProbe::t0, TransProbe::t1, TransProbe::t2, TransProbe::t3};
    double[][] t = new double[vs.length][rounds];
    for (int r = -20; r < rounds; r++) for (int v = 0; v < vs.length; v++) {
      long t0 = System.nanoTime();
      for (int rep = 0; rep < 500; rep++) vs[v].run(src, stride - cols, stride, rows, cols, dst);
      if (r >= 0) t[v][r] = (System.nanoTime() - t0) / (500.0 * rows * cols);
      if (v == 0) System.arraycopy(dst, 0, ref, 0, dst.length); else if (!Arrays.equals(dst, ref)) throw new AssertionError("t" + v);
    }
    for (int v = 0; v < vs.length; v++) { Arrays.sort(t[v]); System.out.printf("t%d %.3f ns/float (min %.3f)%n", v, t[v][rounds / 2], t[v][0]); }
  }
}
