#!/bin/bash
# Issue 14, item 3: the whole Fashion-MNIST MLP run (10,000 steps) of numpy at its best and of jgrad
# interleaved, twice; then
# the step alone. Run from the repository root.
P=../shared/peers
for round in 1 2; do
  echo "=== round $round numpy run"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $P/numpy_twolayer.py --data /usr/share/datasets/fashion-mnist --parts run 2>&1 | grep RESULT
  echo "=== round $round jgrad run"
  ./jgrad mnist --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --quiet 2>&1 | grep "test accuracy"
  echo "=== round $round numpy step"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $P/numpy_twolayer.py --data /usr/share/datasets/fashion-mnist --parts step 2>&1 | grep RESULT
  echo "=== round $round jgrad step"
  ./jgrad bench step --repeats 21 2>&1 | grep "training step"
done
