#!/bin/bash
# The whole Fashion-MNIST MLP run (10,000 steps) of an old build and of this one, alternated, three
# rounds each order: train seconds, the trainer's median step (gather included) and the accuracy.
# Usage: docs/runs/gather-ab.sh /path/to/old/worktree    (run from the repository root; build both)
old=$1
run() { # $1 label, $2 repository root
  (cd "$2" && ./jgrad mnist --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --quiet \
     --report /tmp/gather-ab-$1.json > /dev/null 2>&1)
  python3 - "$1" /tmp/gather-ab-$1.json <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[2])); s = r["step_ms"]
print("%-4s train %.2f s  median step %.3f ms  test accuracy %s" % (sys.argv[1], r["train_seconds"], statistics.median(s), r["test_accuracy"]))
PY
}
for round in 1 2 3; do
  echo "--- round $round"
  if [ $((round % 2)) = 1 ]; then run old "$old"; run new .; else run new .; run old "$old"; fi
done
