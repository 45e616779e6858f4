package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jgrad.core.train.Callback;
import io.jgrad.core.train.Dataset;

/**
 * A real cluster on the loopback interface: Spark's {@code local-cluster[2,1,1024]} runs a Master
 * and two Workers in this JVM and each executor in a JVM of its own, launched by its Worker from
 * {@code SPARK_HOME/jars} (the build links Spark's jars there) with jgrad on
 * {@code spark.executor.extraClassPath}. One run is undisturbed; in the other, an executor is
 * killed with SIGKILL mid-training. Spark reruns its tasks on a surviving or replacement executor,
 * whose replica is rebuilt from the broadcast state, so the two runs end bit-identical.
 * Runs with {@code -Pspark-cluster} (as .ci/run does); needs about 1.5 GB of memory.
 */
class StandaloneClusterIT {
    private static final List<Sample> TRAIN = SparkTestData.samples(600, 21);
    private static final List<Sample> TEST = SparkTestData.samples(300, 22);
    private static SparkSession spark;

    @BeforeAll
    static void startCluster(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertTrue(System.getenv("SPARK_HOME") != null && Files.isDirectory(Path.of(System.getenv("SPARK_HOME"), "jars")),
                "SPARK_HOME with a jars/ folder (the spark-cluster profile sets it)");
        spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("jgrad-cluster-it")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.task.maxFailures", "4")
                .getOrCreate();
        JavaSparkContext.fromSparkContext(spark.sparkContext()).setCheckpointDir(tmp.resolve("ck").toUri().toString());
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void killingAnExecutorMidTrainingEndsWithTheSameModel() throws Exception {
        Map<String, double[]> undisturbed = train(null);
        List<ProcessHandle> before = executors();
        assertEquals(2, before.size(), "two executor JVMs: " + before);
        java.util.concurrent.atomic.AtomicInteger failedTasks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<ProcessHandle> victim = new java.util.concurrent.atomic.AtomicReference<>();
        spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart start) {
                // A round's task has just started on this executor and computes for a while (K steps
                // of a wide net): killing its JVM now loses the task mid-flight.
                if (armed.compareAndSet(true, false)) {
                    ProcessHandle p = executor(start.taskInfo().executorId());
                    victim.set(p);
                    p.destroyForcibly();
                }
            }

            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!end.reason().toString().equals("Success")) {
                    failedTasks.incrementAndGet();
                }
            }
        });
        Callback killer = new Callback() {
            @Override
            public void onStep(long round, double loss) {
                if (round == 5) {
                    armed.set(true);
                }
            }
        };
        Map<String, double[]> killed = train(killer);
        assertTrue(victim.get() != null, "an executor was killed");
        victim.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        assertTrue(failedTasks.get() >= 1, "a task was lost with the executor and rerun");
        assertTrue(executors().stream().anyMatch(p -> !before.contains(p)), "the cluster started a replacement executor");
        undisturbed.forEach((name, values) -> assertArrayEquals(values, killed.get(name), name));
    }

    private Map<String, double[]> train(Callback callback) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // A wide net and K = 10 so that each task computes long enough to be killed in the middle.
        SparkTrainer.Builder b = SparkTrainer.builder(StandaloneClusterIT::wideModel,
                io.jgrad.core.loss.SoftmaxCrossEntropy::sparse, () -> new io.jgrad.core.optim.Adam(0.001))
                .batchSize(64).localSteps(10).rounds(10).seed(8);
        Optional.ofNullable(callback).ifPresent(b::callback);
        try (Dataset test = SparkTestData.dataset(TEST);
             SparkTrainingResult r = b.build().fit(sc.parallelize(TRAIN, 2), test)) {
            assertTrue(r.history().lastEpoch().testAccuracy() > 0.85, r.history().lastEpoch().toString());
            Map<String, double[]> out = new LinkedHashMap<>();
            r.model().stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
            return out;
        }
    }

    static io.jgrad.core.nn.Sequential wideModel(io.jgrad.core.backend.Backend backend) {
        return io.jgrad.core.nn.Sequential.builder(backend, io.jgrad.core.tensor.DType.FLOAT32).seed(7)
                .input(SparkTestData.FEATURES).dense(256).relu().dense(256).relu().dense(SparkTestData.CLASSES).build();
    }

    /** The JVM of one executor of this application. */
    private static ProcessHandle executor(String executorId) {
        return executors().stream().filter(p -> commandLine(p).contains("--executor-id\u0000" + executorId + "\u0000"))
                .findFirst().orElseThrow(() -> new AssertionError("no JVM for executor " + executorId));
    }

    /** The whole command line (ProcessHandle's may be cut short for long class paths). */
    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** This machine's Spark executor JVMs of this application, oldest first. */
    private static List<ProcessHandle> executors() {
        String app = spark.sparkContext().applicationId();
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String c = commandLine(p);
                    return c.contains("CoarseGrainedExecutorBackend") && c.contains(app);
                })
                .sorted(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MAX)))
                .toList();
    }
}
