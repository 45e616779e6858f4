import jdk.incubator.vector.*;
/** One core gathering 100 random rows of a 60000 x 784 float32 array: System.arraycopy row after row, four or eight rows side by side, and from uint8 storage (see docs/performance.md). */
public class GatherRows {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int COLS = 784, ROWS = 60000, B = 100;
    static void plain(float[] src, int[] idx, float[] out) {
        for (int i = 0; i < idx.length; i++) System.arraycopy(src, idx[i] * COLS, out, i * COLS, COLS);
    }
    static void four(float[] src, int[] idx, float[] out) {
        int L = S.length(); int i = 0;
        for (; i + 4 <= idx.length; i += 4) {
            int s0 = idx[i]*COLS, s1 = idx[i+1]*COLS, s2 = idx[i+2]*COLS, s3 = idx[i+3]*COLS, d = i*COLS;
            int c = 0;
            for (; c + L <= COLS; c += L) {
                FloatVector.fromArray(S, src, s0 + c).intoArray(out, d + c);
                FloatVector.fromArray(S, src, s1 + c).intoArray(out, d + COLS + c);
                FloatVector.fromArray(S, src, s2 + c).intoArray(out, d + 2*COLS + c);
                FloatVector.fromArray(S, src, s3 + c).intoArray(out, d + 3*COLS + c);
            }
            for (; c < COLS; c++) { out[d+c]=src[s0+c]; out[d+COLS+c]=src[s1+c]; out[d+2*COLS+c]=src[s2+c]; out[d+3*COLS+c]=src[s3+c]; }
        }
        for (; i < idx.length; i++) System.arraycopy(src, idx[i] * COLS, out, i * COLS, COLS);
    }
    static void eight(float[] src, int[] idx, float[] out) {
        int L = S.length(); int i = 0;
        for (; i + 8 <= idx.length; i += 8) {
            int d = i*COLS;
            int s0 = idx[i]*COLS, s1 = idx[i+1]*COLS, s2 = idx[i+2]*COLS, s3 = idx[i+3]*COLS;
            int s4 = idx[i+4]*COLS, s5 = idx[i+5]*COLS, s6 = idx[i+6]*COLS, s7 = idx[i+7]*COLS;
            int c = 0;
            for (; c + L <= COLS; c += L) {
                FloatVector.fromArray(S, src, s0 + c).intoArray(out, d + c);
                FloatVector.fromArray(S, src, s1 + c).intoArray(out, d + COLS + c);
                FloatVector.fromArray(S, src, s2 + c).intoArray(out, d + 2*COLS + c);
                FloatVector.fromArray(S, src, s3 + c).intoArray(out, d + 3*COLS + c);
                FloatVector.fromArray(S, src, s4 + c).intoArray(out, d + 4*COLS + c);
                FloatVector.fromArray(S, src, s5 + c).intoArray(out, d + 5*COLS + c);
                FloatVector.fromArray(S, src, s6 + c).intoArray(out, d + 6*COLS + c);
                FloatVector.fromArray(S, src, s7 + c).intoArray(out, d + 7*COLS + c);
            }
            for (int q = 0; q < 8; q++) { int sq = idx[i+q]*COLS; for (int cc = c; cc < COLS; cc++) out[d+q*COLS+cc]=src[sq+cc]; }
        }
        for (; i < idx.length; i++) System.arraycopy(src, idx[i] * COLS, out, i * COLS, COLS);
    }
    static final VectorSpecies<Byte> SB = ByteVector.SPECIES_128;
    static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512;
    static void bytes(byte[] src, int[] idx, float[] out) {
        for (int i = 0; i < idx.length; i++) {
            int s = idx[i]*COLS, d = i*COLS;
            int c = 0;
            for (; c + 16 <= COLS; c += 16) {
                ((FloatVector) ((IntVector) ByteVector.fromArray(SB, src, s + c).convertShape(VectorOperators.B2I, IntVector.SPECIES_512, 0)).and(0xff).convertShape(VectorOperators.I2F, S16, 0)).mul(1f/255).intoArray(out, d + c);
            }
            for (; c < COLS; c++) out[d + c] = (src[s + c] & 0xff) * (1f/255);
        }
    }
    public static void main(String[] a) {
        float[] src = new float[ROWS*COLS]; byte[] sb = new byte[ROWS*COLS];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < src.length; i++) { sb[i] = (byte) r.nextInt(256); src[i] = (sb[i]&0xff)/255f; }
        float[] out = new float[B*COLS]; int[] idx = new int[B];
        for (int round = 0; round < 6; round++) {
            for (int v = 0; v < 4; v++) {
                long t0 = System.nanoTime();
                for (int it = 0; it < 10000; it++) {
                    for (int i = 0; i < B; i++) idx[i] = r.nextInt(ROWS);
                    if (v == 0) plain(src, idx, out); else if (v == 1) four(src, idx, out); else if (v == 2) bytes(sb, idx, out); else eight(src, idx, out);
                }
                System.out.printf("%s %.1f us  ", v==0?"arraycopy":v==1?"four-rows":v==2?"uint8":"eight-rows", (System.nanoTime() - t0) / 1e3 / 10000);
            }
            System.out.println();
        }
    }
}
