#!/bin/bash
# float32 GEMM 1024^3 with 256-bit vectors on this AVX-512 host (an emulation of an AVX2 host:
# the JIT limited to AVX2, so the Vector API prefers 256-bit species and jgrad's blocking follows)
# against numpy with OpenBLAS's Haswell kernels, three interleaved rounds. Run from the repository root.
P=../shared/peers
for round in 1 2 3; do
  echo "=== round $round numpy (OPENBLAS_CORETYPE=Haswell)"
  OPENBLAS_CORETYPE=Haswell python3 $P/numpy_sgemm.py 2>&1 | grep RESULT | grep -o 'blas_core=[^ ]*\|gflops_1024^3=[^ ]*'
  echo "=== round $round jgrad (-XX:UseAVX=2)"
  JGRAD_JAVA_OPTS=-XX:UseAVX=2 ./jgrad bench gemm --sizes 1024 --repeats 9 2>&1 | grep -E "^1024|Vector API" | sed 's/.*float32 GEMM: \(Vector API [0-9]*-bit, [^;]*\);.*/\1/'
done
