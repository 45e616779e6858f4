package io.jgrad.backend.cpu;
/**
 * The CNN recipe's conv2 GEMM shapes (forward, weight gradient, input gradient) and 1024^3, median of
 * N calls each on T threads. From the repository root after ./mvnw -q -DskipTests install:
 *   CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   mkdir -p /tmp/shapes && javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/shapes docs/runs/ShapeProbe.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/shapes:$CP io.jgrad.backend.cpu.ShapeProbe 60 2
 */
public class ShapeProbe {
  // ta tb m n k
  static final String[] SHAPES = {"fwd T,F,64,12544,288", "dW F,T,288,64,12544", "dX F,F,288,12544,64", "sq F,F,1024,1024,1024"};
  public static void main(String[] args) {
    int rounds = Integer.parseInt(args[0]); int threads = Integer.parseInt(args[1]);
    String only = args.length > 2 ? args[2] : null;
    VectorSgemm g = new VectorSgemm(new WorkerPool(threads));
    java.util.Random r = new java.util.Random(1);
    for (String s : SHAPES) {
      String name = s.split(" ")[0]; if (only != null && !only.equals(name)) continue;
      String[] p = s.split(" ")[1].split(",");
      boolean ta = p[0].equals("T"), tb = p[1].equals("T");
      int m = Integer.parseInt(p[2]), n = Integer.parseInt(p[3]), k = Integer.parseInt(p[4]);
      float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
      for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
      for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
      double[] ts = new double[rounds];
      for (int q = -20; q < rounds; q++) { long t0 = System.nanoTime(); g.sgemm(ta, tb, m, n, k, 1f, a, b, 0f, c); if (q >= 0) ts[q] = System.nanoTime() - t0; }
      java.util.Arrays.sort(ts);
      System.out.printf("%-4s %s%s m=%d n=%d k=%d: median %.0f us, %.1f GFLOPS%n", name, ta ? "A^T " : "", tb ? "B^T " : "", m, n, k, ts[rounds / 2] / 1e3, 2.0 * m * n * k / ts[rounds / 2]);
    }
  }
}
