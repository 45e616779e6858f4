#!/bin/bash
# The Vector API kernel warm-up (tried, since removed: the flag now does nothing) on and off, three paired rounds of one CNN epoch on Fashion-MNIST:
# train seconds, the first step and the first hundred steps (from the report's step_ms).
cd "$(dirname "$0")/../.."
for round in 1 2 3; do
  for w in false true; do
    JGRAD_JAVA_OPTS="-Djgrad.cpu.warmup=$w" ./jgrad mnist --model cnn --dataset fashion-mnist \
      --data-dir /usr/share/datasets/fashion-mnist --epochs 1 --seed 1 --quiet --report /tmp/warmup-$w.json > /dev/null 2>&1
    python3 - "$round" "$w" /tmp/warmup-$w.json <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[3])); ms = r["step_ms"]
print("round %s warmup=%-5s train %.2f s  first step %.0f ms  first 100 steps %.2f s  median %.2f ms"
      % (sys.argv[1], sys.argv[2], r["train_seconds"], ms[0], sum(ms[:100]) / 1000, statistics.median(ms)))
PY
  done
done
