package io.jgrad.backend.cpu;

/**
 * Where work over the rows of a matrix is cut into parts. One rule for GEMM and the optimizer
 * updates, so that the core which computed rows of a weight gradient also updates those rows and
 * later multiplies by them: the data stays in that core's cache instead of crossing between cores.
 */
final class RowSplit {
    /** Rows are cut in whole tiles of this many, the GEMM micro-kernel's height. */
    static final int TILE = 6;

    private RowSplit() {
    }

    /** First row of part {@code part} of {@code parts} when {@code rows} is cut in whole tiles of {@code tile}. */
    static int start(int rows, int tile, int part, int parts) {
        int tiles = (rows + tile - 1) / tile;
        return Math.min(rows, (int) ((long) tiles * part / parts) * tile);
    }
}
