package io.jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.train.Dataset;

/** A small local Spark and a three-class problem that a little MLP learns in a few dozen rounds. */
final class SparkTestData {
    static final int FEATURES = 8;
    static final int CLASSES = 3;

    private static SparkSession session;

    private SparkTestData() {
    }

    /** One session for every test class: two cores, up to 3 attempts per task (for the retry test). */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,3]").appName("jgrad-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(spark().sparkContext());
    }

    /** Gaussian blobs around three centres. */
    static List<Sample> samples(int n, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(CLASSES);
            float[] x = new float[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                x[f] = (float) (r.nextGaussian() * 0.8 + (f % CLASSES == label ? 2.0 : 0.0));
            }
            out.add(new Sample(x, label));
        }
        return out;
    }

    static JavaRDD<Sample> rdd(List<Sample> samples, int partitions) {
        return context().parallelize(samples, partitions);
    }

    static Dataset dataset(List<Sample> samples) {
        float[] x = new float[samples.size() * FEATURES];
        int[] y = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).features(), 0, x, i * FEATURES, FEATURES);
            y[i] = samples.get(i).label();
        }
        return Dataset.classification("test", Backends.get(), DType.FLOAT32, x, Shape.of(FEATURES), y, CLASSES);
    }

    static Sequential model(Backend backend) {
        return Sequential.builder(backend, DType.FLOAT32).seed(7).input(FEATURES).dense(16).relu().dense(CLASSES).build();
    }

    static SparkTrainer.Builder sgd(double lr) {
        return SparkTrainer.builder(SparkTestData::model, SoftmaxCrossEntropy::sparse, () -> new SGD(lr));
    }

    static SparkTrainer.Builder adam(double lr) {
        return SparkTrainer.builder(SparkTestData::model, SoftmaxCrossEntropy::sparse, () -> new Adam(lr));
    }
}
