#!/bin/bash
# Issue 14: gradcheck and numerical-vs-backprop, this build against 648eb03, interleaved.
# The old build: git worktree add /tmp/old 648eb03 && (cd /tmp/old && ./mvnw -q -o package -DskipTests)
# Run from the repository root after ./mvnw -q -o package -DskipTests.
# The old command warms up one numerical step, this one for 1.5 s (its Vector API kernels run as slow
# fallbacks until C2 compiles them; EJML's plain Java warms up at once), so the old build gets 30
# timed steps per depth, this one 5: both medians are of compiled code.
OLD=${OLD:-/tmp/old}
for round in 1 2 3; do
  for build in "$OLD" .; do
    name=$([ "$build" = . ] && echo now || echo 648eb03)
    steps=$([ "$build" = . ] && echo 5 || echo 30)
    /usr/bin/time -f "round $round $name gradcheck wall %e s" "$build/jgrad" gradcheck \
      --data-dir ../shared/datasets/mnist-first10k 2>&1 | grep -E "PASSED|FAILED|wall" | sed 's/.*analytic/  analytic/'
    /usr/bin/time -f "round $round $name numerical-vs-backprop --num-steps $steps wall %e s" "$build/jgrad" \
      numerical-vs-backprop --num-steps $steps 2>&1 | grep -E "^(5|10) |wall|growth"
  done
done
