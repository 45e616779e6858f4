import jdk.incubator.vector.*;
/**
 * TransposeCost's loop with the Vector API's gather (fromArray with an index map, stride = filters),
 * one thread, median of 200 passes, and the bytes the passes allocated. docs/performance.md, "Session 24".
 *   javac --add-modules jdk.incubator.vector -d /tmp/tg docs/runs/TransposeGather.java
 *   java --add-modules jdk.incubator.vector -cp /tmp/tg TransposeGather 196 64
 */
public class TransposeGather {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static void run(float[] src, int batch, int pixels, int filters, float[] bias, float[] dst, int[] idx) {
    FloatVector zero = FloatVector.zero(S);
    for (int b = 0; b < batch; b++) {
      int base = b * pixels * filters;
      int p0 = 0;
      for (; p0 + L <= pixels; p0 += L) {
        for (int f = 0; f < filters; f++) {
          FloatVector v = FloatVector.fromArray(S, src, base + p0 * filters + f, idx, 0);
          v.add(bias[f]).max(zero).intoArray(dst, base + f * pixels + p0);
        }
      }
      for (; p0 < pixels; p0++) for (int f = 0; f < filters; f++) dst[base + f * pixels + p0] = Math.max(0f, src[base + p0 * filters + f] + bias[f]);
    }
  }
  public static void main(String[] a) {
    int batch = 64, pixels = Integer.parseInt(a[0]), filters = Integer.parseInt(a[1]);
    float[] src = new float[batch * pixels * filters], dst = new float[src.length], bias = new float[filters];
    int[] idx = new int[L]; for (int i = 0; i < L; i++) idx[i] = i * filters;
    java.util.Random r = new java.util.Random(1); for (int i = 0; i < src.length; i++) src[i] = r.nextFloat() - 0.5f;
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    double[] t = new double[200];
    long al = 0;
    for (int q = -300; q < 200; q++) { long a0 = mx.getCurrentThreadAllocatedBytes(); long t0 = System.nanoTime(); run(src, batch, pixels, filters, bias, dst, idx); if (q >= 0) { t[q] = System.nanoTime() - t0; al += mx.getCurrentThreadAllocatedBytes() - a0; } }
    java.util.Arrays.sort(t); System.out.printf("gather: pixels %d filters %d: median %.0f us (1 thread), %d bytes allocated in 200 passes%n", pixels, filters, t[100] / 1e3, al);
    // check
    for (int i = 0; i < 1000; i++) { int bb = i % batch, p = (i * 7) % pixels, f = (i * 13) % filters; float e = Math.max(0f, src[bb*pixels*filters + p*filters + f] + bias[f]); if (dst[bb*pixels*filters + f*pixels + p] != e) throw new AssertionError(i); }
  }
}
