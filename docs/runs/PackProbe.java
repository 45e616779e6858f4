import java.util.*;
/**
 * Ways to pack six rows of a row-major A (100 x 784, as x of the MLP) into MR-float K steps, each
 * compiled on its own and timed on data in L2, alternating in one JVM; checks each against v0.
 *   mkdir -p /tmp/pp && javac -d /tmp/pp docs/runs/PackProbe.java
 *   java -XX:CompileCommand=quiet '-XX:CompileCommand=dontinline,PackProbe::v*' -cp /tmp/pp PackProbe 15
 * v1 (rows outer) read 25% faster here, yet made the MLP step 5-7% slower in the library
 * (docs/performance.md, "Session 28"): trust the same-JVM step toggle, not the probe.
 */
public class PackProbe {
  static final int MR = 6;
  static void v0(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
    for (int kk = 0; kk < kc; kk++) {
      int dst = p + kk * MR; int src = s0 + kk;
      buf[dst] = al * a[src]; buf[dst + 1] = al * a[src + lda]; buf[dst + 2] = al * a[src + 2 * lda];
      buf[dst + 3] = al * a[src + 3 * lda]; buf[dst + 4] = al * a[src + 4 * lda]; buf[dst + 5] = al * a[src + 5 * lda];
    }
  }
  /** rows outer: contiguous reads, stride-6 writes */
  static void v1(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
    for (int r = 0; r < MR; r++) {
      int src = s0 + r * lda;
      for (int kk = 0, dst = p + r; kk < kc; kk++, dst += MR) {
        buf[dst] = al * a[src + kk];
      }
    }
  }
  /** bumped dst index, row offsets hoisted */
  static void v2(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
    int r1 = s0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
    for (int kk = 0, dst = p; kk < kc; kk++, dst += MR) {
      buf[dst] = al * a[s0 + kk]; buf[dst + 1] = al * a[r1 + kk]; buf[dst + 2] = al * a[r2 + kk];
      buf[dst + 3] = al * a[r3 + kk]; buf[dst + 4] = al * a[r4 + kk]; buf[dst + 5] = al * a[r5 + kk];
    }
  }
  /** two rows per pass (three passes), dst bumped */
  static void v3(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
    for (int r = 0; r < MR; r += 2) {
      int x0 = s0 + r * lda, x1 = x0 + lda;
      for (int kk = 0, dst = p + r; kk < kc; kk++, dst += MR) {
        buf[dst] = al * a[x0 + kk]; buf[dst + 1] = al * a[x1 + kk];
      }
    }
  }
  /** v0 with the index kk*6 built as dst counting, explicit check hoisted */
  static void v4(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
    if (p < 0 || p + kc * MR > buf.length || s0 < 0 || s0 + 5 * lda + kc > a.length) throw new IndexOutOfBoundsException();
    for (int kk = 0; kk < kc; kk++) {
      int dst = p + kk * MR; int src = s0 + kk;
      buf[dst] = al * a[src]; buf[dst + 1] = al * a[src + lda]; buf[dst + 2] = al * a[src + 2 * lda];
      buf[dst + 3] = al * a[src + 3 * lda]; buf[dst + 4] = al * a[src + 4 * lda]; buf[dst + 5] = al * a[src + 5 * lda];
    }
  }
  interface V { void run(float[] a, int lda, float al, float[] buf, int p, int s0, int kc); }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    int m = 100, k = 784, kc = 196;
    float[] a = new float[m * k]; for (int i = 0; i < a.length; i++) a[i] = i * 0.001f;
    float[] buf = new float[96 * 257], ref = new float[96 * 257];
    V[] vs = {PackProbe::v0, PackProbe::v1, PackProbe::v2, PackProbe::v3, PackProbe::v4};
    double[][] t = new double[vs.length][rounds];
    for (int r = -20; r < rounds; r++) {
      for (int v = 0; v < vs.length; v++) {
        long t0 = System.nanoTime();
        for (int rep = 0; rep < 200; rep++)
          for (int pc = 0; pc < k; pc += kc)
            for (int ir = 0, p = 0; ir + MR <= 96; ir += MR, p += kc * MR)
              vs[v].run(a, k, 1f, buf, p, ir * k + pc, kc);
        double ns = (System.nanoTime() - t0) / (200.0 * 96 * k);
        if (r >= 0) t[v][r] = ns;
        if (v == 0) System.arraycopy(buf, 0, ref, 0, buf.length); else if (!Arrays.equals(buf, ref)) throw new AssertionError("v" + v);
      }
    }
    for (int v = 0; v < vs.length; v++) { Arrays.sort(t[v]); System.out.printf("v%d %.3f ns/float (min %.3f)%n", v, t[v][rounds / 2], t[v][0]); }
  }
}
