package io.jgrad.core.backend;

/** Elementwise binary ops; the right operand may be a row vector broadcast over every row. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV
}
