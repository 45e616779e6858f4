package io.jgrad.backend.cpu;
import jdk.incubator.vector.*;
/**
 * Where the float32 GEMM's time goes, phase noise cancelled: in one JVM, round after round, (1) the FMA
 * peak (12 independent accumulators, no loads), (2) the 6 x 2-vector micro-kernel alone on data in L1
 * (a copy of VectorSgemm.packedKernel's loop), (3) the whole 1024^3 product on 1 and 2 threads.
 * Run from the repository root after ./mvnw -q -DskipTests install:
 *   mkdir -p /tmp/probe && CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/probe docs/runs/GemmProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/probe:$CP io.jgrad.backend.cpu.GemmProbe 8
 */
public class GemmProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length(), MR = 6, NR = 2 * L;
  static void k6x2(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    for (int bi = bo, ai = ao, end = bo + kc * NR; bi < end; bi += NR, ai += MR) { // as packedKernel since session 25
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector x = FloatVector.broadcast(S, ap[ai]);
      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, ap[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, ap[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, ap[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, ap[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, ap[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
    }
    int o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc, o4 = co + 4 * ldc, o5 = co + 5 * ldc;
    c00.add(FloatVector.fromArray(S, c, co)).intoArray(c, co); c01.add(FloatVector.fromArray(S, c, co + L)).intoArray(c, co + L);
    c10.add(FloatVector.fromArray(S, c, o1)).intoArray(c, o1); c11.add(FloatVector.fromArray(S, c, o1 + L)).intoArray(c, o1 + L);
    c20.add(FloatVector.fromArray(S, c, o2)).intoArray(c, o2); c21.add(FloatVector.fromArray(S, c, o2 + L)).intoArray(c, o2 + L);
    c30.add(FloatVector.fromArray(S, c, o3)).intoArray(c, o3); c31.add(FloatVector.fromArray(S, c, o3 + L)).intoArray(c, o3 + L);
    c40.add(FloatVector.fromArray(S, c, o4)).intoArray(c, o4); c41.add(FloatVector.fromArray(S, c, o4 + L)).intoArray(c, o4 + L);
    c50.add(FloatVector.fromArray(S, c, o5)).intoArray(c, o5); c51.add(FloatVector.fromArray(S, c, o5 + L)).intoArray(c, o5 + L);
  }
  static float peak(int n, float f) {
    FloatVector b0 = FloatVector.broadcast(S, f), b1 = FloatVector.broadcast(S, f * 0.5f), x = FloatVector.broadcast(S, 0.5f);
    FloatVector c0=FloatVector.zero(S),c1=c0,c2=c0,c3=c0,c4=c0,c5=c0,c6=c0,c7=c0,c8=c0,c9=c0,c10=c0,c11=c0;
    for (int i = 0; i < n; i++) {
      c0=x.fma(b0,c0);c1=x.fma(b1,c1);c2=x.fma(b0,c2);c3=x.fma(b1,c3);c4=x.fma(b0,c4);c5=x.fma(b1,c5);
      c6=x.fma(b0,c6);c7=x.fma(b1,c7);c8=x.fma(b0,c8);c9=x.fma(b1,c9);c10=x.fma(b0,c10);c11=x.fma(b1,c11);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
  }
  static float sink;
  static double kernel(float[] ap, float[] bp, float[] cs, int kc) {
      long t = System.nanoTime(); int reps = 0;
      while (System.nanoTime() - t < 300_000_000L) { for (int q = 0; q < 1000; q++) k6x2(ap, 0, bp, 0, kc, cs, 0, 64); reps += 1000; }
      return 2.0 * MR * NR * kc * reps / (System.nanoTime() - t);
  }
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]);
    int kc = 256;
    float[] ap = new float[kc * MR + 64], bp = new float[kc * NR + 64], cs = new float[6 * 64];
    int n = 1024;
    float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
    VectorSgemm g1 = new VectorSgemm(new WorkerPool(1)), g2 = new VectorSgemm(new WorkerPool(2));
    double[][] res = new double[rounds][3];
    // C2 compiles peak() only after thousands of calls; until then C1's code boxes every vector
    for (int q = 0; q < 20_000; q++) sink += peak(10, 0.999f);
    for (int round = -2; round < rounds; round++) { // two warm-up rounds, printed but not counted
      long tp = System.nanoTime();
      for (int q = 0; q < 2000; q++) sink += peak(2_500, 0.999f); // many short calls: compiled whole, not on-stack-replaced
      double pk = 2.0 * 12 * L * 5_000_000.0 / (System.nanoTime() - tp);
      double kern = kernel(ap, bp, cs, kc);
      double[] gf = new double[2];
      VectorSgemm[] gs = {g1, g2};
      for (int gi = 0; gi < 2; gi++) {
        double[] ts = new double[5];
        for (int q = 0; q < 5; q++) { long t0 = System.nanoTime(); gs[gi].sgemm(false, false, n, n, n, 1f, a, b, 0f, c); ts[q] = System.nanoTime() - t0; }
        java.util.Arrays.sort(ts); gf[gi] = 2.0 * n * n * n / ts[2];
      }
      if (round >= 0) { res[round][0] = kern; res[round][1] = gf[0]; res[round][2] = gf[1]; }
      System.out.printf("%speak %.1f kernel/peak %.2f  kernel %.1f  gemm1T %.1f (%.2f of kernel)  gemm2T %.1f (%.2f of 2x kernel)%n", round < 0 ? "(warm-up) " : "", pk, kern / pk, kern, gf[0], gf[0] / kern, gf[1], gf[1] / kern / 2);
    }
    double[] r1 = new double[rounds], r2 = new double[rounds];
    for (int i = 0; i < rounds; i++) { r1[i] = res[i][1] / res[i][0]; r2[i] = res[i][2] / res[i][0] / 2; }
    java.util.Arrays.sort(r1); java.util.Arrays.sort(r2);
    System.out.printf("MEDIAN 1T/kernel %.2f  2T/(2 kernel) %.2f%n", r1[rounds / 2], r2[rounds / 2]);
  }
}
