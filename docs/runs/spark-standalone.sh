#!/bin/sh
# A standalone Spark cluster on loopback started by hand (a Master and two Workers of 1 core each,
# from the build's Spark jars), then `./jgrad mnist --spark spark://127.0.0.1:7077` against it.
# Build first: ./mvnw -q -DskipTests package. Stops the cluster at the end.
set -e
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/jgrad-spark}
mkdir -p "$OUT" examples/target/spark-home
ln -sfn ../spark-lib examples/target/spark-home/jars
export SPARK_HOME=$PWD/examples/target/spark-home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
cp="examples/target/spark-lib/*:examples/target/jgrad-examples.jar"
java -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 > "$OUT/master.log" 2>&1 &
master=$!
sleep 5
java -cp "$cp" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 --cores 1 --memory 1g --webui-port 18081 --work-dir "$OUT/w1" > "$OUT/worker1.log" 2>&1 &
w1=$!
java -cp "$cp" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 --cores 1 --memory 1g --webui-port 18082 --work-dir "$OUT/w2" > "$OUT/worker2.log" 2>&1 &
w2=$!
trap 'kill $w1 $w2 $master 2>/dev/null' EXIT
sleep 5
./jgrad mnist --dataset fashion-mnist --quiet --spark spark://127.0.0.1:7077 --partitions 2 --local-steps 10 \
  --report "$OUT/standalone-k10.json" 2>/dev/null | tail -1
