package io.jgrad.benchmarks;

/**
 * What every benchmark's forked JVM needs, as Lucene sets it for its own Vector API code: the
 * incubator module (else the CPU backend falls back to EJML) and no per-access bounds checks in
 * the kernels (their indices are in range by construction; the tests run with the checks on).
 */
final class BenchmarkSupport {
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    static final String NO_OOB_CHECK = "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0";

    private BenchmarkSupport() {
    }
}
