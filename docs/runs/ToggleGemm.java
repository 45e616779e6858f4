package io.jgrad.backend.cpu;

/**
 * Same-JVM A/B of a tuning switch on one float32 product (ToggleCnn's method for a single GEMM):
 * blocks of calls, the switch (a non-final static int of VectorSgemm, added while experimenting)
 * set to 0 and 1 in turn before each block, paired ratios of the block medians. From the repository
 * root, with the switch in place:
 *   CP=backend-cpu/target/classes:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2.*.jar' | head -1)
 *   mkdir -p /tmp/tgemm && javac --add-modules jdk.incubator.vector -cp $CP -d /tmp/tgemm docs/runs/ToggleGemm.java
 *   java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -cp /tmp/tgemm:$CP \
 *     io.jgrad.backend.cpu.ToggleGemm PACK_ROWS 64 12544 288 15 [AB]
 * (the last argument, "A", "B" or "AB", transposes those operands; without it neither).
 */
public class ToggleGemm {
    public static void main(String[] a) throws Exception {
        java.lang.reflect.Field f = VectorSgemm.class.getDeclaredField(a[0]);
        f.setAccessible(true);
        int m = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]), k = Integer.parseInt(a[3]);
        int blocks = Integer.parseInt(a[4]);
        boolean ta = a.length > 5 && a[5].contains("A"), tb = a.length > 5 && a[5].contains("B"); // "B": op(B) = B^T
        VectorSgemm g = new VectorSgemm(new WorkerPool(2));
        float[] A = new float[m * k], B = new float[k * n], C = new float[m * n];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < A.length; i++) A[i] = r.nextFloat();
        for (int i = 0; i < B.length; i++) B[i] = r.nextFloat();
        int reps = (int) Math.max(3, 2e9 / (2.0 * m * n * k) / 10);
        double[][] med = new double[2][blocks];
        for (int b = -3; b < blocks; b++) {
            for (int v = 0; v < 2; v++) {
                f.setInt(null, v);
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    g.sgemm(ta, tb, m, n, k, 1f, A, B, 0f, C);
                    t[i] = System.nanoTime() - t0;
                }
                java.util.Arrays.sort(t);
                if (b >= 0) med[v][b] = t[reps / 2];
            }
        }
        double[] ratio = new double[blocks];
        for (int i = 0; i < blocks; i++) ratio[i] = med[1][i] / med[0][i];
        java.util.Arrays.sort(ratio);
        java.util.Arrays.sort(med[0]);
        java.util.Arrays.sort(med[1]);
        System.out.printf("%dx%dx%d%s: %s=0 %.1f us, 1 %.1f us, paired ratio 1/0 median %.3f (%.3f..%.3f)%n", m, n, k, (ta ? " A^T" : "") + (tb ? " B^T" : ""), a[0],
                med[0][blocks / 2] / 1e3, med[1][blocks / 2] / 1e3, ratio[blocks / 2], ratio[0], ratio[blocks - 1]);
    }
}
