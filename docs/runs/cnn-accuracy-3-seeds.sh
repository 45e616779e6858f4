#!/bin/bash
# Fashion-MNIST CNN recipe, 3 epochs, seeds 1-3: jgrad then PyTorch, side by side; then MNIST first10k.
cd /work/main
for s in 1 2 3; do
  echo "=== seed $s jgrad"
  ./jgrad mnist --model cnn --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --epochs 3 --seed $s --quiet --report /tmp/bench/jgrad_fashion_cnn_s$s.json 2>&1 | grep -v "^\[" | tail -4
  echo "=== seed $s torch"
  /work/shared/peers/run_torch.sh torch_cnn.py --data /usr/share/datasets/fashion-mnist --epochs 3 --seed $s 2>&1 | grep -E "RESULT|epoch"
done
echo "=== mnist-first10k jgrad cnn 5 epochs"
./jgrad mnist --model cnn --data-dir /work/shared/datasets/mnist-first10k --epochs 5 --seed 1 --quiet --report /tmp/bench/jgrad_mnist10k_cnn.json 2>&1 | grep -v "^\[" | tail -4
echo done
