package io.jgrad.backend.cpu;
/**
 * The CNN recipe's conv2 forward product in its two orientations, alternating in one JVM (the host's
 * slow and fast phases hit both): 64 x 12544 (A = W^T, B = the im2col columns; what Conv2D runs) against
 * 12544 x 64 (A = the columns transposed, B = W; the output would then need a per-image transpose to
 * NCHW); and the weight gradient as 288 x 64 (what Conv2D runs) against its transpose, 64 x 288
 * (the 18,432 results would then be transposed); and the input gradient as 288 x 12544 (W dr, what Conv2D
 * runs) against 12544 x 288 (dr^T W^T: col2im would then read the columns transposed). Medians of
 * N rounds on T threads. From the repository root after ./mvnw -q -DskipTests install:
 *   CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   mkdir -p /tmp/orient && javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/orient docs/runs/OrientProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/orient:$CP io.jgrad.backend.cpu.OrientProbe 40 2
 */
public class OrientProbe {
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]); int threads = Integer.parseInt(args[1]);
    int co = 64, hw = 12544, k = 288;
    VectorSgemm g = new VectorSgemm(new WorkerPool(threads));
    java.util.Random r = new java.util.Random(1);
    float[] w = new float[k * co], cols = new float[k * hw], c = new float[co * hw];
    for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
    for (int i = 0; i < cols.length; i++) cols[i] = r.nextFloat();
    float[] dr = new float[co * hw], dw = new float[k * co];
    for (int i = 0; i < dr.length; i++) dr[i] = r.nextFloat();
    float[] dc = new float[k * hw];
    double[] t1 = new double[rounds], t2 = new double[rounds], t3 = new double[rounds], t4 = new double[rounds];
    double[] t5 = new double[rounds], t6 = new double[rounds];
    for (int q = -20; q < rounds; q++) {
      long t0 = System.nanoTime(); g.sgemm(true, false, co, hw, k, 1f, w, cols, 0f, c); long a = System.nanoTime() - t0;
      t0 = System.nanoTime(); g.sgemm(true, false, hw, co, k, 1f, cols, w, 0f, c); long b = System.nanoTime() - t0;
      // weight gradient: cols dr^T (288 x 64, as Conv2D runs it) against dr cols^T (64 x 288, its transpose)
      t0 = System.nanoTime(); g.sgemm(false, true, k, co, hw, 1f, cols, dr, 0f, dw); long d1 = System.nanoTime() - t0;
      t0 = System.nanoTime(); g.sgemm(false, true, co, k, hw, 1f, dr, cols, 0f, dw); long d2 = System.nanoTime() - t0;
      // input gradient: W dr (288 x 12544, as Conv2D runs it) against dr^T W^T (12544 x 288, the columns transposed)
      t0 = System.nanoTime(); g.sgemm(false, false, k, hw, co, 1f, w, dr, 0f, dc); long x1 = System.nanoTime() - t0;
      t0 = System.nanoTime(); g.sgemm(true, true, hw, k, co, 1f, dr, w, 0f, dc); long x2 = System.nanoTime() - t0;
      if (q >= 0) { t1[q] = a; t2[q] = b; t3[q] = d1; t4[q] = d2; t5[q] = x1; t6[q] = x2; }
    }
    java.util.Arrays.sort(t1); java.util.Arrays.sort(t2); java.util.Arrays.sort(t3); java.util.Arrays.sort(t4);
    java.util.Arrays.sort(t5); java.util.Arrays.sort(t6);
    System.out.printf("forward 64x12544 (now) median %.0f us; 12544x64 median %.0f us; ratio %.3f%n", t1[rounds/2]/1e3, t2[rounds/2]/1e3, t2[rounds/2]/t1[rounds/2]);
    System.out.printf("weight gradient 288x64 (now) median %.0f us; 64x288 median %.0f us; ratio %.3f%n", t3[rounds/2]/1e3, t4[rounds/2]/1e3, t4[rounds/2]/t3[rounds/2]);
    System.out.printf("input gradient 288x12544 (now) median %.0f us; 12544x288 median %.0f us; ratio %.3f%n", t5[rounds/2]/1e3, t6[rounds/2]/1e3, t6[rounds/2]/t5[rounds/2]);
  }
}
