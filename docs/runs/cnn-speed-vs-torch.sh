#!/bin/bash
# Side by side on an idle host: PyTorch's CPU build (1 epoch of the recipe: step median, epoch time)
# and jgrad (bench step --model cnn; then 1 epoch of the recipe for the epoch time), three times, interleaved.
cd /work/main
for round in 1 2 3; do
  echo "=== round $round torch"
  /work/shared/peers/run_torch.sh torch_cnn.py --data /usr/share/datasets/fashion-mnist --epochs 1 --seed 1 2>&1 | grep -E "RESULT|epoch"
  echo "=== round $round jgrad bench step --model cnn"
  ./jgrad bench step --model cnn --repeats 100 2>&1 | tail -1
  echo "=== round $round jgrad mnist --model cnn --epochs 1"
  ./jgrad mnist --model cnn --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --epochs 1 --seed 1 --quiet 2>&1 | grep -v "^\[" | tail -2
done
echo done
