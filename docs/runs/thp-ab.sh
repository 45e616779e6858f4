#!/bin/bash
# Transparent huge pages (-XX:+UseTransparentHugePages: the JVM madvises its heap; the kernel's
# setting here is "madvise") against none, alternated: the CNN recipe's step and the MLP's
# (`bench step`), then whole `./jgrad mnist` MLP commands (wall, train seconds). Both arms pass a
# JGRAD_JAVA_OPTS so that neither writes the class-data-sharing archive. Run from the repository root.
rounds=${1:-6}
cat /sys/kernel/mm/transparent_hugepage/enabled
for r in $(seq 1 $rounds); do
  for f in "-Dthp=off" "-XX:+UseTransparentHugePages"; do
    printf "round %d %-30s CNN step %s   MLP step %s\n" "$r" "$f" \
      "$(JGRAD_JAVA_OPTS="$f" ./jgrad bench step --model cnn 2>&1 | grep -o 'median [0-9.]* ms')" \
      "$(JGRAD_JAVA_OPTS="$f" ./jgrad bench step 2>&1 | grep -o 'median [0-9.]* ms')"
  done
done
for r in 1 2 3; do
  for f in "-Dthp=off" "-XX:+UseTransparentHugePages"; do
    s0=$(date +%s.%N)
    line=$(JGRAD_JAVA_OPTS="$f" ./jgrad mnist --dataset fashion-mnist --data-dir /usr/share/datasets/fashion-mnist --quiet 2>&1 | grep "test accuracy")
    s1=$(date +%s.%N)
    printf "mnist round %d %-30s wall %.2f s  %s\n" "$r" "$f" "$(echo "$s1 - $s0" | bc)" "$line"
  done
done
