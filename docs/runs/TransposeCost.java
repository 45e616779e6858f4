/**
 * What the pixel-major convolution forward would add: its GEMM result [batch, pixels, filters] turned
 * into NCHW [batch, filters, pixels] with the bias and the ReLU, in plain Java, blocks of P pixels
 * (one thread; median of 200 passes over a batch of 64). docs/performance.md, "Session 24".
 *   javac -d /tmp/tc docs/runs/TransposeCost.java && java -DP=8 -cp /tmp/tc TransposeCost 196 64
 */
public class TransposeCost {
    static void toChannels(float[] src, int batch, int pixels, int filters, float[] bias, float[] dst, int block) {
        for (int b = 0; b < batch; b++) {
            int base = b * pixels * filters;
            int p0 = 0;
            for (; p0 + block <= pixels; p0 += block) {
                for (int f = 0; f < filters; f++) {
                    float bf = bias[f];
                    int s = base + p0 * filters + f;
                    int d = base + f * pixels + p0;
                    for (int q = 0; q < block; q++) {
                        dst[d + q] = Math.max(0f, src[s + q * filters] + bf);
                    }
                }
            }
            for (; p0 < pixels; p0++) {
                for (int f = 0; f < filters; f++) {
                    dst[base + f * pixels + p0] = Math.max(0f, src[base + p0 * filters + f] + bias[f]);
                }
            }
        }
    }

    public static void main(String[] args) {
        int batch = 64;
        int pixels = Integer.parseInt(args[0]);
        int filters = Integer.parseInt(args[1]);
        int block = Integer.getInteger("P", 8);
        float[] src = new float[batch * pixels * filters];
        float[] dst = new float[src.length];
        float[] bias = new float[filters];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextFloat() - 0.5f;
        }
        double[] t = new double[200];
        for (int q = -100; q < t.length; q++) {
            long t0 = System.nanoTime();
            toChannels(src, batch, pixels, filters, bias, dst, block);
            if (q >= 0) {
                t[q] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(t);
        System.out.printf("pixels %d filters %d, blocks of %d: median %.0f us (1 thread)%n", pixels, filters, block,
                t[t.length / 2] / 1e3);
    }
}
