package io.jgrad.examples.library;

import java.nio.file.Path;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import io.jgrad.core.backend.Backends;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Dataset;
import io.jgrad.datasets.DatasetLocator;
import io.jgrad.datasets.Mnist;
import io.jgrad.spark.Sample;
import io.jgrad.spark.SparkTrainer;
import io.jgrad.spark.SparkTrainingResult;

/** Trains Fashion-MNIST's classic MLP data-parallel on Spark: java SparkApp DATA_DIR [MASTER]. */
public final class SparkApp {
    public static void main(String[] args) throws Exception {
        Mnist.Splits data = Mnist.load("fashion-mnist", new DatasetLocator(Path.of(args[0]), true, System.err));
        String master = args.length > 1 ? args[1] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("jgrad SparkApp")
                .config("spark.ui.enabled", "false").getOrCreate();
        try (Dataset test = data.test().toDataset(Backends.get(), DType.FLOAT32)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            sc.setCheckpointDir(System.getProperty("java.io.tmpdir") + "/jgrad-spark-app"); // tasks stay small
            SparkTrainer trainer = SparkTrainer.builder(
                            backend -> Sequential.builder(backend, DType.FLOAT32).seed(1)
                                    .input(784).dense(100).relu().dense(10).build(),
                            SoftmaxCrossEntropy::sparse, () -> new SGD(0.1))
                    .batchSize(50).localSteps(10).epochs(3).seed(1).build();
            try (SparkTrainingResult r = trainer.fit(sc.parallelize(Sample.fromRows(data.train().pixels(), data.train().labels()), 2), test)) {
                System.out.printf("test accuracy %.4f after %d rounds (%.1f rounds/s, %d bytes per round)%n",
                        r.history().lastEpoch().testAccuracy(), r.stats().rounds(), r.stats().roundsPerSecond(),
                        r.stats().bytesPerRound());
            }
        } finally {
            spark.stop();
        }
    }
}
