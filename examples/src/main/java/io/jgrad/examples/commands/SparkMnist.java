package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.EpochRecord;
import io.jgrad.core.train.ProgressBar;
import io.jgrad.datasets.LabeledImages;
import io.jgrad.examples.Plot;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;
import io.jgrad.spark.ModelFactory;
import io.jgrad.spark.Sample;
import io.jgrad.spark.SparkRunStats;
import io.jgrad.spark.SparkTrainer;
import io.jgrad.spark.SparkTrainingResult;

/**
 * {@code mnist --spark MASTER}: the classic recipe trained data-parallel on Spark. The replicas'
 * batches add up to the single-machine batch (--batch-size / partitions each), and the run sees
 * as many examples as the single-machine run (--iterations x --batch-size), in rounds of
 * --local-steps steps. Loaded only when --spark is given, so the rest of jgrad runs without Spark.
 */
final class SparkMnist {
    private SparkMnist() {
    }

    static int run(Options.Parsed args, LabeledImages trainImages, Dataset test, Backend backend, DType dtype,
                   long seed, String initSpec, int hidden, String activation, double lr, int batch,
                   Map<String, Object> report, String title, PrintStream out) throws Exception {
        if (args.has("load")) {
            throw new UsageException("--load resumes a single-machine run; with --spark give --resume URI");
        }
        if (args.has("epochs")) {
            throw new UsageException("with --spark the run length is --iterations (examples seen = iterations x batch size)");
        }
        int k = args.positiveInteger("local-steps");
        long iterations = args.has("iterations") ? args.positiveInteger("iterations") : 10_000;
        String master = args.get("spark");
        SparkSession spark = session(master);
        java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("jgrad-spark-");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = args.has("partitions") ? args.positiveInteger("partitions") : sc.defaultParallelism();
            int replicaBatch = Math.max(1, batch / partitions);
            long examples = iterations * batch;
            int rounds = (int) Math.max(1, Math.round((double) examples / ((double) replicaBatch * partitions * k)));
            ModelFactory factory = recipe(dtype, seed, initSpec, hidden, activation);
            SparkTrainer.Builder builder = SparkTrainer.builder(factory, SoftmaxCrossEntropy::sparse, () -> new SGD(lr))
                    .driverBackend(backend).batchSize(replicaBatch).localSteps(k).rounds(rounds).seed(seed)
                    .evaluationBatchSize(1000);
            if (args.has("backend")) {
                builder.executorBackend(args.get("backend"));
            }
            if (args.has("save")) {
                builder.checkpoint(uri(args.get("save")), args.positiveInteger("checkpoint-every"));
            }
            if (args.has("resume")) {
                builder.resumeFrom(uri(args.get("resume")));
            }
            if (!args.has("quiet")) {
                builder.callback(ProgressBar.forConsole(System.err, rounds, replicaBatch * partitions * k));
            }
            out.printf(Locale.ROOT, "784-%d-10 %s on %s via Spark %s: %d partitions, K = %d, batch %d per replica,"
                    + " %d rounds (%d examples)%n", hidden, activation, trainImages.name(), master, partitions, k,
                    replicaBatch, rounds, (long) rounds * replicaBatch * partitions * k);
            // The packed data is checkpointed there once, so that tasks stay small (a shared path,
            // HDFS for example, on a cluster of several machines).
            sc.setCheckpointDir(args.has("spark-dir") ? args.get("spark-dir") : checkpoints.toUri().toString());
            JavaRDD<Sample> samples = sc.parallelize(Sample.fromRows(trainImages.pixels(), trainImages.labels()), partitions);
            long t0 = System.nanoTime();
            try (SparkTrainingResult r = builder.build().fit(samples, test)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                SparkRunStats s = r.stats();
                EpochRecord last = r.history().lastEpoch();
                out.printf(Locale.ROOT, "test accuracy %.4f; %d rounds in %.2f s (%.1f rounds/s): compute %.2f s,"
                                + " communication %.2f s; median round %.1f ms (compute %.2f ms); %d bytes per round%n",
                        last.testAccuracy(), s.rounds(), s.roundSeconds(), s.roundsPerSecond(), s.computeSeconds(),
                        s.communicationSeconds(), s.medianRoundMillis(), s.medianComputeMillis(), s.bytesPerRound());
                report.put("spark_master", master);
                report.put("iterations", iterations);
                report.put("train_seconds_total", seconds);
                report.put("spark", s.toMap());
                CommandSupport.addHistory(report, r.history());
                CommandSupport.writeReport(args, report);
                if (args.has("plot")) {
                    Plot.write(r.history(), title + " on Spark", args.path("plot"));
                }
                if (args.has("export-onnx")) {
                    io.jgrad.onnx.OnnxExporter.export(r.model(), args.path("export-onnx"));
                }
            }
        } finally {
            spark.stop();
            deleteTree(checkpoints);
        }
        return 0;
    }

    /** The classic MLP, built the same way on the driver and on every executor. */
    private static ModelFactory recipe(DType dtype, long seed, String initSpec, int hidden, String activation) {
        return b -> MlpRecipe.build(b, dtype, seed, Initializer.parse(initSpec), new int[] {784}, new int[] {hidden},
                activation);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** A path without a scheme is a local file. */
    private static String uri(String pathOrUri) {
        return CommandSupport.isUri(pathOrUri) ? pathOrUri
                : Path.of(pathOrUri).toAbsolutePath().toUri().toString();
    }

    private static SparkSession session(String master) throws URISyntaxException {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("jgrad mnist")
                .config("spark.ui.enabled", "false");
        boolean inProcess = master.equals("local") || master.startsWith("local[");
        if (inProcess || master.startsWith("local-cluster[")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!inProcess) {
            // Executors run in JVMs of their own: ship them the jar this class was loaded from
            // (jgrad's classes) and the Vector API (the backend asked for travels with the job).
            Path jar = Path.of(SparkMnist.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            b.config("spark.jars", jar.toString());
            // Workers on this machine start executors from SPARK_HOME/jars; when that is the build's
            // spark-lib it lacks SLF4J (the examples jar carries it), so the jar goes on their launch
            // class path too (on other machines the path is absent and Java skips it).
            b.config("spark.executor.extraClassPath", jar.toString());
            b.config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
        }
        return b.getOrCreate();
    }
}
