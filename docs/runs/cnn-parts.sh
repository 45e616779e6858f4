#!/bin/bash
# Where a CNN recipe step's time goes: each layer's forward and backward (LayerTimes), then each
# backend call of conv1 and conv2 (ConvParts: im2col, the three GEMMs, the axis swaps, the bias
# gradient, col2im), medians of a few hundred calls. Run from the repository root after
# ./mvnw -q -DskipTests package.
set -e
J=examples/target/jgrad-examples.jar
mkdir -p /tmp/cnn-parts
javac -d /tmp/cnn-parts -cp $J docs/runs/LayerTimes.java docs/runs/ConvParts.java
F="--add-modules jdk.incubator.vector -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"
java $F -cp $J:/tmp/cnn-parts LayerTimes 300 2>&1 | grep -v WARNING
java $F -cp $J:/tmp/cnn-parts ConvParts 2>&1 | grep -v WARNING
