#!/bin/bash
# Side-by-side round on a reviewed build: numpy (at its best) vs jgrad for GEMM and the MLP
# step; PyTorch's CPU build vs jgrad for the CNN recipe step. Run from the repository root.
P=../shared/peers
echo "=== numpy sgemm";  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $P/numpy_sgemm.py 2>&1 | grep RESULT
echo "=== jgrad gemm";   ./jgrad bench gemm --sizes 1024 --repeats 9 2>&1 | grep -E "^[0-9]"
echo "=== numpy step";   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $P/numpy_twolayer.py --data /usr/share/datasets/fashion-mnist --parts step 2>&1 | grep RESULT
echo "=== jgrad step";   ./jgrad bench step --repeats 21 2>&1 | grep -E "step|gradient"
echo "=== torch cnn";    $P/run_torch.sh torch_cnn.py --data /usr/share/datasets/fashion-mnist --epochs 1 --seed 1 2>&1 | grep RESULT
echo "=== jgrad cnn";    ./jgrad bench step --model cnn --repeats 100 2>&1 | grep "training step"
