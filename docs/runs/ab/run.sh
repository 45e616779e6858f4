#!/bin/bash
# Two builds in one JVM, timed in alternating ~20 ms windows (SideBySide.java): the host's drift,
# which moves single runs by 30-50% here, then hits both alike, and the paired ratio is what counts.
# usage: docs/runs/ab/run.sh OLD_EXAMPLES_JAR NEW_EXAMPLES_JAR [WHAT...]
#   WHAT: step (the MLP training step of bench step), cnn (bench step --model cnn) or a GEMM m x k x n x t (t: 0, 1 = A
#   transposed, 2 = B transposed); default: the step and the MLP's products.
# e.g. git worktree add -f /tmp/old 3a1932c && (cd /tmp/old && ./mvnw -B -q -o package -DskipTests)
#      docs/runs/ab/run.sh /tmp/old/examples/target/jgrad-examples.jar examples/target/jgrad-examples.jar
set -e
OLD=$1; NEW=$2; shift 2
WHAT=${*:-step 100x784x100x0 784x100x100x1 100x100x10x0 100x100x10x1 100x10x100x2}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p /tmp/ab
javac -d /tmp/ab -cp "$NEW" "$HERE/StepRunner.java"
javac -d /tmp/ab "$HERE/SideBySide.java"
for w in $WHAT; do
  java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Drunner=/tmp/ab/ \
    -cp /tmp/ab SideBySide "$OLD" "$NEW" "$w" 40 2>&1 | grep -v "WARNING\|INFO"
done
