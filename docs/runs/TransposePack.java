import jdk.incubator.vector.*;
/**
 * The weight gradients' transposed-B packing (64 x 12544, conv2's dr) done by the library's scalar
 * loop and by 8 x 8 transposes in registers (three rounds of two-input rearranges), checked equal,
 * then timed alternately in one JVM. On JDK 17 the two-input rearrange is not compiled to shuffles
 * (it boxes), so the register transpose is ~24x slower; worth re-running on a newer JDK.
 *   mkdir -p /tmp/tpack && javac --add-modules jdk.incubator.vector -d /tmp/tpack docs/runs/TransposePack.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/tpack TransposePack 40
 */
public class TransposePack {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static final int NR = 16;
  // scalar: the library's transposed-B packing of one full panel (16 rows of B, kc values each)
  static void scalar(float[] b, int k, int j0, int pc, int kc, float[] buf, int p) {
    for (int jj = 0; jj < NR; jj++) {
      int src = (j0 + jj) * k + pc;
      for (int kk = 0; kk < kc; kk++) buf[p + kk * NR + jj] = b[src + kk];
    }
  }
  // stage shuffles for an 8x8 transpose by three rounds of two-input rearranges
  static final VectorShuffle<Float> LO1 = VectorShuffle.fromValues(S, 0, -8, 2, -6, 4, -4, 6, -2);   // a0 b0 a2 b2 ...
  static final VectorShuffle<Float> HI1 = VectorShuffle.fromValues(S, 1, -7, 3, -5, 5, -3, 7, -1);
  static final VectorShuffle<Float> LO2 = VectorShuffle.fromValues(S, 0, 1, -8, -7, 4, 5, -4, -3);
  static final VectorShuffle<Float> HI2 = VectorShuffle.fromValues(S, 2, 3, -6, -5, 6, 7, -2, -1);
  static final VectorShuffle<Float> LO4 = VectorShuffle.fromValues(S, 0, 1, 2, 3, -8, -7, -6, -5);
  static final VectorShuffle<Float> HI4 = VectorShuffle.fromValues(S, 4, 5, 6, 7, -4, -3, -2, -1);
  static void vec(float[] b, int k, int j0, int pc, int kc, float[] buf, int p) {
    int kv = kc & ~7;
    for (int jh = 0; jh < NR; jh += 8) {
      int s0 = (j0 + jh) * k + pc;
      for (int kk = 0; kk < kv; kk += 8) {
        int s = s0 + kk;
        FloatVector r0 = FloatVector.fromArray(S, b, s), r1 = FloatVector.fromArray(S, b, s + k);
        FloatVector r2 = FloatVector.fromArray(S, b, s + 2 * k), r3 = FloatVector.fromArray(S, b, s + 3 * k);
        FloatVector r4 = FloatVector.fromArray(S, b, s + 4 * k), r5 = FloatVector.fromArray(S, b, s + 5 * k);
        FloatVector r6 = FloatVector.fromArray(S, b, s + 6 * k), r7 = FloatVector.fromArray(S, b, s + 7 * k);
        FloatVector t0 = r0.rearrange(LO1, r1), t1 = r0.rearrange(HI1, r1), t2 = r2.rearrange(LO1, r3), t3 = r2.rearrange(HI1, r3);
        FloatVector t4 = r4.rearrange(LO1, r5), t5 = r4.rearrange(HI1, r5), t6 = r6.rearrange(LO1, r7), t7 = r6.rearrange(HI1, r7);
        FloatVector u0 = t0.rearrange(LO2, t2), u1 = t1.rearrange(LO2, t3), u2 = t0.rearrange(HI2, t2), u3 = t1.rearrange(HI2, t3);
        FloatVector u4 = t4.rearrange(LO2, t6), u5 = t5.rearrange(LO2, t7), u6 = t4.rearrange(HI2, t6), u7 = t5.rearrange(HI2, t7);
        int d = p + kk * NR + jh;
        u0.rearrange(LO4, u4).intoArray(buf, d);
        u1.rearrange(LO4, u5).intoArray(buf, d + NR);
        u2.rearrange(LO4, u6).intoArray(buf, d + 2 * NR);
        u3.rearrange(LO4, u7).intoArray(buf, d + 3 * NR);
        u0.rearrange(HI4, u4).intoArray(buf, d + 4 * NR);
        u1.rearrange(HI4, u5).intoArray(buf, d + 5 * NR);
        u2.rearrange(HI4, u6).intoArray(buf, d + 6 * NR);
        u3.rearrange(HI4, u7).intoArray(buf, d + 7 * NR);
      }
      for (int jj = jh; jj < jh + 8; jj++) {
        int src = (j0 + jj) * k + pc;
        for (int kk = kv; kk < kc; kk++) buf[p + kk * NR + jj] = b[src + kk];
      }
    }
  }
  public static void main(String[] a) {
    int k = 12544, n = 64, kc = 256, rounds = Integer.parseInt(a[0]);
    float[] b = new float[n * k]; java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
    float[] buf1 = new float[NR * kc * 4], buf2 = new float[NR * kc * 4];
    // check
    for (int pc = 0; pc + kc <= k; pc += kc) for (int q = 0; q < 4; q++) { scalar(b, k, q * NR, pc, kc, buf1, q * NR * kc); vec(b, k, q * NR, pc, kc, buf2, q * NR * kc); }
    if (!java.util.Arrays.equals(buf1, buf2)) { System.out.println("MISMATCH"); return; }
    double[] ts = new double[rounds], tv = new double[rounds], rt = new double[rounds];
    for (int q = -10; q < rounds; q++) {
      long t0 = System.nanoTime();
      for (int pc = 0; pc + kc <= k; pc += kc) for (int j = 0; j < 4; j++) scalar(b, k, j * NR, pc, kc, buf1, j * NR * kc);
      long t1 = System.nanoTime();
      for (int pc = 0; pc + kc <= k; pc += kc) for (int j = 0; j < 4; j++) vec(b, k, j * NR, pc, kc, buf2, j * NR * kc);
      long t2 = System.nanoTime();
      if (q >= 0) { ts[q] = t1 - t0; tv[q] = t2 - t1; rt[q] = (double) (t2 - t1) / (t1 - t0); }
    }
    java.util.Arrays.sort(ts); java.util.Arrays.sort(tv); java.util.Arrays.sort(rt);
    System.out.printf("pack B^T of 64 x 12544 (conv2 dW): scalar %.0f us, 8x8 register transpose %.0f us, paired ratio %.3f%n", ts[rounds/2]/1e3, tv[rounds/2]/1e3, rt[rounds/2]);
  }
}
