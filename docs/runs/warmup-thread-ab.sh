#!/bin/bash
# The whole Fashion-MNIST MLP run of an old build and this one, alternated (four rounds): train seconds,
# the first 500 steps, steps 500-2000, the rest, the median step (from the report's step_ms).
cd "$(dirname "$0")/../.."; old=${1:?usage: warmup-thread-ab.sh OLD_WORKTREE}
run() {
  (cd "$2" && ./jgrad mnist --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --quiet --report /tmp/wu-$1.json > /dev/null 2>&1)
  python3 - "$1" /tmp/wu-$1.json <<'PY'
import json, sys, statistics as st
r = json.load(open(sys.argv[2])); s = r["step_ms"]; m = st.median(s)
print("%-4s train %.2f s  first 500 %.0f ms  500-2000 %.0f ms  rest %.0f ms  median %.3f ms  acc %s" % (sys.argv[1], r["train_seconds"], sum(s[:500]), sum(s[500:2000]), sum(s[2000:]), m, r["test_accuracy"]))
PY
}
for round in 1 2 3 4; do
  if [ $((round % 2)) = 1 ]; then run old "$old"; run new .; else run new .; run old "$old"; fi
done
