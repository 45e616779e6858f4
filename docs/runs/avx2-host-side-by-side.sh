#!/bin/bash
# Issue 14 on a host without AVX-512 (AVX2 + FMA): GEMM float32 and float64, the MLP step, the whole
# Fashion-MNIST MLP run, and the CNN recipe step, each side by side with its peer, interleaved.
# Run from the repository root after ./mvnw -q -DskipTests package.
P=../shared/peers
NP="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3"
DATA=/usr/share/datasets/fashion-mnist
if lscpu | grep -qw avx512f; then echo "avx512f: yes"; else echo "avx512f: no (AVX2 host)"; fi
lscpu | grep -E "Model name|L2 cache"
for r in 1 2 3; do
  echo "=== round $r"
  echo -n "numpy sgemm 1024^3 GFLOPS: "; $NP $P/numpy_sgemm.py --repeats 7 2>&1 | grep -o "gflops_1024^3=[0-9.]*" | cut -d= -f2
  echo -n "jgrad sgemm 1024^3 GFLOPS: "; ./jgrad bench gemm --sizes 1024 --repeats 7 2>&1 | grep "^1024" | awk '{print $3}'
  echo -n "numpy dgemm 1024^3 GFLOPS: "; $NP $P/numpy_sgemm.py --dtype float64 --repeats 7 2>&1 | grep -o "gflops_1024^3=[0-9.]*" | cut -d= -f2
  echo -n "jgrad dgemm 1024^3 GFLOPS: "; ./jgrad bench gemm --dtype float64 --sizes 1024 --repeats 7 2>&1 | grep "^1024" | awk '{print $3}'
  echo -n "numpy MLP step: "; $NP $P/numpy_twolayer.py --data $DATA --parts step 2>&1 | grep -o "step_median_ms=[0-9.]*"
  echo -n "jgrad MLP step: "; ./jgrad bench step --repeats 21 2>&1 | grep "training step"
done
for r in 1 2; do
  echo "=== whole run, round $r"
  echo -n "numpy: "; $NP $P/numpy_twolayer.py --data $DATA --parts run 2>&1 | grep RESULT
  echo -n "jgrad: "; ./jgrad mnist --dataset fashion-mnist --data-dir $DATA --quiet 2>&1 | grep "test accuracy"
done
for r in 1 2; do
  echo "=== CNN recipe step, round $r"
  echo -n "torch: "; $P/run_torch.sh torch_cnn.py --data $DATA --epochs 1 --seed 1 2>&1 | grep RESULT
  echo -n "jgrad: "; ./jgrad bench step --model cnn --repeats 100 2>&1 | grep "training step"
done
