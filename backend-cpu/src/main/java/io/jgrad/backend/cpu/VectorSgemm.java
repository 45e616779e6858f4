package io.jgrad.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 GEMM with the Vector API, in the Goto/BLIS layout: op(B) is packed into KC x NR panels,
 * op(A) (scaled by alpha) into KC x MR slivers, and a 6 x 2-vector register-blocked micro-kernel
 * accumulates each tile of C. All four transpose cases differ only in how packing reads memory.
 * The work is split across the pool by rows or by columns, whichever has more micro-tiles.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present (see {@link KernelChoice}).
 * Not thread-safe: one instance per backend; call state lives in fields so dispatch allocates nothing.
 */
final class VectorSgemm implements Sgemm, WorkerPool.Job {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    private static final int KC = 256;
    private static final int MC = 16 * MR;
    private static final int NC = 64 * NR;
    /** Below this many multiply-adds the pool's hand-off costs more than it saves. */
    private static final long PARALLEL_MACS = 1L << 16;

    private final WorkerPool pool;
    private final float[][] packA;
    private final float[][] packB;
    private final float[][] tiles;

    private boolean ta;
    private boolean tb;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float beta;
    private float[] a;
    private float[] b;
    private float[] c;
    private boolean splitColumns;

    VectorSgemm(WorkerPool pool) {
        this.pool = pool;
        int t = pool.threads();
        packA = new float[t][MC * (KC + 1)];
        packB = new float[t][NC * (KC + 1)];
        tiles = new float[t][MR * NR];
    }

    @Override
    public String kind() {
        return "Vector API " + S.vectorBitSize() + "-bit";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
                      float beta, float[] c) {
        this.ta = transA;
        this.tb = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.b = b;
        this.c = c;
        if (isSmall(transB, m, n, k)) {
            direct();
            this.a = null;
            this.b = null;
            this.c = null;
            return;
        }
        int rowTiles = (m + MR - 1) / MR;
        int colTiles = (n + NR - 1) / NR;
        splitColumns = colTiles >= rowTiles;
        int parts = (long) m * n * k < PARALLEL_MACS ? 1 : Math.min(pool.threads(), Math.max(rowTiles, colTiles));
        if (parts <= 1) {
            run(0, 1);
        } else {
            pool.run(this, parts);
        }
        this.a = null;
        this.b = null;
        this.c = null;
    }

    /**
     * Skinny or tiny products (a batch of 3, an inner dimension of 3 or 10) where packing costs more
     * than the arithmetic: the kernel then reads A and B where they lie. Needs B untransposed.
     */
    private static boolean isSmall(boolean tb, int m, int n, int k) {
        return !tb && (long) m * n * k <= (1L << 20) && (m < 2 * MR || k < 16);
    }

    /** C += alpha * op(A) * B straight from the operands; only a ragged last column panel is copied. */
    private void direct() {
        boolean store = beta == 0f; // one pass over K: write C instead of clearing and adding
        if (!store) {
            scaleC(0, m, 0, n);
        }
        float[] panel = packB[0];
        float[] tile = tiles[0];
        int aKS = ta ? m : 1;
        for (int jr = 0; jr < n; jr += NR) {
            int nr = Math.min(NR, n - jr);
            float[] bp = b;
            int bo = jr;
            int bKS = n;
            if (nr < NR) { // the ragged edge: copy it into a zero-padded panel
                for (int kk = 0; kk < k; kk++) {
                    System.arraycopy(b, kk * n + jr, panel, kk * NR, nr);
                    java.util.Arrays.fill(panel, kk * NR + nr, kk * NR + NR, 0f);
                }
                bp = panel;
                bo = 0;
                bKS = NR;
            }
            for (int ir = 0; ir < m; ir += MR) {
                int mr = Math.min(MR, m - ir);
                // Rows past the edge re-read the last valid row; their results are dropped.
                int rs = ta ? 1 : k;
                int a0 = ir * rs;
                stridedKernel(a, a0, a0 + Math.min(1, mr - 1) * rs, a0 + Math.min(2, mr - 1) * rs,
                        a0 + Math.min(3, mr - 1) * rs, a0 + Math.min(4, mr - 1) * rs, a0 + Math.min(5, mr - 1) * rs,
                        aKS, bp, bo, bKS, k, tile);
                addTile(tile, c, ir * n + jr, n, mr, nr, alpha, store);
            }
        }
    }

    @Override
    public void run(int part, int parts) {
        if (splitColumns) {
            int tilesN = (n + NR - 1) / NR;
            int n0 = Math.min(n, tilesN * part / parts * NR);
            int n1 = Math.min(n, tilesN * (part + 1) / parts * NR);
            block(part, 0, m, n0, n1);
        } else {
            int tilesM = (m + MR - 1) / MR;
            int m0 = Math.min(m, tilesM * part / parts * MR);
            int m1 = Math.min(m, tilesM * (part + 1) / parts * MR);
            block(part, m0, m1, 0, n);
        }
    }

    private void block(int part, int m0, int m1, int n0, int n1) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        if (beta != 0f) {
            scaleC(m0, m1, n0, n1);
        }
        float[] bufA = packA[part];
        float[] bufB = packB[part];
        float[] tile = tiles[part];
        // Equal K blocks (784 = 3 x 262, not 256+256+256+16): a short last block costs a full pass
        // of tile loads and stores for little arithmetic.
        int kBlock = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < k; pc += kBlock) {
                int kc = Math.min(kBlock, k - pc);
                boolean store = pc == 0 && beta == 0f; // the first K block writes C, the rest add to it
                packB(bufB, pc, kc, jc, nc);
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    packA(bufA, ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bo = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int co = (ic + ir) * n + jc + jr;
                            if (mr == MR && nr == NR) { // a full tile goes from registers straight to C
                                packedKernel(bufA, (ir / MR) * kc * MR, bufB, bo, kc, c, co, n, store);
                            } else {
                                if (nr <= L) { // a narrow edge panel: half the work of a full one
                                    packedKernelHalf(bufA, (ir / MR) * kc * MR, bufB, bo, kc, tile);
                                } else {
                                    packedKernel(bufA, (ir / MR) * kc * MR, bufB, bo, kc, tile, 0, NR, true);
                                }
                                addTile(tile, c, co, n, mr, nr, 1f, store);
                            }
                        }
                    }
                }
            }
        }
    }

    /** C = beta * C on this part's block; beta == 0 clears, so NaNs in old C never leak through. */
    private void scaleC(int m0, int m1, int n0, int n1) {
        if (beta == 1f) {
            return;
        }
        for (int i = m0; i < m1; i++) {
            int o = i * n;
            if (beta == 0f) {
                java.util.Arrays.fill(c, o + n0, o + n1, 0f);
            } else {
                for (int j = n0; j < n1; j++) {
                    c[o + j] *= beta;
                }
            }
        }
    }

    /** op(B)[pc:pc+kc, jc:jc+nc] into NR-wide panels, each kc rows of NR floats, zero-padded. */
    private void packB(float[] buf, int pc, int kc, int jc, int nc) {
        for (int jr = 0, p = 0; jr < nc; jr += NR, p += kc * NR) {
            int w = Math.min(NR, nc - jr);
            int j0 = jc + jr;
            if (!tb) { // B is k x n
                for (int kk = 0; kk < kc; kk++) {
                    int dst = p + kk * NR;
                    System.arraycopy(b, (pc + kk) * n + j0, buf, dst, w);
                    for (int jj = w; jj < NR; jj++) {
                        buf[dst + jj] = 0f;
                    }
                }
            } else { // B is n x k
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < w) {
                        int src = (j0 + jj) * k + pc;
                        for (int kk = 0; kk < kc; kk++) {
                            buf[p + kk * NR + jj] = b[src + kk];
                        }
                    } else {
                        for (int kk = 0; kk < kc; kk++) {
                            buf[p + kk * NR + jj] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** alpha * op(A)[ic:ic+mc, pc:pc+kc] into MR-tall slivers, each kc columns of MR floats. */
    private void packA(float[] buf, int ic, int mc, int pc, int kc) {
        float al = alpha;
        for (int ir = 0, p = 0; ir < mc; ir += MR, p += kc * MR) {
            int h = Math.min(MR, mc - ir);
            int i0 = ic + ir;
            if (!ta) { // A is m x k: six row streams in, one contiguous stream out
                if (h == MR) {
                    int s0 = i0 * k + pc;
                    for (int kk = 0; kk < kc; kk++) {
                        int dst = p + kk * MR;
                        int src = s0 + kk;
                        buf[dst] = al * a[src];
                        buf[dst + 1] = al * a[src + k];
                        buf[dst + 2] = al * a[src + 2 * k];
                        buf[dst + 3] = al * a[src + 3 * k];
                        buf[dst + 4] = al * a[src + 4 * k];
                        buf[dst + 5] = al * a[src + 5 * k];
                    }
                } else {
                    for (int kk = 0; kk < kc; kk++) {
                        for (int r = 0; r < MR; r++) {
                            buf[p + kk * MR + r] = r < h ? al * a[(i0 + r) * k + pc + kk] : 0f;
                        }
                    }
                }
            } else if (h == MR) { // A is k x m: contiguous runs of MR, copied whole
                for (int kk = 0; kk < kc; kk++) {
                    int src = (pc + kk) * m + i0;
                    int dst = p + kk * MR;
                    for (int r = 0; r < MR; r++) {
                        buf[dst + r] = al * a[src + r];
                    }
                }
            } else {
                for (int kk = 0; kk < kc; kk++) {
                    int src = (pc + kk) * m + i0;
                    int dst = p + kk * MR;
                    for (int r = 0; r < MR; r++) {
                        buf[dst + r] = r < h ? al * a[src + r] : 0f;
                    }
                }
            }
        }
    }

    /**
     * tile = sliver x panel for packed operands: A at {@code ao + kk * MR + r}, B at {@code bo + kk * NR}.
     * A twin of {@link #stridedKernel} with constant strides: C2 keeps all 12 accumulators in
     * registers here, which it does not with run-time strides (measured 25% slower on 100x784x100).
     */
    private static void packedKernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc,
                                     boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int kk = 0; kk < kc; kk++) {
            int bi = bo + kk * NR;
            int ai = ao + kk * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        writeRow(c, co, store, c00, c01);
        writeRow(c, co + ldc, store, c10, c11);
        writeRow(c, co + 2 * ldc, store, c20, c21);
        writeRow(c, co + 3 * ldc, store, c30, c31);
        writeRow(c, co + 4 * ldc, store, c40, c41);
        writeRow(c, co + 5 * ldc, store, c50, c51);
    }

    /** The first L columns of {@link #packedKernel}'s tile, for edge panels of at most L columns. */
    private static void packedKernelHalf(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        for (int kk = 0; kk < kc; kk++) {
            int ai = ao + kk * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + kk * NR);
            c0 = FloatVector.broadcast(S, ap[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, ap[ai + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, ap[ai + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, ap[ai + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, ap[ai + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, ap[ai + 5]).fma(b0, c5);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
    }

    /**
     * tile = the MR x NR product of kc steps. Row r of A is read at {@code ar + kk * aKS}, the B
     * vectors at {@code bo + kk * bKS}: packed operands pass strides MR and NR, unpacked ones their
     * leading dimensions.
     */
    private static void stridedKernel(float[] ap, int a0, int a1, int a2, int a3, int a4, int a5, int aKS, float[] bp,
                               int bo, int bKS, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        // Indices linear in kk (not bumped pointers) let C2 hoist the range checks out of the loop.
        for (int kk = 0; kk < kc; kk++) {
            int bi = bo + kk * bKS;
            int ak = kk * aKS;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, ap[a0 + ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a1 + ak]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a2 + ak]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a3 + ak]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a4 + ak]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a5 + ak]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        storeTile(tile, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    /** Row r of a tile into C: written ({@code store}) or added. */
    private static void writeRow(float[] c, int o, boolean store, FloatVector v0, FloatVector v1) {
        if (!store) {
            v0 = v0.add(FloatVector.fromArray(S, c, o));
            v1 = v1.add(FloatVector.fromArray(S, c, o + L));
        }
        v0.intoArray(c, o);
        v1.intoArray(c, o + L);
    }

    /** Accumulators into the tile buffer, for edge tiles (added to C by {@link #addTile}). */
    private static void storeTile(float[] tile, FloatVector c00, FloatVector c01, FloatVector c10, FloatVector c11,
                                  FloatVector c20, FloatVector c21, FloatVector c30, FloatVector c31, FloatVector c40,
                                  FloatVector c41, FloatVector c50, FloatVector c51) {
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** C[tile] = (store ? 0 : C[tile]) + scale * tile, on the valid mr x nr corner of it. */
    private static void addTile(float[] tile, float[] c, int co, int ldc, int mr, int nr, float scale, boolean store) {
        if (nr == NR) {
            FloatVector sv = FloatVector.broadcast(S, scale);
            for (int r = 0; r < mr; r++) {
                int o = co + r * ldc;
                FloatVector t0 = FloatVector.fromArray(S, tile, r * NR).mul(sv);
                FloatVector t1 = FloatVector.fromArray(S, tile, r * NR + L).mul(sv);
                if (!store) {
                    t0 = t0.add(FloatVector.fromArray(S, c, o));
                    t1 = t1.add(FloatVector.fromArray(S, c, o + L));
                }
                t0.intoArray(c, o);
                t1.intoArray(c, o + L);
            }
            return;
        }
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                int o = co + r * ldc + j;
                c[o] = (store ? 0f : c[o]) + scale * tile[r * NR + j];
            }
        }
    }

}
