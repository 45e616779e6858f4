package io.jgrad.backend.cpu;
import jdk.incubator.vector.*;
/**
 * Why VectorSgemm.dots2x4 counts its loop with `!=` (session 26): the same loop three ways, each compiled
 * on its own, timed on a 100 x 392 by 392 x 4 edge (the MLP's x W1 on one core), alternating in one JVM.
 * d0: `kk < kv` (before): C2 unrolls it four times and spills (docs/runs/loopaudit.py: 381 macro-ops
 * and 130 stack accesses per 48 FMAs); d1: a long loop variable (C2 still unrolls, 137 stack accesses);
 * d2: `kk != kv` (now): not a counted loop, so not unrolled: 36 macro-ops per 8 FMAs, 4 stack accesses.
 * From the repository root after ./mvnw -q -DskipTests install:
 *   CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   mkdir -p /tmp/dots && javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/dots docs/runs/DotsUnrollProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/dots:$CP io.jgrad.backend.cpu.DotsUnrollProbe
 */
public class DotsUnrollProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
    static void d0(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int kv,
                                float[] sums) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        for (int kk = 0; kk < kv; kk += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + kk);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + kk);
            FloatVector y = FloatVector.fromArray(S, b, b0 + kk);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + kk);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + kk);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + kk);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s02.intoArray(sums, 2 * L);
        s03.intoArray(sums, 3 * L);
        s10.intoArray(sums, 4 * L);
        s11.intoArray(sums, 5 * L);
        s12.intoArray(sums, 6 * L);
        s13.intoArray(sums, 7 * L);
    }

    static void d1(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int kv,
                                float[] sums) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        for (long q = 0; q < kv; q += L) {
            int kk = (int) q;
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + kk);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + kk);
            FloatVector y = FloatVector.fromArray(S, b, b0 + kk);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + kk);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + kk);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + kk);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s02.intoArray(sums, 2 * L);
        s03.intoArray(sums, 3 * L);
        s10.intoArray(sums, 4 * L);
        s11.intoArray(sums, 5 * L);
        s12.intoArray(sums, 6 * L);
        s13.intoArray(sums, 7 * L);
    }


  static void d2(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int kv,
                                float[] sums) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        for (int kk = 0; kk != kv; kk += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + kk);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + kk);
            FloatVector y = FloatVector.fromArray(S, b, b0 + kk);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + kk);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + kk);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + kk);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s02.intoArray(sums, 2 * L);
        s03.intoArray(sums, 3 * L);
        s10.intoArray(sums, 4 * L);
        s11.intoArray(sums, 5 * L);
        s12.intoArray(sums, 6 * L);
        s13.intoArray(sums, 7 * L);
    }


  public static void main(String[] args) {
    int k = 392; float[] a = new float[100 * k], b = new float[4 * k], sums = new float[8 * L];
    java.util.Random r = new java.util.Random(1); for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
    int kv = S.loopBound(k);
    for (int round = -2; round < 10; round++) {
      double[] g = new double[3];
      for (int v = 0; v < 3; v++) {
        long t = System.nanoTime(); long reps = 0;
        while (System.nanoTime() - t < 200_000_000L) {
          for (int i = 0; i < 100; i += 2) { if (v == 0) d0(a, i * k, (i + 1) * k, b, 0, k, 2 * k, 3 * k, kv, sums); else if (v == 2) d2(a, i * k, (i + 1) * k, b, 0, k, 2 * k, 3 * k, kv, sums); else d1(a, i * k, (i + 1) * k, b, 0, k, 2 * k, 3 * k, kv, sums); }
          reps++;
        }
        g[v] = 2.0 * 100 * 4 * kv * reps / (System.nanoTime() - t);
      }
      System.out.printf("d0 %.1f  d1 %.1f  d2 %.1f GFLOPS%n", g[0], g[1], g[2]);
    }
  }
}
