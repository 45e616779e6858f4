package io.jgrad.core.backend;

public enum ReduceOp {
    SUM, MEAN, MAX
}
