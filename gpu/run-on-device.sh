#!/bin/bash
# The GPU checks and benchmarks of issues 5, 11 and 14, run on a lent GPU host from the dist bundle
# carried in .bundle/ (see gpu/README.md). Writes at most 11 files to $OUT.
set -u
OUT=${OUT:-/tmp/jgrad-out}
mkdir -p "$OUT"
B=.bundle/jgrad-dist
DATA=.bundle/data/mnist-first10k
LOG=$OUT/log.txt

{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
  echo "libcuda:   $(find / -name 'libcuda.so.1' -not -path '/proc/*' 2>/dev/null | head -3 | tr '\n' ' ')"
  echo "cublas 12: $(find / -name 'libcublas.so.12' -not -path '/proc/*' 2>/dev/null | head -3 | tr '\n' ' ')"
  echo "cublas 13: $(find / -name 'libcublas.so.13' -not -path '/proc/*' 2>/dev/null | head -3 | tr '\n' ' ')"
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda)" 2>&1
  echo "cc: $(command -v cc gcc | tr '\n' ' ')"
} > "$OUT/env.txt" 2>&1

# cuBLAS 12 if the host has it (e.g. in a CUDA 12 PyTorch wheel), else CUDA 13's with jgrad's shim.
C12=$(find / -name 'libcublas.so.12' -not -path '/proc/*' -not -path "$PWD/.bundle/*" 2>/dev/null | head -1)
C13=$(find / -name 'libcublas.so.13' -not -path '/proc/*' 2>/dev/null | head -1)
if [ -n "$C12" ]; then
  export LD_LIBRARY_PATH="$(dirname "$C12"):${LD_LIBRARY_PATH:-}"
  echo "using $C12" >> "$OUT/env.txt"
elif [ -n "$C13" ]; then
  export LD_LIBRARY_PATH="$(dirname "$C13"):${LD_LIBRARY_PATH:-}"
  export JGRAD_JAVA_OPTS="-Djgrad.cuda.cublasShim=$PWD/.bundle/libcublas.so.12 ${JGRAD_JAVA_OPTS:-}"
  echo "using $C13 through the prebuilt shim" >> "$OUT/env.txt"
fi
export JGRAD_JAVA_OPTS="-Xmx24g ${JGRAD_JAVA_OPTS:-}"

step() { echo; echo "== $*" ; timeout 240 "$@" 2>&1 | grep -v 'Using incubator modules'; echo "(exit ${PIPESTATUS[0]})"; }
{
  step $B/bin/jgrad backends
  step $B/bin/jgrad-test-cuda --details=summary
  step $B/bin/jgrad mnist --backend cuda --data-dir $DATA --quiet --seed 4 --report "$OUT/mnist_cuda.json"
  step $B/bin/jgrad mnist --backend cpu --data-dir $DATA --quiet --seed 4 --report "$OUT/mnist_cpu.json"
  step $B/bin/jgrad bench gemm --backend cuda --sizes 1024,2048,4096 --report "$OUT/gemm_cuda.json"
  JGRAD_JAVA_OPTS="$JGRAD_JAVA_OPTS -Djgrad.cuda.tf32=true" step $B/bin/jgrad bench gemm --backend cuda --sizes 4096
  step python3 gpu/torch_reference.py --size 4096
  step $B/bin/jgrad bench step --backend cuda --layers 3072,4096,4096,10 --batch 1024 --report "$OUT/step_cuda.json"
  step $B/bin/jgrad bench step --backend cpu --layers 3072,4096,4096,10 --batch 1024 --repeats 5 --report "$OUT/step_cpu.json"
  # Issue 11: the CNN recipe's step on CUDA at batch 256 (against torch_step cnn above), and its
  # accuracy on CUDA and on the CPU with the same seed (the MNIST digits, last tenth held out).
  step $B/bin/jgrad bench step --backend cuda --model cnn --batch 256 --report "$OUT/cnn_step_cuda.json"
  step $B/bin/jgrad mnist --model cnn --backend cuda --data-dir $DATA --epochs 2 --seed 1 --quiet --report "$OUT/cnn_cuda.json"
  step $B/bin/jgrad mnist --model cnn --backend cpu --data-dir $DATA --epochs 2 --seed 1 --quiet --report "$OUT/cnn_cpu.json"
} > "$LOG" 2>&1
cat "$OUT/env.txt" "$LOG"
