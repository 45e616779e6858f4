package io.jgrad.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 GEMM with the Vector API, in the Goto/BLIS layout: op(B) is packed into KC x NR panels,
 * op(A) (scaled by alpha) into KC x MR slivers, and a 6 x 2-vector register-blocked micro-kernel
 * accumulates each tile of C. All four transpose cases differ only in how packing reads memory.
 * The work is split across the pool by rows or by columns of C, whichever has more micro-tiles,
 * or, for a small C over a long K, by slices of K whose partial products are summed.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present (see {@link KernelChoice}).
 * Not thread-safe: the backend keeps one instance per calling thread ({@link CpuWorkspace}); call
 * state lives in fields so dispatch allocates nothing, and the packing buffers of a part are
 * allocated the first time that part runs.
 */
final class VectorSgemm implements Sgemm, WorkerPool.Job {
    private static final VectorSpecies<Float> S = VectorSpecies.of(float.class, VectorWidth.SHAPE);
    private static final int L = S.length();
    static final int MR = RowSplit.TILE;
    static final int NR = 2 * L;
    private static final int KC = 256;
    private static final int MC = 16 * MR;
    private static final int NC = 64 * NR;
    /** Below this many multiply-adds the pool's hand-off costs more than it saves. */
    private static final long PARALLEL_MACS = 1L << 16;
    /** A depth split's C may hold this many floats (each extra part adds one to C afterwards). */
    private static final long DEPTH_MAX_C = 1L << 16;
    /** Each part of a depth split gets at least this much K. */
    private static final int DEPTH_MIN_K = 128;
    /**
     * Widest C (in panels) whose row-major A the packed path reads in place rather than packs
     * (paired ratios, in place against packed: 288x12544x64 with B transposed 0.87, 9x50176x32
     * 0.83, 100x784x100 0.95, 1024x1024x128 0.99).
     */
    private static final int IN_PLACE_PANELS = 4;
    /** Below this K the direct path writes C row group by row group ({@link #shortDepth}). */
    private static final int SHORT_K = 16;
    /**
     * Largest product narrower than one panel done as plain dot products (JMH: 1x32x2 0.29 -> 0.06
     * us; 3x50x10 0.49 -> 0.69, so no larger).
     */
    private static final long NARROW_MACS = 256;
    /** Largest transposed B (elements) copied untransposed so that a small product can take the direct path. */
    private static final long SMALL_TRANSPOSED_B = 4096;

    private final WorkerPool pool;
    private final float[][] packA;
    private final float[][] packB;
    private final float[][] tiles;
    /** A small transposed B, untransposed for the direct path. */
    private float[] bT = new float[0];
    /** Per part: B's columns copied for a narrow product's zero-padded panel or for {@link #edgeDots}. */
    private final float[][] columns;

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
    private Split split;
    /** Whether this call reads the operands in place ({@link #direct}) instead of packing them. */
    private boolean direct;
    /** Per-part partial products of a depth split (part 0 writes C itself); grown on demand. */
    private final float[][] partials;

    /** How the parts of one call divide the work. */
    private enum Split {
        /** Row blocks of C: each part packs all of op(B). */
        ROWS,
        /** Column blocks of C: each part packs all of op(A). */
        COLUMNS,
        /**
         * Slices of the inner dimension, summed afterwards: for a small C and a long K (x W1 of an
         * MLP's input layer) nothing is packed twice, and each core reads the rows of W1 whose
         * gradient rows it computed (same boundaries as a row split of x^T dout) and updated.
         */
        DEPTH
    }

    VectorSgemm(WorkerPool pool) {
        this.pool = pool;
        int t = pool.threads();
        packA = new float[t][];
        packB = new float[t][];
        tiles = new float[t][];
        columns = new float[t][];
        partials = new float[t][];
    }

    @Override
    public String kind() {
        // the species and the blocking it implies, for logs and `bench gemm`
        return "Vector API " + S.vectorBitSize() + "-bit, " + MR + "x" + NR + " tiles (" + MR + " rows x 2 vectors of "
                + L + "), KC " + KC + ", MC " + MC + ", NC " + NC;
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
        boolean small = isSmall(m, n, k);
        if (transB && small && (long) n * k <= SMALL_TRANSPOSED_B) {
            // A small transposed B (dout W^T with 10 classes): transposed once here, the product
            // then takes the direct path, which needs B as it lies in memory
            if (bT.length < n * k) {
                bT = new float[n * k];
            }
            transpose(b, 0, k, n, k, bT);
            this.b = bT;
            this.tb = false;
        }
        direct = small && !this.tb; // the direct path reads B untransposed
        int rowTiles = (m + MR - 1) / MR;
        int colTiles = (n + NR - 1) / NR;
        int threads = (long) m * n * k < PARALLEL_MACS ? 1 : pool.threads();
        int parts;
        if (threads > 1 && !direct && splitsDepth(m, n, k)) {
            split = Split.DEPTH;
            parts = Math.min(threads, k / DEPTH_MIN_K);
            for (int p = 1; p < parts; p++) {
                if (partials[p] == null || partials[p].length < m * n) {
                    partials[p] = new float[m * n];
                }
            }
        } else {
            split = colTiles >= rowTiles ? Split.COLUMNS : Split.ROWS;
            parts = Math.min(threads, Math.max(rowTiles, colTiles));
        }
        if (parts <= 1) {
            run(0, 1);
        } else {
            pool.run(this, parts);
            if (split == Split.DEPTH) {
                addPartials(parts);
            }
        }
        this.a = null;
        this.b = null;
        this.c = null;
    }

    /** Plain dot products, for C narrower than one vector panel. */
    private void narrow(float[] a, int rs, int aKS, int m0, int m1, int n0, int n1, boolean store) {
        for (int i = m0; i < m1; i++) {
            for (int j = n0; j < n1; j++) {
                float s = 0f;
                for (int kk = 0, ai = i * rs, bi = j; kk < k; kk++, ai += aKS, bi += n) {
                    s += a[ai] * b[bi];
                }
                c[i * n + j] = store ? alpha * s : c[i * n + j] + alpha * s;
            }
        }
    }

    /**
     * Skinny or tiny products (a batch of 3, an inner dimension of 3 or 10, 10 output classes) where
     * packing costs more than the arithmetic: the kernel then reads A and B where they lie.
     */
    private static boolean isSmall(int m, int n, int k) {
        return (long) m * n * k <= (1L << 20) && (m < 2 * MR || k < SHORT_K || n <= L);
    }

    /**
     * C = beta * C + alpha * op(A) * B on a block, straight from the operands; only a ragged column
     * panel narrower than NR is copied.
     */
    private void direct(int part, int m0, int m1, int n0, int n1) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        boolean store = beta == 0f; // one pass over K: write C instead of clearing and adding
        if (!store) {
            scale(c, beta, m0, m1, n0, n1);
        }
        // Tiles that only overwrite C may overlap: an overlapped column is written twice with the
        // same value (the same products summed in the same order), so ragged edges need no copy.
        boolean overwrite = store && alpha == 1f && n1 - n0 >= NR;
        int rs = ta ? 1 : k; // A's stride between rows of op(A)
        int aKS = ta ? m : 1; // and along K
        if (overwrite && k < SHORT_K) {
            shortDepth(a, rs, aKS, b, n, k, c, m0, m1, n0, n1);
            return;
        }
        if (n < NR && (long) (m1 - m0) * (n1 - n0) * k <= NARROW_MACS) { // padding a panel would cost more
            narrow(a, rs, aKS, m0, m1, n0, n1, store);
            return;
        }
        float[] tile = tile(part);
        for (int jr = n0; jr < n1; jr += NR) {
            int nr = Math.min(NR, n1 - jr);
            float[] bp = b;
            int bo = jr;
            int bKS = n;
            int cj = jr; // C's column where the tile starts
            int skip = 0; // leading tile columns that belong to the previous panel
            if (nr < NR && overwrite) { // recompute this part's last NR columns, straight into C
                bo = cj = n1 - NR;
                nr = NR;
            } else if (nr < NR && n >= NR) {
                // The ragged edge overlaps the previous panel instead: in bounds, nothing copied,
                // and the overlap's results are dropped.
                skip = NR - nr;
                bo = n - NR;
            } else if (nr < NR) { // narrower than one panel: copy it into a zero-padded one
                float[] panel = columnBuffer(part, k * NR); // as long as K (1 x 20000 x 2 overflowed B's buffer)
                for (int kk = 0; kk < k; kk++) {
                    System.arraycopy(b, kk * n + jr, panel, kk * NR, nr);
                    java.util.Arrays.fill(panel, kk * NR + nr, kk * NR + NR, 0f);
                }
                bp = panel;
                bo = 0;
                bKS = NR;
            }
            for (int ir = m0; ir < m1; ir += MR) {
                int mr = Math.min(MR, m1 - ir);
                // Rows past the edge re-read the last valid row; their results are dropped.
                int a0 = ir * rs;
                int a1 = a0 + Math.min(1, mr - 1) * rs;
                int a2 = a0 + Math.min(2, mr - 1) * rs;
                int co = ir * n + cj;
                boolean straight = nr == NR && alpha == 1f; // the tile goes from registers to C
                if (mr == 1) { // a batch of one (numerical gradients, inference): one row, not three
                    if (straight) {
                        stridedKernel1(a, a0, aKS, bp, bo, bKS, k, c, co, store);
                    } else {
                        stridedKernel1(a, a0, aKS, bp, bo, bKS, k, tile, 0, true);
                        addTile(tile, skip, c, co, n, mr, nr, alpha, store);
                    }
                    continue;
                }
                if (mr <= MR / 2) { // a batch of 3: half the arithmetic of a full-height tile
                    if (straight && mr == MR / 2) {
                        stridedKernel3(a, a0, a1, a2, aKS, bp, bo, bKS, k, c, co, n, store);
                    } else {
                        stridedKernel3(a, a0, a1, a2, aKS, bp, bo, bKS, k, tile, 0, NR, true);
                        addTile(tile, skip, c, co, n, mr, nr, alpha, store);
                    }
                    continue;
                }
                int a3 = a0 + Math.min(3, mr - 1) * rs;
                int a4 = a0 + Math.min(4, mr - 1) * rs;
                int a5 = a0 + Math.min(5, mr - 1) * rs;
                if (straight && mr == MR) {
                    stridedKernel(a, a0, a1, a2, a3, a4, a5, aKS, bp, bo, bKS, k, c, co, n, store);
                } else if (nr <= L && skip == 0) { // C at most one vector wide (10 classes): half the work
                    stridedKernelHalf(a, a0, a1, a2, a3, a4, a5, aKS, bp, bo, bKS, k, tile);
                    addTile(tile, 0, c, co, n, mr, nr, alpha, store);
                } else {
                    stridedKernel(a, a0, a1, a2, a3, a4, a5, aKS, bp, bo, bKS, k, tile, 0, NR, true);
                    addTile(tile, skip, c, co, n, mr, nr, alpha, store);
                }
            }
        }
    }

    /**
     * C[m0:m1, n0:n1] = op(A) B for a short K (x^T dout of a small batch), where C is the only
     * large operand and a K loop of a few steps cannot pay for a kernel call per tile: one call
     * walks the block four rows at a time, writing each row group whole across its panels (784 x 50
     * x 3 on one core: 21 us, against 27 with {@link #stridedKernel} per tile). Rows past m1 and
     * the last panel overlap earlier ones and rewrite the same values.
     */
    private static void shortDepth(float[] a, int rs, int aKS, float[] b, int n, int k, float[] c, int m0, int m1,
                                   int n0, int n1) {
        for (int i = m0; i < m1; i += 4) {
            int i1 = Math.min(i + 1, m1 - 1);
            int i2 = Math.min(i + 2, m1 - 1);
            int i3 = Math.min(i + 3, m1 - 1);
            for (int j = n0; j < n1; j += NR) {
                int bo = Math.min(j, n1 - NR);
                FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
                FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
                FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
                FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
                for (int kk = 0; kk < k; kk++) {
                    int bi = bo + kk * n;
                    int ak = kk * aKS;
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                    FloatVector x = FloatVector.broadcast(S, a[i * rs + ak]);
                    c00 = x.fma(b0, c00);
                    c01 = x.fma(b1, c01);
                    x = FloatVector.broadcast(S, a[i1 * rs + ak]);
                    c10 = x.fma(b0, c10);
                    c11 = x.fma(b1, c11);
                    x = FloatVector.broadcast(S, a[i2 * rs + ak]);
                    c20 = x.fma(b0, c20);
                    c21 = x.fma(b1, c21);
                    x = FloatVector.broadcast(S, a[i3 * rs + ak]);
                    c30 = x.fma(b0, c30);
                    c31 = x.fma(b1, c31);
                }
                c00.intoArray(c, i * n + bo);
                c01.intoArray(c, i * n + bo + L);
                c10.intoArray(c, i1 * n + bo);
                c11.intoArray(c, i1 * n + bo + L);
                c20.intoArray(c, i2 * n + bo);
                c21.intoArray(c, i2 * n + bo + L);
                c30.intoArray(c, i3 * n + bo);
                c31.intoArray(c, i3 * n + bo + L);
            }
        }
    }

    // Per-part buffers, made on first use: a thread that only ever runs small products never
    // allocates the megabyte of B panels a big one needs.
    private float[] bufferA(int part) {
        float[] buf = packA[part];
        return buf != null ? buf : (packA[part] = new float[MC * (KC + 1)]);
    }

    private float[] bufferB(int part) {
        float[] buf = packB[part];
        return buf != null ? buf : (packB[part] = new float[NC * (KC + 1)]);
    }

    private float[] tile(int part) {
        float[] buf = tiles[part];
        return buf != null ? buf : (tiles[part] = new float[MR * NR]);
    }

    /**
     * The rows x cols block of {@code src} at {@code offset} (row stride {@code stride}) into
     * {@code dst} transposed: dst[c * rows + r] = src[offset + r * stride + c].
     */
    private static void transpose(float[] src, int offset, int stride, int rows, int cols, float[] dst) {
        // Column by column: dst is written front to back. Row by row, the inner loop of a few
        // columns jumped through dst and cost 2.3 against 0.95 ns a float (x W1's 4-column edge).
        for (int cc = 0; cc < cols; cc++) {
            int d = cc * rows;
            for (int r = 0, o = offset + cc; r < rows; r++, o += stride) {
                dst[d + r] = src[o];
            }
        }
    }

    private float[] columnBuffer(int part, int size) {
        float[] buf = columns[part];
        return buf != null && buf.length >= size ? buf : (columns[part] = new float[size]);
    }

    /** A depth split pays off when K is long against both sides of a C that is cheap to sum. */
    private static boolean splitsDepth(int m, int n, int k) {
        return (long) m * n <= DEPTH_MAX_C && k >= 2 * Math.max(m, n) && k >= 2 * DEPTH_MIN_K;
    }

    @Override
    public void run(int part, int parts) {
        switch (split) {
            case COLUMNS -> {
                int n0 = RowSplit.start(n, NR, part, parts);
                int n1 = RowSplit.start(n, NR, part + 1, parts);
                if (direct) {
                    direct(part, 0, m, n0, n1);
                } else {
                    block(part, 0, m, n0, n1, 0, k, c, beta);
                }
            }
            case ROWS -> {
                int m0 = RowSplit.start(m, MR, part, parts);
                int m1 = RowSplit.start(m, MR, part + 1, parts);
                if (direct) {
                    direct(part, m0, m1, 0, n);
                } else {
                    block(part, m0, m1, 0, n, 0, k, c, beta);
                }
            }
            default -> {
                // MR-aligned like a row split, so x W1 and x^T dout cut W1 at the same row.
                int k0 = RowSplit.start(k, MR, part, parts);
                int k1 = RowSplit.start(k, MR, part + 1, parts);
                block(part, 0, m, 0, n, k0, k1, part == 0 ? c : partials[part], part == 0 ? beta : 0f);
            }
        }
    }

    /** C += the partial products of parts 1.. of a depth split. */
    private void addPartials(int parts) {
        int size = m * n;
        for (int p = 1; p < parts; p++) {
            if (RowSplit.start(k, MR, p, parts) < RowSplit.start(k, MR, p + 1, parts)) {
                // A plain loop (C2 vectorizes it): Vector API code in a method called once per
                // GEMM would run boxed until C2 compiles it, thousands of calls later.
                float[] part = partials[p];
                for (int i = 0; i < size; i++) {
                    c[i] += part[i];
                }
            }
        }
    }

    /**
     * {@code target} = beta * target + alpha * op(A)[m0:m1, k0:k1] op(B)[k0:k1, n0:n1] on the
     * block; target is C or a part's partial, laid out like C.
     */
    private void block(int part, int m0, int m1, int n0, int n1, int k0, int k1, float[] target, float beta) {
        if (m0 >= m1 || n0 >= n1 || k0 >= k1) {
            return;
        }
        if (beta != 0f) {
            scale(target, beta, m0, m1, n0, n1);
        }
        float[] bufA = bufferA(part);
        float[] bufB = bufferB(part);
        float[] tile = tile(part);
        // Equal K blocks (784 = 3 x 262, not 256+256+256+16): a short last block costs a full pass
        // of tile loads and stores for little arithmetic.
        int depth = k1 - k0;
        int kBlocks = (depth + KC - 1) / KC;
        int kBlock = (depth + kBlocks - 1) / kBlocks;
        float[] c = target;
        int edge = (n1 - n0) % NR;
        int packedEnd = edge > 0 && edgeByLanes(edge, depth) ? n1 - edge : n1;
        // A row-major A is packed only where enough panels share it (alpha is folded in while packing)
        boolean inPlaceA = !ta && alpha == 1f && packedEnd - n0 <= IN_PLACE_PANELS * NR;
        for (int jc = n0; jc < packedEnd; jc += NC) {
            int nc = Math.min(NC, packedEnd - jc);
            for (int pc = k0; pc < k1; pc += kBlock) {
                int kc = Math.min(kBlock, k1 - pc);
                boolean store = pc == k0 && beta == 0f; // the first K block writes C, the rest add to it
                packB(bufB, pc, kc, jc, nc);
                if (inPlaceA) {
                    rowsInPlace(m0, m1, pc, kc, bufB, nc, jc, c, store, tile);
                    continue;
                }
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
                                addTile(tile, 0, c, co, n, mr, nr, 1f, store);
                            }
                        }
                    }
                }
            }
        }
        if (packedEnd < n1) {
            if (ta) {
                edgeRows(part, m0, m1, packedEnd, n1, k0, k1, target, beta == 0f);
            } else {
                edgeDots(part, m0, m1, packedEnd, n1, k0, k1, target, beta == 0f);
            }
        }
    }

    /**
     * target[m0:m1, jc:jc+nc] = (or +=) A[m0:m1, pc:pc+kc] times the packed B panels, A read where
     * it lies, each six-row sliver against every panel while it is in L1. For a C at most
     * {@link #IN_PLACE_PANELS} panels wide: packing A costs about as much per element as the few
     * panels' multiply-adds it serves (the convolutions' weight gradients: 64 and 32 columns).
     */
    private void rowsInPlace(int m0, int m1, int pc, int kc, float[] bufB, int nc, int jc, float[] c, boolean store,
                             float[] tile) {
        for (int ir = m0; ir < m1; ir += MR) {
            int mr = Math.min(MR, m1 - ir);
            int a0 = ir * k + pc;
            int a1 = a0 + Math.min(1, mr - 1) * k;
            int a2 = a0 + Math.min(2, mr - 1) * k;
            int a3 = a0 + Math.min(3, mr - 1) * k;
            int a4 = a0 + Math.min(4, mr - 1) * k;
            int a5 = a0 + Math.min(5, mr - 1) * k;
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                int bo = (jr / NR) * kc * NR;
                int co = ir * n + jc + jr;
                if (mr == MR && nr == NR) {
                    stridedKernel(a, a0, a1, a2, a3, a4, a5, 1, bufB, bo, NR, kc, c, co, n, store);
                } else if (mr <= MR / 2) { // conv1's 9 rows end in 3: half a full tile's arithmetic
                    if (mr == MR / 2 && nr == NR) {
                        stridedKernel3(a, a0, a1, a2, 1, bufB, bo, NR, kc, c, co, n, store);
                    } else {
                        stridedKernel3(a, a0, a1, a2, 1, bufB, bo, NR, kc, tile, 0, NR, true);
                        addTile(tile, 0, c, co, n, mr, nr, 1f, store);
                    }
                } else {
                    stridedKernel(a, a0, a1, a2, a3, a4, a5, 1, bufB, bo, NR, kc, tile, 0, NR, true);
                    addTile(tile, 0, c, co, n, mr, nr, 1f, store);
                }
            }
        }
    }

    /**
     * Whether a last panel of {@code w} columns is done by {@link #edgeDots} or {@link #edgeRows}
     * rather than padded to a full panel: a padded panel of a few columns costs nearly as much as
     * a full one (x W1 of a 100-unit layer: 100 = 3 x 32 + 4 columns took the time of 128). Along
     * M, two vectors of rows are enough. Dot products pay about 20 cycles per result for adding up
     * lanes and the K tail, against a padded panel's 2/3 cycle per row and step of K, so they take
     * the edge only when {@code w (depth / 2L + 20) < 2 depth / 3} (x W1: yes; 100x100x10: no).
     */
    private boolean edgeByLanes(int w, int depth) {
        if (w >= L) {
            return false;
        }
        return ta ? m >= 2 * L : depth >= 2 * L && 3L * w * (depth + 40L * L) < 4L * L * depth;
    }

    /**
     * target[m0:m1, j0:j1] = (or +=) alpha * op(A) op(B) over K in [k0, k1) for an edge narrower
     * than one vector, A's rows running along K: dot products along K, two rows by four columns at
     * a time. Each vector of partial sums is added up lane by lane in a fixed order, so the result
     * does not depend on how the JIT compiled the reduction.
     */
    private void edgeDots(int part, int m0, int m1, int j0, int j1, int k0, int k1, float[] target, boolean store) {
        int kc = k1 - k0;
        int w = j1 - j0;
        float[] bt = b; // op(B)'s column j0 + jj at bt[bs + jj * bStride + kk - k0]
        int bs = j0 * k + k0;
        int bStride = k;
        if (!tb) { // B is k x n: its edge columns, transposed into rows of kc
            bt = columnBuffer(part, w * kc);
            transpose(b, k0 * n + j0, n, kc, w, bt);
            bs = 0;
            bStride = kc;
        }
        float[] sums = tile(part);
        int kv = S.loopBound(kc);
        for (int i = m0; i < m1; i += 2) {
            int i1 = Math.min(i + 1, m1 - 1); // an odd last row is computed twice, written once
            for (int jj = 0; jj < w; jj += 4) {
                int c1 = Math.min(jj + 1, w - 1);
                int c2 = Math.min(jj + 2, w - 1);
                int c3 = Math.min(jj + 3, w - 1);
                dots2x4(a, i * k + k0, i1 * k + k0, bt, bs + jj * bStride, bs + c1 * bStride, bs + c2 * bStride,
                        bs + c3 * bStride, kv, sums);
                for (int r = 0; r < 2 && i + r <= i1; r++) {
                    int ar = (i + r) * k + k0;
                    for (int cc = 0; cc < 4 && jj + cc < w; cc++) {
                        int bo = bs + (jj + cc) * bStride;
                        float sum = laneSum(sums, (r * 4 + cc) * L);
                        for (int kk = kv; kk < kc; kk++) {
                            sum += a[ar + kk] * bt[bo + kk];
                        }
                        int o = (i + r) * n + j0 + jj + cc;
                        target[o] = store ? alpha * sum : target[o] + alpha * sum;
                    }
                }
            }
        }
    }

    /**
     * The L floats at {@code o} added up in a fixed order, in four independent chains: one chain
     * of L dependent adds made the reductions cost more than the dot products (100x100x10: 22 us
     * against 13 for a padded panel).
     */
    private static float laneSum(float[] s, int o) {
        if (L < 4) {
            float sum = 0f;
            for (int l = 0; l < L; l++) {
                sum += s[o + l];
            }
            return sum;
        }
        float s0 = s[o];
        float s1 = s[o + 1];
        float s2 = s[o + 2];
        float s3 = s[o + 3];
        for (int l = 4; l < L; l += 4) {
            s0 += s[o + l];
            s1 += s[o + l + 1];
            s2 += s[o + l + 2];
            s3 += s[o + l + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The vector parts of eight dot products, rows at a0 and a1 by columns at b0..b3, into sums
     * (row-major 2 x 4); kv is a multiple of L.
     */
    private static void dots2x4(float[] a, int a0, int a1, float[] b, int b0, int b1, int b2, int b3, int kv,
                                float[] sums) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s02 = FloatVector.zero(S), s03 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s12 = FloatVector.zero(S), s13 = FloatVector.zero(S);
        assert kv % L == 0 : kv; // the loop below stops only on kv
        // `!=`, not `<`: C2 unrolls a counted loop this short four times over, and the unrolled body's
        // loads took every register: 130 stack accesses per 48 FMAs (7.9 instructions per FMA against
        // 4.5 now; the edge's dot products ran at half the speed; docs/performance.md, "Session 26").
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

    /**
     * As {@link #edgeDots} where A is k x m (op(A) = A^T, x^T dout): its rows hold op(A)'s columns,
     * so vectors run along M, two vectors of rows by four columns at a time, one multiply-add per
     * step of K and no reduction. A last group that would run past A's row overlaps the one before.
     */
    private void edgeRows(int part, int m0, int m1, int j0, int j1, int k0, int k1, float[] target, boolean store) {
        int w = j1 - j0;
        int bKS = tb ? 1 : n; // op(B)[kk][j] at b[kk * bKS + j * bJS]
        int bJS = tb ? k : 1;
        float[] sums = tile(part);
        for (int i = m0; i < m1; i += 2 * L) {
            int g = Math.min(i, m - 2 * L);
            int rows = Math.min(i + 2 * L, m1);
            for (int jj = 0; jj < w; jj += 4) {
                int c1 = j0 + Math.min(jj + 1, w - 1);
                int c2 = j0 + Math.min(jj + 2, w - 1);
                int c3 = j0 + Math.min(jj + 3, w - 1);
                rows2x4(a, m, g, b, bKS, (j0 + jj) * bJS, c1 * bJS, c2 * bJS, c3 * bJS, k0, k1, sums);
                for (int cc = 0; cc < 4 && jj + cc < w; cc++) {
                    writeColumn(sums, cc * 2 * L + i - g, target, i * n + j0 + jj + cc, n, rows - i, alpha, store);
                }
            }
        }
    }

    /**
     * count values of {@code sums} from s into a column of C from o (row stride ldc), scaled by alpha.
     * A method of its own: inlined into edgeRows, the loop's few variables went to the stack with
     * that method's many (10 stack accesses in 14 instructions).
     */
    private static void writeColumn(float[] sums, int s, float[] c, int o, int ldc, int count, float alpha,
                                    boolean store) {
        for (int r = 0; r < count; r++, o += ldc) {
            float v = alpha * sums[s + r];
            c[o] = store ? v : c[o] + v;
        }
    }

    /** Rows g..g+2L of op(A) = A^T times four columns of op(B) (at offsets o0..o3 of each K step), column by column into sums. */
    private static void rows2x4(float[] a, int lda, int g, float[] b, int bKS, int o0, int o1, int o2, int o3, int k0,
                                int k1, float[] sums) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s20 = FloatVector.zero(S), s21 = FloatVector.zero(S);
        FloatVector s30 = FloatVector.zero(S), s31 = FloatVector.zero(S);
        for (int kk = k0, ai = k0 * lda + g, bk = k0 * bKS; kk < k1; kk++, ai += lda, bk += bKS) {
            FloatVector x0 = FloatVector.fromArray(S, a, ai);
            FloatVector x1 = FloatVector.fromArray(S, a, ai + L);
            FloatVector y = FloatVector.broadcast(S, b[bk + o0]);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
            y = FloatVector.broadcast(S, b[bk + o1]);
            s10 = x0.fma(y, s10);
            s11 = x1.fma(y, s11);
            y = FloatVector.broadcast(S, b[bk + o2]);
            s20 = x0.fma(y, s20);
            s21 = x1.fma(y, s21);
            y = FloatVector.broadcast(S, b[bk + o3]);
            s30 = x0.fma(y, s30);
            s31 = x1.fma(y, s31);
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s10.intoArray(sums, 2 * L);
        s11.intoArray(sums, 3 * L);
        s20.intoArray(sums, 4 * L);
        s21.intoArray(sums, 5 * L);
        s30.intoArray(sums, 6 * L);
        s31.intoArray(sums, 7 * L);
    }

    /** C = beta * C on a block; beta == 0 clears, so NaNs in old C never leak through. */
    private void scale(float[] c, float beta, int m0, int m1, int n0, int n1) {
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
        int full = tb ? 0 : nc / NR;
        // B is k x n: row by row, each row read front to back and its NR-float pieces sent to the
        // panels in turn. Panel by panel instead, the reads jumped to B's next row after each
        // NR-wide piece, a pattern the prefetchers miss: conv2's forward product (64 x 12544 x
        // 288) took 1.19x the time, the CNN step 1.03x (docs/performance.md, "Session 24").
        for (int kk = 0; kk < kc; kk++) {
            int o = (pc + kk) * n + jc;
            int dst = kk * NR;
            for (int q = 0; q < full; q++) {
                FloatVector.fromArray(S, b, o + q * NR).intoArray(buf, dst + q * kc * NR);
                FloatVector.fromArray(S, b, o + q * NR + L).intoArray(buf, dst + q * kc * NR + L);
            }
        }
        for (int jr = full * NR, p = full * kc * NR; jr < nc; jr += NR, p += kc * NR) {
            int w = Math.min(NR, nc - jr);
            int j0 = jc + jr;
            if (!tb) { // a ragged last panel: copied, then zero-padded
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

    /**
     * alpha * op(A)[ic:ic+mc, pc:pc+kc] into MR-tall slivers, each kc columns of MR floats. One
     * small method per case, called per sliver: C2 compiles each once and quickly, where one
     * method with four loops cost it several on-stack-replacement compiles of the whole.
     */
    private void packA(float[] buf, int ic, int mc, int pc, int kc) {
        for (int ir = 0, p = 0; ir < mc; ir += MR, p += kc * MR) {
            int h = Math.min(MR, mc - ir);
            int i0 = ic + ir;
            if (h < MR) {
                packSliverEdge(buf, p, i0, h, pc, kc);
            } else if (ta) {
                packSliverOfColumns(a, m, alpha, buf, p, i0, pc, kc);
            } else {
                packSliverOfRows(a, k, alpha, buf, p, i0 * k + pc, kc);
            }
        }
    }

    /** A is m x k: six row streams in, one contiguous stream out. */
    private static void packSliverOfRows(float[] a, int lda, float al, float[] buf, int p, int s0, int kc) {
        for (int kk = 0; kk < kc; kk++) {
            int dst = p + kk * MR;
            int src = s0 + kk;
            buf[dst] = al * a[src];
            buf[dst + 1] = al * a[src + lda];
            buf[dst + 2] = al * a[src + 2 * lda];
            buf[dst + 3] = al * a[src + 3 * lda];
            buf[dst + 4] = al * a[src + 4 * lda];
            buf[dst + 5] = al * a[src + 5 * lda];
        }
    }

    /**
     * A is k x m: contiguous runs of MR, each moved as one vector of L >= MR floats. The L - MR
     * extra floats land where the next run (or the next sliver, packed after this one) is written,
     * or in the buffer's spare tail; near the end of A, where a vector would read past it, scalar.
     */
    private static void packSliverOfColumns(float[] a, int lda, float al, float[] buf, int p, int i0, int pc, int kc) {
        if (L >= MR && (pc + kc - 1) * lda + i0 + L <= a.length && p + kc * MR + L <= buf.length) {
            for (int kk = 0; kk < kc; kk++) {
                FloatVector.fromArray(S, a, (pc + kk) * lda + i0).mul(al).intoArray(buf, p + kk * MR);
            }
            return;
        }
        for (int kk = 0; kk < kc; kk++) {
            int src = (pc + kk) * lda + i0;
            int dst = p + kk * MR;
            for (int r = 0; r < MR; r++) {
                buf[dst + r] = al * a[src + r];
            }
        }
    }

    /** The last sliver, h < MR rows tall, zero-padded to MR. */
    private void packSliverEdge(float[] buf, int p, int i0, int h, int pc, int kc) {
        int kStep = ta ? m : 1; // op(A)'s stride along K
        for (int r = 0; r < MR; r++) { // row by row: no test per element of whether its row exists
            if (r >= h) {
                for (int kk = 0, dst = p + r; kk < kc; kk++, dst += MR) {
                    buf[dst] = 0f;
                }
                continue;
            }
            for (int kk = 0, dst = p + r, src = ta ? pc * m + i0 + r : (i0 + r) * k + pc; kk < kc;
                 kk++, dst += MR, src += kStep) {
                buf[dst] = alpha * a[src];
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
        // B's index counts the loop and A's is bumped beside it: from kk * 6 C2 rebuilt A's index out
        // of shifts every step (45 macro-ops for 12 FMAs on AVX2, against 32 now, no spills; the
        // range checks left on A keep the six broadcasts apart, so no accumulator goes to the stack).
        for (int bi = bo, ai = ao, end = bo + kc * NR; bi < end; bi += NR, ai += MR) {
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
        // Written out, not a helper taking vectors: if C2 declined to inline such a helper (it
        // decides by call counts, so it varies between runs), every vector would be boxed.
        int o1 = co + ldc;
        int o2 = co + 2 * ldc;
        int o3 = co + 3 * ldc;
        int o4 = co + 4 * ldc;
        int o5 = co + 5 * ldc;
        if (!store) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c10 = c10.add(FloatVector.fromArray(S, c, o1));
            c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, o2));
            c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, o3));
            c31 = c31.add(FloatVector.fromArray(S, c, o3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, o4));
            c41 = c41.add(FloatVector.fromArray(S, c, o4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, o5));
            c51 = c51.add(FloatVector.fromArray(S, c, o5 + L));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
    }

    /** The first L columns of {@link #stridedKernel}'s tile, into {@code tile}, for C at most L columns wide. */
    private static void stridedKernelHalf(float[] ap, int a0, int a1, int a2, int a3, int a4, int a5, int aKS,
                                          float[] bp, int bo, int bKS, int kc, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        for (int kk = 0, bi = bo, ak = 0; kk < kc; kk++, bi += bKS, ak += aKS) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            c0 = FloatVector.broadcast(S, ap[a0 + ak]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, ap[a1 + ak]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, ap[a2 + ak]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, ap[a3 + ak]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, ap[a4 + ak]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, ap[a5 + ak]).fma(b0, c5);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
    }

    /**
     * The first L columns of {@link #packedKernel}'s tile, for edge panels of at most L columns: the
     * strided one-vector kernel over the packed sliver (six accumulators leave C2 registers to spare,
     * so run-time strides cost nothing here, unlike in the two-vector kernel).
     */
    private static void packedKernelHalf(float[] ap, int ao, float[] bp, int bo, int kc, float[] tile) {
        stridedKernelHalf(ap, ao, ao + 1, ao + 2, ao + 3, ao + 4, ao + 5, MR, bp, bo, NR, kc, tile);
    }

    /**
     * The MR x NR product of kc steps, written ({@code store}) or added to {@code c} at {@code co}
     * with row stride {@code ldc} (C itself, or the tile buffer with NR). Row r of A is read at
     * {@code ar + kk * aKS}, the B vectors at {@code bo + kk * bKS}, where the operands lie.
     */
    private static void stridedKernel(float[] ap, int a0, int a1, int a2, int a3, int a4, int a5, int aKS, float[] bp,
                                      int bo, int bKS, int kc, float[] c, int co, int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        // Bumped indices: products by the run-time strides cost two imuls a step (about 0.9x the time now).
        for (int kk = 0, bi = bo, ak = 0; kk < kc; kk++, bi += bKS, ak += aKS) {
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
        // Written out, as in packedKernel, not by a helper that takes vectors (see there).
        int o1 = co + ldc;
        int o2 = co + 2 * ldc;
        int o3 = co + 3 * ldc;
        int o4 = co + 4 * ldc;
        int o5 = co + 5 * ldc;
        if (!store) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c10 = c10.add(FloatVector.fromArray(S, c, o1));
            c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, o2));
            c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, o3));
            c31 = c31.add(FloatVector.fromArray(S, c, o3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, o4));
            c41 = c41.add(FloatVector.fromArray(S, c, o4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, o5));
            c51 = c51.add(FloatVector.fromArray(S, c, o5 + L));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
    }

    /**
     * One row of C (NR wide) from one row of op(A): K split over two accumulator pairs so that
     * consecutive FMAs do not wait on each other.
     */
    private static void stridedKernel1(float[] ap, int a0, int aKS, float[] bp, int bo, int bKS, int kc, float[] c,
                                       int co, boolean store) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector d0 = FloatVector.zero(S), d1 = FloatVector.zero(S);
        int kk = 0;
        for (; kk + 1 < kc; kk += 2) {
            int bi = bo + kk * bKS;
            FloatVector x = FloatVector.broadcast(S, ap[a0 + kk * aKS]);
            c0 = x.fma(FloatVector.fromArray(S, bp, bi), c0);
            c1 = x.fma(FloatVector.fromArray(S, bp, bi + L), c1);
            FloatVector y = FloatVector.broadcast(S, ap[a0 + (kk + 1) * aKS]);
            d0 = y.fma(FloatVector.fromArray(S, bp, bi + bKS), d0);
            d1 = y.fma(FloatVector.fromArray(S, bp, bi + bKS + L), d1);
        }
        if (kk < kc) {
            int bi = bo + kk * bKS;
            FloatVector x = FloatVector.broadcast(S, ap[a0 + kk * aKS]);
            c0 = x.fma(FloatVector.fromArray(S, bp, bi), c0);
            c1 = x.fma(FloatVector.fromArray(S, bp, bi + L), c1);
        }
        c0 = c0.add(d0);
        c1 = c1.add(d1);
        if (!store) {
            c0 = c0.add(FloatVector.fromArray(S, c, co));
            c1 = c1.add(FloatVector.fromArray(S, c, co + L));
        }
        c0.intoArray(c, co);
        c1.intoArray(c, co + L);
    }

    /** {@link #stridedKernel} for three rows: a batch of 3 would waste half of a six-row tile. */
    private static void stridedKernel3(float[] ap, int a0, int a1, int a2, int aKS, float[] bp, int bo, int bKS,
                                       int kc, float[] c, int co, int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        for (int kk = 0, bi = bo, ak = 0; kk < kc; kk++, bi += bKS, ak += aKS) {
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
        }
        // Written out, as in packedKernel, not by a helper that takes vectors (see there).
        int o1 = co + ldc;
        int o2 = co + 2 * ldc;
        if (!store) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c10 = c10.add(FloatVector.fromArray(S, c, o1));
            c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, o2));
            c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
    }

    /**
     * C[tile] = (store ? 0 : C[tile]) + scale * tile, on the valid mr x nr part of it, which starts
     * {@code skip} columns into the tile.
     */
    private static void addTile(float[] tile, int skip, float[] c, int co, int ldc, int mr, int nr, float scale,
                                boolean store) {
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
                c[o] = (store ? 0f : c[o]) + scale * tile[r * NR + skip + j];
            }
        }
    }

}
