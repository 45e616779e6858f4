#!/bin/sh
# Fashion-MNIST, classic recipe (784-100-10 ReLU, SGD 0.1, batch 100, 10000 iterations = 1M examples
# seen), on one machine and data-parallel on Spark with 2 partitions: local[2] with K = 1 and
# K = 10, and a loopback standalone cluster (local-cluster: Master, 2 Workers, executor JVMs) with
# K = 10. Build first: ./mvnw -q -DskipTests package. Reports go to $OUT (default /tmp/jgrad-spark).
set -e
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/jgrad-spark}
mkdir -p "$OUT" examples/target/spark-home
ln -sfn ../spark-lib examples/target/spark-home/jars   # a Worker launches executors from SPARK_HOME/jars
lscpu | grep -o 'avx512f' | head -1 || echo "no avx512f"
./jgrad mnist --dataset fashion-mnist --quiet --report "$OUT/single.json" | tail -1
./jgrad mnist --dataset fashion-mnist --quiet --spark 'local[2]' --local-steps 10 --report "$OUT/local-k10.json" 2>/dev/null | tail -1
./jgrad mnist --dataset fashion-mnist --quiet --spark 'local[2]' --local-steps 1 --report "$OUT/local-k1.json" 2>/dev/null | tail -1
SPARK_HOME=$PWD/examples/target/spark-home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
  ./jgrad mnist --dataset fashion-mnist --quiet --spark 'local-cluster[2,1,1024]' --local-steps 10 \
  --report "$OUT/cluster-k10.json" 2>/dev/null | tail -1
