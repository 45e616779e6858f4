package io.jgrad.core.backend;

/** Which values a reduction combines, in the matrix view of a tensor. */
public enum Reduction {
    /** One result per column, combining all rows (numpy axis=0): the bias gradient. */
    PER_COLUMN,
    /** One result per row, combining all columns (numpy axis=1). */
    PER_ROW,
    /** A single result. */
    ALL
}
