package io.jgrad.backend.cpu;
/**
 * Same-JVM A/B of a tuning switch over several float32 products (ToggleGemm's method, with enough calls
 * per block for the MLP's small products to be timed after C2 has compiled them): the switch, a
 * non-final static int TOGGLE of VectorSgemm added while experimenting, set to 0 and 1 in turn before
 * each block of calls on one VectorSgemm (one worker pool: two pools would spin against each other),
 * paired ratios of the block medians. Shapes are m x k x n, "xA"/"xB" transposing that operand.
 * From the repository root, with the switch in place and ./mvnw -q -DskipTests install run:
 *   CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   mkdir -p /tmp/tshapes && javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/tshapes docs/runs/ToggleShapes.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/tshapes:$CP \
 *     io.jgrad.backend.cpu.ToggleShapes 2 21 100x784x100 784x100x100xA
 */
public class ToggleShapes {
  public static void main(String[] a) throws Exception {
    java.lang.reflect.Field f = VectorSgemm.class.getDeclaredField("TOGGLE"); f.setAccessible(true);
    int threads = Integer.parseInt(a[0]), blocks = Integer.parseInt(a[1]);
    VectorSgemm g = new VectorSgemm(new WorkerPool(threads));
    for (int s = 2; s < a.length; s++) {
      String[] d = a[s].split("x"); int m = Integer.parseInt(d[0]), k = Integer.parseInt(d[1]), n = Integer.parseInt(d[2]);
      boolean ta = d.length > 3 && d[3].contains("A"), tb = d.length > 3 && d[3].contains("B");
      float[] A = new float[m * k], B = new float[k * n], C = new float[m * n];
      java.util.Random r = new java.util.Random(1); for (int i = 0; i < A.length; i++) A[i] = r.nextFloat(); for (int i = 0; i < B.length; i++) B[i] = r.nextFloat();
      int reps = (int) Math.max(10, Math.min(400, 3e8 / (2.0 * m * n * k)));
      double[][] med = new double[2][blocks]; double[] ratio = new double[blocks];
      for (int b = -5; b < blocks; b++) {
        for (int v = 0; v < 2; v++) {
          f.setInt(null, v); double[] t = new double[reps];
          for (int i = 0; i < reps; i++) { long t0 = System.nanoTime(); g.sgemm(ta, tb, m, n, k, 1f, A, B, 0f, C); t[i] = System.nanoTime() - t0; }
          java.util.Arrays.sort(t); if (b >= 0) med[v][b] = t[reps / 2];
        }
        if (b >= 0) ratio[b] = med[1][b] / med[0][b];
      }
      java.util.Arrays.sort(ratio); java.util.Arrays.sort(med[0]); java.util.Arrays.sort(med[1]);
      System.out.printf("%dT %s: 0 %.1f us, 1 %.1f us, paired 1/0 median %.3f (%.3f..%.3f)%n", threads, a[s], med[0][blocks/2]/1e3, med[1][blocks/2]/1e3, ratio[blocks/2], ratio[0], ratio[blocks-1]);
    }
  }
}
