#!/bin/bash
# The CNN recipe's kernel warm-up (while the data is read) off and on, alternated: one Fashion-MNIST
# epoch each (--no-train-eval), train seconds, the first 100 steps, the step median, test accuracy.
cd "$(dirname "$0")/../.."
for round in 1 2 3; do
  for w in false true; do
    JGRAD_JAVA_OPTS="-Djgrad.warmup=$w" ./jgrad mnist --model cnn --dataset fashion-mnist \
      --data-dir /usr/share/datasets/fashion-mnist --epochs 1 --seed 1 --quiet --no-train-eval \
      --report /tmp/cnn-warmup-$w.json > /dev/null 2>&1
    python3 - "$round" "$w" /tmp/cnn-warmup-$w.json <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[3])); s = r["step_ms"]
print("round %s warmup=%-5s train %.2f s  first 100 steps %.2f s  median %.2f ms  test accuracy %s"
      % (sys.argv[1], sys.argv[2], r["train_seconds"], sum(s[:100]) / 1000, statistics.median(s), r["test_accuracy"]))
PY
  done
done
