import jdk.incubator.vector.*;
/**
 * The 6 x 2-vector float32 micro-kernel's loop written five ways, each compiled on its own and timed on
 * data in L1, alternating in one JVM (so the host's phases hit all alike): v0 the old loop (A's index
 * kk * 6, which C2 rebuilds from two shifts and an add every step, and cannot hoist A's range checks
 * through), v1 A's index as the loop variable (range checks hoisted, but then C2 schedules the six
 * broadcasts together and spills an accumulator), v2 A packed at a stride of 8, v4 a 5 x 2 tile with
 * A's index as the loop variable, v5 what packedKernel does now (B's index counts the loop, A's is
 * bumped beside it). Count each loop's instructions with docs/runs/loopstat.py (header there).
 *   mkdir -p /tmp/kip && javac --add-modules jdk.incubator.vector -d /tmp/kip docs/runs/KernelIndexProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/kip KernelIndexProbe 10
 */
public class KernelIndexProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length(), MR = 6, NR = 2 * L;
  // V0: today's index (kk * 6, which C2 turns into two shifts and an add)
  static void v0(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int kk = 0; kk < kc; kk++) {
      int bi = bo + kk * NR; int ai = ao + kk * MR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
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
  // V1: the loop counts A's index itself (step 6): ap[ai + r] is iv + constant, B's index a second iv
  static void v1(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    int bi = bo;
    for (int ai = ao, end = ao + kc * MR; ai < end; ai += MR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
      bi += NR;
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
  // V2: A packed at a stride of 8 (kk << 3, a single shift), B kk << 4
  static void v2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int kk = 0; kk < kc; kk++) {
      int bi = bo + kk * NR; int ai = ao + kk * 8;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
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

  // V4: 5 x 2 tile, A's index the loop variable
  static void v4(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    int bi = bo;
    for (int ai = ao, end = ao + kc * 5; ai < end; ai += 5) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
      bi += NR;
      FloatVector x = FloatVector.broadcast(S, ap[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
    }
    int o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc, o4 = co + 4 * ldc;
    c00.intoArray(c, co); c01.intoArray(c, co + L); c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
    c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
  }
  // V5: what VectorSgemm.packedKernel does now: B's index counts the loop, A's is bumped by 6 beside it
  static void v5(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int bi = bo, ai = ao, end = bo + kc * NR; bi < end; bi += NR, ai += MR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
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
  static double run(int v, float[] ap, float[] bp, float[] cs, int kc) {
    long t = System.nanoTime(); int reps = 0;
    while (System.nanoTime() - t < 200_000_000L) {
      for (int q = 0; q < 1000; q++) {
        switch (v) { case 0 -> v0(ap, 0, bp, 0, kc, cs, 0, 64); case 1 -> v1(ap, 0, bp, 0, kc, cs, 0, 64);
                     case 2 -> v2(ap, 0, bp, 0, kc, cs, 0, 64); case 4 -> v4(ap, 0, bp, 0, kc, cs, 0, 64); default -> v5(ap, 0, bp, 0, kc, cs, 0, 64); }
      }
      reps += 1000;
    }
    return 2.0 * (v == 4 ? 5 : MR) * NR * kc * reps / (System.nanoTime() - t);
  }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]); int kc = 256;
    float[] ap = new float[kc * 8 + 64], bp = new float[kc * NR + 64], cs = new float[6 * 64];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < ap.length; i++) ap[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat() * 1e-3f;
    int[] vs = {0, 1, 2, 4, 5}; int nv = 6; double[][] g = new double[nv][rounds];
    for (int round = -2; round < rounds; round++) {
      StringBuilder sb = new StringBuilder(round < 0 ? "(warm-up) " : "");
      for (int v : vs) { double x = run(v, ap, bp, cs, kc); if (round >= 0) g[v][round] = x; sb.append(String.format("v%d %.1f  ", v, x)); }
      System.out.println(sb);
    }
    for (int v : vs) { double[] s = g[v].clone(); java.util.Arrays.sort(s); System.out.printf("v%d median %.1f GFLOPS%n", v, s[rounds / 2]); }
  }
}
