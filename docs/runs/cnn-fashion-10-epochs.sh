#!/bin/bash
# Fashion-MNIST, CNN recipe, 10 epochs: plain, then with --batchnorm --dropout 0.25 (seed 1).
cd /work/main
echo "=== 10 epochs plain"
java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Djgrad.relaunch=false -jar /tmp/bench/jgrad-cnn.jar mnist --model cnn --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --epochs 10 --seed 1 --quiet --report /tmp/bench/fashion_cnn_10ep.json 2>&1 | grep -v "^\[" | tail -11
echo "=== 10 epochs --batchnorm --dropout 0.25"
java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Djgrad.relaunch=false -jar /tmp/bench/jgrad-cnn.jar mnist --model cnn --batchnorm --dropout 0.25 --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --epochs 10 --seed 1 --quiet --report /tmp/bench/fashion_cnn_bn_10ep.json 2>&1 | grep -v "^\[" | tail -11
echo done
