import jdk.incubator.vector.*;
/**
 * Session 26, measured and not kept: B's packed panels split into two arrays, so that both of a row's
 * vectors load at one index (v6) instead of bi and bi + L (v5, VectorSgemm.packedKernel's loop): on AVX2, C2
 * spends mov, add and movsxd on bi + L (32 macro-ops per 12 FMAs against 29). The 6 x 2 micro-kernel
 * alone, on data in L1, alternating in one JVM; v5 is KernelIndexProbe's. From the repository root:
 *   mkdir -p /tmp/splitb && javac --add-modules jdk.incubator.vector -d /tmp/splitb docs/runs/SplitBProbe.java docs/runs/KernelIndexProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/splitb SplitBProbe 12
 */
public class SplitBProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length(), MR = 6, NR = 2 * L;
  // v6: B's two vectors from two arrays at one index (no bi + L arithmetic)
  static void v6(float[] ap, int ao, float[] bl, float[] bh, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int bi = bo, ai = ao, end = bo + kc * L; bi < end; bi += L, ai += MR) {
      FloatVector b0 = FloatVector.fromArray(S, bl, bi), b1 = FloatVector.fromArray(S, bh, bi);
      FloatVector x = FloatVector.broadcast(S, ap[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
    }
    int o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc, o4 = co + 4 * ldc, o5 = co + 5 * ldc;
    c00.intoArray(c, co); c01.intoArray(c, co + L); c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
    c40.intoArray(c, o4); c41.intoArray(c, o4 + L); c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
  }
  static double run(int v, float[] ap, float[] bp, float[] bl, float[] bh, float[] cs, int kc) {
    long t = System.nanoTime(); int reps = 0;
    while (System.nanoTime() - t < 200_000_000L) {
      for (int q = 0; q < 1000; q++) {
        if (v == 5) KernelIndexProbe.v5(ap, 0, bp, 0, kc, cs, 0, 64); else v6(ap, 0, bl, bh, 0, kc, cs, 0, 64);
      }
      reps += 1000;
    }
    return 2.0 * MR * NR * kc * reps / (System.nanoTime() - t);
  }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]); int kc = 256;
    float[] ap = new float[kc * 8 + 64], bp = new float[kc * NR + 64], bl = new float[kc * L + 64], bh = new float[kc * L + 64], cs = new float[6 * 64];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < ap.length; i++) ap[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < bl.length; i++) { bl[i] = r.nextFloat() * 1e-3f; bh[i] = r.nextFloat() * 1e-3f; }
    double[][] g = new double[7][rounds];
    for (int round = -2; round < rounds; round++) {
      double a = run(5, ap, bp, bl, bh, cs, kc), b = run(6, ap, bp, bl, bh, cs, kc);
      if (round >= 0) { g[5][round] = a; g[6][round] = b; }
      System.out.printf("%sv5 %.1f  v6 %.1f  ratio %.3f%n", round < 0 ? "(warm-up) " : "", a, b, b / a);
    }
    double[] q = new double[rounds]; for (int i = 0; i < rounds; i++) q[i] = g[6][i] / g[5][i]; java.util.Arrays.sort(q);
    System.out.printf("median v6/v5 %.3f%n", q[rounds / 2]);
  }
}
