package io.jgrad.spark;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A partition's samples packed into two arrays (one object per partition, cached by Spark), so
 * that a replica uploads them to its backend in one copy instead of object by object.
 */
final class PartitionBlock implements Serializable {
    final int partition;
    final float[] features;
    final int[] labels;
    final int featureCount;

    private PartitionBlock(int partition, float[] features, int[] labels, int featureCount) {
        this.partition = partition;
        this.features = features;
        this.labels = labels;
        this.featureCount = featureCount;
    }

    int size() {
        return labels.length;
    }

    /** Packs the samples of one partition; every one must have {@code featureCount} features. */
    static PartitionBlock pack(int partition, Iterator<Sample> samples, int featureCount) {
        FloatBuffer x = new FloatBuffer(featureCount * 256);
        IntBuffer y = new IntBuffer(256);
        long index = 0;
        while (samples.hasNext()) {
            Sample s = samples.next();
            if (s.features().length != featureCount) {
                throw new IllegalArgumentException("partition " + partition + ", sample " + index + ": "
                        + s.features().length + " features, the model takes " + featureCount);
            }
            x.add(s.features());
            y.add(s.label());
            index++;
        }
        return new PartitionBlock(partition, x.toArray(), y.toArray(), featureCount);
    }

    private static final class FloatBuffer {
        private float[] data;
        private int size;

        FloatBuffer(int capacity) {
            data = new float[capacity];
        }

        void add(float[] values) {
            if (size + values.length > data.length) {
                long grown = Math.max((long) data.length * 2, (long) size + values.length);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a partition holds more than 2^31 feature values:"
                            + " repartition the data into more partitions");
                }
                data = java.util.Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(values, 0, data, size, values.length);
            size += values.length;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    private static final class IntBuffer {
        private int[] data;
        private int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
