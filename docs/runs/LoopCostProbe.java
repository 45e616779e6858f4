import jdk.incubator.vector.*;
/**
 * What the 6 x 2-vector float32 micro-kernel's loop costs against leaner loops, each compiled on its own
 * and timed on data in L1, alternating in one JVM. Run with the dontinline flags below: a kernel small
 * enough to be inlined into the timing loop is compiled with it, and then the code timed is not the
 * code loopstat.py reads. peak: 12 FMAs on registers; broadcastsOnly: 6 broadcasts of A per 12 FMAs, B
 * in registers; loadsOnly: 2 vector loads of B per 12 FMAs, A in registers; v5: packedKernel's loop
 * (KernelIndexProbe.v5); checkedB: v5 with an explicit check of B's index, which C2 hoists out of the
 * loop, so B's second load takes a displacement (3 instructions fewer); unrolled: two K steps per
 * iteration; tile4x2: 4 rows x 2 vectors, A's index counting the loop. Count each loop with
 * docs/runs/loopstat.py (add -XX:+UnlockDiagnosticVMOptions '-XX:CompileCommand=print,LoopCostProbe::*').
 *   mkdir -p /tmp/lc && javac --add-modules jdk.incubator.vector -d /tmp/lc docs/runs/KernelIndexProbe.java docs/runs/LoopCostProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -XX:CompileCommand=quiet \
 *     '-XX:CompileCommand=dontinline,LoopCostProbe::*' '-XX:CompileCommand=dontinline,KernelIndexProbe::*' -cp /tmp/lc LoopCostProbe 8
 */
public class LoopCostProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length(), MR = 6, NR = 2 * L;
  static float sink;
  static float peak(float[] ap, float[] bp, int kc) {
    FloatVector b0 = FloatVector.broadcast(S, 0.5f), b1 = FloatVector.broadcast(S, 0.25f), x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 0.998f);
    FloatVector c0=FloatVector.zero(S),c1=c0,c2=c0,c3=c0,c4=c0,c5=c0,c6=c0,c7=c0,c8=c0,c9=c0,c10=c0,c11=c0;
    for (int i = 0; i != kc; i++) {
      c0=x.fma(b0,c0);c1=x.fma(b1,c1);c2=y.fma(b0,c2);c3=y.fma(b1,c3);c4=x.fma(b0,c4);c5=x.fma(b1,c5);
      c6=y.fma(b0,c6);c7=y.fma(b1,c7);c8=x.fma(b0,c8);c9=x.fma(b1,c9);c10=y.fma(b0,c10);c11=y.fma(b1,c11);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
  }
  static float broadcastsOnly(float[] ap, float[] bp, int kc) {
    FloatVector b0 = FloatVector.broadcast(S, 0.5f), b1 = FloatVector.broadcast(S, 0.25f);
    FloatVector c00=FloatVector.zero(S),c01=c00,c10=c00,c11=c00,c20=c00,c21=c00,c30=c00,c31=c00,c40=c00,c41=c00,c50=c00,c51=c00;
    for (int ai = 0, end = kc * MR; ai < end; ai += MR) {
      FloatVector x = FloatVector.broadcast(S, ap[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
    }
    return c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31).add(c40).add(c41).add(c50).add(c51).reduceLanes(VectorOperators.ADD);
  }
  static float loadsOnly(float[] ap, float[] bp, int kc) {
    FloatVector x0 = FloatVector.broadcast(S, 0.5f), x1 = FloatVector.broadcast(S, 0.25f);
    FloatVector c00=FloatVector.zero(S),c01=c00,c10=c00,c11=c00,c20=c00,c21=c00,c30=c00,c31=c00,c40=c00,c41=c00,c50=c00,c51=c00;
    for (int bi = 0, end = kc * NR; bi < end; bi += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
      c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
      c20 = x0.fma(b0, c20); c21 = x0.fma(b1, c21); c30 = x1.fma(b0, c30); c31 = x1.fma(b1, c31);
      c40 = x0.fma(b0, c40); c41 = x0.fma(b1, c41); c50 = x1.fma(b0, c50); c51 = x1.fma(b1, c51);
    }
    return c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31).add(c40).add(c41).add(c50).add(c51).reduceLanes(VectorOperators.ADD);
  }
  static void checkedB(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    int bLast = bp.length - NR + 1;
    for (int bi = bo, ai = ao, end = bo + kc * NR; bi < end; bi += NR, ai += MR) {
      java.util.Objects.checkIndex(bi, bLast);
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
  static void unrolled(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    int bi = bo, ai = ao;
    for (int end = bo + (kc & ~1) * NR; bi < end; bi += 2 * NR, ai += 2 * MR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector x = FloatVector.broadcast(S, ap[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
      b0 = FloatVector.fromArray(S, bp, bi + NR); b1 = FloatVector.fromArray(S, bp, bi + NR + L);
      x = FloatVector.broadcast(S, ap[ai + 6]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 7]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 8]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 9]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 10]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ai + 11]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
    }
    if ((kc & 1) != 0) {
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
  static void tile4x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    for (int ai = ao, bi = bo, end = ao + kc * 4; ai < end; ai += 4, bi += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi), b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector x = FloatVector.broadcast(S, ap[ai]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
    }
    int o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc;
    c00.intoArray(c, co); c01.intoArray(c, co + L); c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
  }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]); int kc = 256;
    float[] ap = new float[kc * 8 + 64], bp = new float[kc * NR], cs = new float[6 * 64];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < ap.length; i++) ap[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat() * 1e-3f;
    for (int k : new int[] {kc, kc - 1}) { // the kernel's variants agree with it (an odd K too)
      float[] c5 = new float[6 * 64], ck = new float[6 * 64], cu = new float[6 * 64];
      KernelIndexProbe.v5(ap, 0, bp, 0, k, c5, 0, 64); checkedB(ap, 0, bp, 0, k, ck, 0, 64); unrolled(ap, 0, bp, 0, k, cu, 0, 64);
      for (int i = 0; i < c5.length; i++) if (c5[i] != ck[i] || Math.abs(c5[i] - cu[i]) > 1e-6f) throw new AssertionError("kc " + k + " at " + i);
    }
    String[] names = {"peak", "broadcastsOnly", "loadsOnly", "v5", "checkedB", "unrolled", "tile4x2"};
    double[][] g = new double[names.length][rounds];
    for (int round = -3; round < rounds; round++) { // three warm-up rounds, not counted
      StringBuilder sb = new StringBuilder(round < 0 ? "(warm-up) " : "");
      for (int v = 0; v < names.length; v++) {
        long t = System.nanoTime(); long reps = 0;
        while (System.nanoTime() - t < 150_000_000L) {
          for (int q = 0; q < 1000; q++) {
            switch (v) {
              case 0 -> sink += peak(ap, bp, kc);
              case 1 -> sink += broadcastsOnly(ap, bp, kc);
              case 2 -> sink += loadsOnly(ap, bp, kc);
              case 3 -> KernelIndexProbe.v5(ap, 0, bp, 0, kc, cs, 0, 64);
              case 4 -> checkedB(ap, 0, bp, 0, kc, cs, 0, 64);
              case 5 -> unrolled(ap, 0, bp, 0, kc, cs, 0, 64);
              default -> tile4x2(ap, 0, bp, 0, kc, cs, 0, 64);
            }
          }
          reps += 1000;
        }
        double gf = 2.0 * (v == 6 ? 4 : MR) * NR * kc * reps / (System.nanoTime() - t);
        if (round >= 0) g[v][round] = gf;
        sb.append(String.format("%s %.1f  ", names[v], gf));
      }
      System.out.println(sb);
    }
    for (int v = 0; v < names.length; v++) { double[] s = g[v].clone(); java.util.Arrays.sort(s); System.out.printf("%s median %.1f GFLOPS%n", names[v], s[rounds / 2]); }
  }
}
