#!/bin/bash
# Issue 10 A/B, interleaved: old (648eb03) and new jar, GEMM (1024^3 and the MLP shapes) and step, 3 rounds.
J="java --add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0 -Djgrad.relaunch=false"
cd /tmp/bench
for round in 1 2 3; do
  for v in old new; do echo "--- round $round $v gemm"; $J -jar $v.jar bench gemm --sizes 1024 --repeats 9 2>&1 | grep -E "x[0-9]"; done
  for v in new old; do echo "--- round $round $v step"; $J -jar $v.jar bench step --repeats 21 2>&1 | grep -E "step|gradient"; done
done
