#!/bin/sh
# float64 paths side by side with the 648eb03 build (EJML float64 GEMM) and numpy's float64 GEMM:
# ./jgrad gradcheck (784-50-10, float64, all 39,760 parameters) and ./jgrad numerical-vs-backprop,
# interleaved over 3 rounds; then GEMM 1024^3 float64 against numpy at its best.
# Needs the old build: git worktree add /tmp/old 648eb03 && (cd /tmp/old && ./mvnw -q -DskipTests package)
set -e
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/jgrad-f64}
mkdir -p "$OUT"
DATA=../shared/datasets/mnist-first10k
lscpu | grep -o 'avx512f' | head -1 || echo "no avx512f"
for r in 1 2 3; do
  /tmp/old/jgrad gradcheck --data-dir $DATA --report "$OUT/old-gradcheck-$r.json" > /dev/null 2>&1 || true
  ./jgrad gradcheck --data-dir $DATA --report "$OUT/new-gradcheck-$r.json" > /dev/null 2>&1 || true
  /tmp/old/jgrad numerical-vs-backprop --report "$OUT/old-nvb-$r.json" > /dev/null 2>&1 || true
  ./jgrad numerical-vs-backprop --report "$OUT/new-nvb-$r.json" > /dev/null 2>&1 || true
done
./jgrad bench gemm --dtype float64 --sizes 1024 --repeats 9 2>/dev/null | tail -2
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 ../shared/peers/numpy_sgemm.py --dtype float64 | tail -3
