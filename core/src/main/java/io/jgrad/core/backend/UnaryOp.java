package io.jgrad.core.backend;

/** Elementwise unary ops, each with a backward form (see {@link Backend#unaryBackward}). */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, SQUARE, ABS, SIGMOID, TANH, RELU
}
