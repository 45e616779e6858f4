#!/bin/bash
# On a CUDA 13 host: the test suite through jgrad's prebuilt shim (loaded by System.load), then the
# shim built automatically on the host with cc into a fresh home. Run from the repository root.
set -u
OUT=${OUT:-/tmp/jgrad-out}
mkdir -p "$OUT"
B=.bundle/jgrad-dist
C13=$(find / -name 'libcublas.so.13' -not -path '/proc/*' -path '*cuda*targets*' 2>/dev/null | head -1)
export LD_LIBRARY_PATH="$(dirname "$C13")"
echo "cuBLAS 13: $C13"
echo "== prebuilt shim, System.load"
JGRAD_JAVA_OPTS="-Djgrad.cuda.cublasShim=$PWD/.bundle/libcublas.so.12" $B/bin/jgrad-test-cuda --details=summary \
  --reports-dir "$OUT/junit" 2>&1 | grep -v 'incubator' | tail -16
echo "== shim built on this host with cc (fresh HOME)"
rm -rf /tmp/freshhome
HOME=/tmp/freshhome JGRAD_JAVA_OPTS="-Duser.home=/tmp/freshhome" $B/bin/jgrad backends 2>&1 | grep -v incubator
ls -la /tmp/freshhome/.jgrad/native/cublas12-shim/ 2>&1
HOME=/tmp/freshhome JGRAD_JAVA_OPTS="-Duser.home=/tmp/freshhome" $B/bin/jgrad bench gemm --backend cuda --sizes 4096 2>&1 | grep -E "4096x|backend:"
