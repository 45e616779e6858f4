#!/bin/bash
# Interleaved A/B: old (648eb03) and new jar, GEMM and step, plus numpy at its best, 2 rounds.
J="java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Djgrad.relaunch=false"
cd /tmp/bench
for round in 1 2; do
  echo "=== round $round"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 /work/shared/peers/numpy_sgemm.py 2>&1 | tail -3
  for v in old new; do echo "--- $v gemm"; $J -jar $v.jar bench gemm 2>&1 | grep -v "^\[" ; done
  for v in new old; do echo "--- $v step"; $J -jar $v.jar bench step 2>&1 | grep -v "^\[" ; done
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 /work/shared/peers/numpy_twolayer.py --data /work/shared/datasets/mnist-first10k --parts step 2>&1 | tail -2
done
