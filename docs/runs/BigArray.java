/** A fresh JVM allocating one 188 MB float array (Fashion-MNIST's pixels) and converting bytes into it, in one loop or in chunks: java -cp DIR BigArray loop|chunk, with and without -XX:+UseTransparentHugePages (docs/performance.md). */
public class BigArray {
    static void chunk(byte[] px, float[] x, int from, int to) { for (int i = from; i < to; i++) x[i] = (px[i] & 0xFF) / 255f; }
    public static void main(String[] a) {
        byte[] px = new byte[47_040_000];
        for (int i = 0; i < px.length; i += 4096) px[i] = (byte) i;
        long t0 = System.nanoTime();
        float[] x = new float[px.length];
        long t1 = System.nanoTime();
        if (a[0].equals("loop")) { for (int i = 0; i < px.length; i++) x[i] = (px[i] & 0xFF) / 255f; }
        else { for (int f = 0; f < px.length; f += 1 << 14) chunk(px, x, f, Math.min(px.length, f + (1 << 14))); }
        long t2 = System.nanoTime();
        System.out.printf("%s: alloc %.0f ms, convert %.0f ms%n", a[0], (t1-t0)/1e6, (t2-t1)/1e6);
    }
}
