package io.jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jgrad.examples.Main;
import io.jgrad.datasets.DatasetLocator;
import io.jgrad.datasets.IdxFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples' command line, end to end, on small data made here. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void offline() {
        // Any download attempt goes to a closed port on loopback, never to the internet.
        System.setProperty(DatasetLocator.MIRROR_PROPERTY, "http://127.0.0.1:1/");
        System.setProperty("user.home", tmp.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty(DatasetLocator.MIRROR_PROPERTY);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A report as JSON (parsed, never matched with regular expressions). */
    private static JsonNode json(Path report) throws IOException {
        return new ObjectMapper().readTree(report.toFile());
    }

    private static java.util.List<String> names(JsonNode array, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist", "svhn", "gradcheck", "numerical-vs-backprop", "bench", "backends", "export",
        "predict"})
    void everyCommandHasCompleteHelp(String command) {
        assertEquals(0, run(command, "--help"));
        assertTrue(stdout().contains("Usage: jgrad " + command) && stdout().contains("--backend")
                && stdout().contains("--report"), stdout());
    }

    @Test
    void wrongOptionIsAShortUsageError() {
        assertEquals(2, run("mnist", "--lr"));
        assertTrue(stderr().contains("Missing required parameter for option '--lr' (RATE)"), stderr());
        assertEquals(2, run("mnist", "--frobnicate", "3"));
        assertTrue(stderr().contains("Unknown options: '--frobnicate', '3'"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace");
        assertEquals(2, run("nonsense"));
    }

    @Test
    void badListsAndInitializersAreNamed() {
        assertEquals(2, run("svhn", "--hidden", ",", "--data-dir", tmp.toString()));
        assertTrue(stderr().contains("--hidden") && stderr().contains("','"), stderr());
        assertEquals(2, run("bench", "step", "--layers", "784,0,10"));
        assertTrue(stderr().contains("positive integers"), stderr());
        int code = run("mnist", "--init", "normal:nan", "--data-dir", tmp.toString());
        assertTrue(code == 2 && stderr().contains("normal:nan") && !stderr().contains("For input string"), stderr());
    }

    @Test
    void unwritableOutputPathsFailBeforeTraining() {
        long t0 = System.nanoTime();
        assertEquals(2, run("mnist", "--report", tmp.resolve("no/such/dir/r.json").toString()));
        assertTrue(stderr().contains("--report") && stderr().contains("does not exist"), stderr());
        assertEquals(2, run("mnist", "--save", tmp.toString()));
        assertTrue(stderr().contains("is a folder"), stderr());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused before any data was read");
    }

    @Test
    void missingDataOfflineExitsTwoNamingFilesAndFolders() {
        assertEquals(2, run("mnist", "--data-dir", tmp.resolve("empty").toString()));
        String e = stderr();
        assertTrue(e.contains("train-images-idx3-ubyte.gz") && e.contains("t10k-labels-idx1-ubyte.gz")
                && e.contains(tmp.resolve("empty").toString()) && e.contains(".jgrad"), e);
        assertFalse(e.contains("\tat "), "no stack trace");
    }

    @Test
    void unavailableBackendNamesTheReason() {
        assertEquals(2, run("backends", "--backend", "cuda"));
        assertTrue(stderr().contains("cuda") && stderr().contains("Available backends: cpu"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace");
    }

    @Test
    void mnistTrainsOnAStandardFolderAndWritesTheReport() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("mnist"), 1000, 200);
        Path report = tmp.resolve("r.json");
        Path plot = tmp.resolve("curves.png");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "300", "--quiet",
                "--report", report.toString(), "--plot", plot.toString(), "--save", tmp.resolve("m.ckpt").toString()),
                stderr());
        JsonNode r = json(report);
        assertEquals("cpu", r.get("backend").asText());
        assertEquals("mnist", r.get("dataset").asText());
        assertEquals(100, r.get("hidden").asInt());
        assertEquals(0.1, r.get("lr").asDouble());
        assertTrue(r.get("train_seconds").asDouble() > 0 && r.get("eval_seconds").asDouble() > 0, r.toString());
        assertEquals(300, r.get("step_loss").size(), "one loss per step");
        JsonNode lastEpoch = r.get("epochs").get(r.get("epochs").size() - 1);
        assertEquals(r.get("test_accuracy").asDouble(), lastEpoch.get("test_accuracy").asDouble());
        assertTrue(lastEpoch.get("elapsed_train_seconds").asDouble() > 0, lastEpoch.toString());
        double acc = json(report).get("test_accuracy").asDouble();
        assertTrue(acc > 0.9, "test accuracy " + acc);
        assertTrue(Files.size(plot) > 1000);
        assertTrue(Files.exists(tmp.resolve("m.ckpt")));
        // Resume: the run continues at the saved step and still finishes.
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "400", "--quiet",
                "--load", tmp.resolve("m.ckpt").toString()), stderr());
        assertTrue(stdout().contains("resumed from"), stdout());
    }

    @Test
    void noTrainEvalReportsOnlyTheTestSet() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("mnist-no-train-eval"), 1000, 200);
        Path report = tmp.resolve("no-train-eval.json");
        Path plot = tmp.resolve("no-train-eval.png");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "300", "--quiet",
                "--no-train-eval", "--report", report.toString(), "--plot", plot.toString()), stderr());
        JsonNode r = json(report);
        assertTrue(r.get("train_accuracy").isNull(), r.toString());
        assertTrue(r.get("test_accuracy").asDouble() > 0.9, r.toString());
        assertFalse(stdout().contains("train acc"), stdout());
        assertTrue(stdout().contains("test accuracy") && !stdout().contains("NaN"), stdout());
        assertTrue(Files.size(plot) > 1000);
    }

    @Test
    void runningTrainMetricsReportTheEpochsBatches() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("mnist-running"), 1000, 200);
        Path report = tmp.resolve("running.json");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "300", "--quiet",
                "--train-metrics", "running", "--report", report.toString()), stderr());
        double acc = json(report).get("train_accuracy").asDouble();
        assertTrue(acc > 0.5 && acc <= 1, "running train accuracy " + acc);
        assertTrue(stdout().contains("running train acc"), stdout());
    }

    @Test
    void unknownTrainMetricsAreAUsageErrorBeforeAnyDataIsRead() {
        // the folder does not exist: reading data first would fail on it instead
        assertEquals(2, run("mnist", "--data-dir", tmp.resolve("none").toString(), "--train-metrics", "sometimes"));
        assertTrue(stderr().contains("--train-metrics must be full, running or none, got 'sometimes'"), stderr());
    }

    @Test
    void benchRefusesAnUnknownModelEvenWhereItWouldNotUseIt() {
        // bench gemm has no use for --model, but a typo there is still the user's mistake to hear about
        assertEquals(2, run("bench", "gemm", "--sizes", "8", "--model", "rnn"));
        assertTrue(stderr().contains("--model must be mlp or cnn, got 'rnn'"), stderr());
    }

    @Test
    void exportRefusesAnUnknownRecipeBeforeLookingForTheCheckpoint() {
        assertEquals(2, run("export", "--recipe", "cifar", "--load", tmp.resolve("none.ckpt").toString(),
                "--onnx", tmp.resolve("m.onnx").toString()));
        assertTrue(stderr().contains("--recipe must be mnist or svhn, got 'cifar'"), stderr());
        assertFalse(Files.exists(tmp.resolve("m.onnx")));
    }

    @Test
    void svhnChecksTrainMetricsBeforeAnyDataIsRead() {
        assertEquals(2, run("svhn", "--data-dir", tmp.resolve("none").toString(), "--train-metrics", "often"));
        assertTrue(stderr().contains("--train-metrics must be full, running or none, got 'often'"), stderr());
    }

    @Test
    void svhnLearnsSyntheticDataFromScipyFiles() throws IOException {
        Path data = svhnFixtures("svhn");
        Path report = tmp.resolve("svhn.json");
        assertEquals(0, run("svhn", "--data-dir", data.toString(), "--epochs", "15", "--quiet",
                "--report", report.toString()), stderr());
        String json = Files.readString(report);
        double acc = json(report).get("test_accuracy").asDouble();
        assertTrue(acc > 0.6, "test accuracy " + acc + " (chance is 0.1)");
    }

    @Test
    void svhnCnnLearnsSyntheticDataFromScipyFiles() throws IOException {
        Path data = svhnFixtures("svhn-cnn");
        Path report = tmp.resolve("svhn-cnn.json");
        assertEquals(0, run("svhn", "--model", "cnn", "--data-dir", data.toString(), "--epochs", "10", "--quiet",
                "--report", report.toString()), stderr());
        JsonNode r = json(report);
        assertEquals("cnn", r.get("model").asText(), r.toString());
        double acc = r.get("test_accuracy").asDouble();
        assertTrue(acc > 0.6, "test accuracy " + acc + " (chance is 0.1)");
        assertTrue(stdout().contains("[batch, 32, 32, 32]"), "3-channel 32x32 input through conv1: " + stdout());
    }

    /** A folder of the scipy-written SVHN .mat fixtures the datasets module ships. */
    private Path svhnFixtures(String name) throws IOException {
        Path data = tmp.resolve(name);
        Files.createDirectories(data);
        for (String f : new String[] {"train_32x32.mat", "test_32x32.mat"}) {
            Files.copy(Path.of("../datasets/src/test/resources/svhn").resolve(f), data.resolve(f));
        }
        return data;
    }

    @Test
    void gradcheckPrintsTheTableAndReport() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("g"), 20, 10);
        Path report = tmp.resolve("g.json");
        int code = run("gradcheck", "--data-dir", data.toString(), "--per-parameter", "40", "--report",
                report.toString());
        JsonNode r = json(report);
        assertTrue(r.get("max_relative_error").asDouble() < r.get("threshold").asDouble(), r.toString());
        assertTrue(names(r.get("parameters"), "name").containsAll(java.util.List.of("dense1.W", "dense2.b")), r.toString());
        assertTrue(stdout().contains("dense1.W") && stdout().contains("rms(analytic)"), stdout());
        assertTrue(r.get("passed").asBoolean(), r.toString());
        assertEquals(0, code, "a passing check exits 0");
    }

    /**
     * On real digits (../shared, beside the checkout as in CI): the synthetic fixtures are flat 0/1
     * images whose max-pool windows are full of ties, which sit right on the kinks.
     */
    @Test
    void gradcheckOfTheCnnPasses() throws IOException {
        Path data = Path.of("../../shared/datasets/mnist-first10k");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(data), "no " + data.toAbsolutePath());
        Path report = tmp.resolve("c.json");
        int code = run("gradcheck", "--model", "cnn", "--data-dir", data.toString(), "--per-parameter", "15",
                "--samples", "2", "--report", report.toString());
        JsonNode r = json(report);
        assertTrue(names(r.get("parameters"), "name").containsAll(java.util.List.of("conv1.W", "conv2.b")), r.toString());
        assertTrue(r.get("passed").asBoolean(), r.toString());
        assertEquals(0, code, stdout());
    }

    @Test
    void mnistCnnTrainsOnFixtures() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("cnn"), 640, 128);
        Path report = tmp.resolve("cnn.json");
        assertEquals(0, run("mnist", "--model", "cnn", "--data-dir", data.toString(), "--epochs", "2", "--quiet",
                "--report", report.toString()), stderr());
        String json = Files.readString(report);
        assertEquals("cnn", json(report).get("model").asText(), json);
        double acc = json(report).get("test_accuracy").asDouble();
        assertTrue(acc > 0.5, "the fixture digits are learnable by the CNN: " + json);
        assertTrue(stdout().contains("conv1") && stdout().contains("[batch, 32, 28, 28]"), stdout());
    }

    @Test
    void trainedModelsExportToOnnxAndPredictFromIt() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("o"), 600, 200);
        Path onnx = tmp.resolve("mlp.onnx");
        Path ck = tmp.resolve("mlp.ck");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "200", "--quiet", "--save",
                ck.toString(), "--export-onnx", onnx.toString()), stderr());
        String trained = stdout().replaceAll("(?s).*test accuracy ([0-9.]+).*", "$1");
        Path report = tmp.resolve("p.json");
        assertEquals(0, run("predict", "--onnx", onnx.toString(), "--data-dir", data.toString(), "--report",
                report.toString()), stderr());
        assertTrue(stdout().contains("test accuracy " + trained), trained + " vs " + stdout());
        String json = Files.readString(report);
        assertEquals(Double.parseDouble(trained),
                json(report).get("test_accuracy").asDouble(), 1e-4, json);
        Path again = tmp.resolve("again.onnx");
        assertEquals(0, run("export", "--load", ck.toString(), "--onnx", again.toString()), stderr());
        assertEquals(0, run("predict", "--onnx", again.toString(), "--data-dir", data.toString()), stderr());
        assertTrue(stdout().contains("test accuracy " + trained), trained + " vs " + stdout());
        assertEquals(2, run("predict", "--onnx", tmp.resolve("missing.onnx").toString()));
        assertTrue(stderr().contains("missing.onnx"), stderr());
    }

    /** The same exported model under jgrad's predict and under ONNX Runtime: the same test accuracy. */
    @Test
    void onnxRuntimeAgreesWithPredictOnTheExportedModel() throws Exception {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("ort"), 600, 300);
        Path onnx = tmp.resolve("m.onnx");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "150", "--quiet", "--export-onnx",
                onnx.toString()), stderr());
        assertEquals(0, run("predict", "--onnx", onnx.toString(), "--data-dir", data.toString()), stderr());
        String ours = stdout().replaceAll("(?s).*test accuracy ([0-9.]+).*", "$1");
        io.jgrad.datasets.LabeledImages test = io.jgrad.datasets.Mnist.load("mnist",
                new io.jgrad.datasets.DatasetLocator(data, false, System.err)).test();
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        int correct = 0;
        try (ai.onnxruntime.OrtSession s = env.createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions());
             ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env,
                     java.nio.FloatBuffer.wrap(test.pixels()), new long[] {test.size(), 784});
             ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of("input", in))) {
            float[][] out = (float[][]) r.get(0).getValue();
            for (int i = 0; i < out.length; i++) {
                int best = 0;
                for (int j = 1; j < out[i].length; j++) {
                    if (out[i][j] > out[i][best]) {
                        best = j;
                    }
                }
                correct += best == test.labels()[i] ? 1 : 0;
            }
        }
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", (double) correct / test.size()), ours);
    }

    /**
     * A Fashion-MNIST MLP trained and exported by PyTorch (the committed fixture of the onnx module)
     * gives PyTorch's test accuracy to the last digit: 8377 of the 10,000 test images.
     */
    @Test
    void aPytorchTrainedModelKeepsItsAccuracyUnderPredict() throws IOException {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fashion), "no Fashion-MNIST at " + fashion);
        Path fixtures = Path.of("../onnx/src/test/resources/pytorch");
        int correct = Integer.parseInt(Files.readString(fixtures.resolve("fashion_mlp.txt")).trim());
        Path report = tmp.resolve("torch.json");
        assertEquals(0, run("predict", "--onnx", fixtures.resolve("fashion_mlp.onnx").toString(), "--dataset",
                "fashion-mnist", "--data-dir", fashion.toString(), "--report", report.toString()), stderr());
        String json = Files.readString(report);
        double acc = json(report).get("test_accuracy").asDouble();
        assertEquals(correct / 10000.0, acc, 0.0, json);
    }

    /** A fresh machine: no MNIST anywhere, no downloads. The embedded digits train, and say so. */
    @Test
    void withoutDataOrNetworkMnistTrainsOnTheEmbeddedDigits() throws IOException {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", tmp.resolve("emptyhome").toString());
        try {
            Path report = tmp.resolve("embedded.json");
            assertEquals(0, run("mnist", "--no-download", "--iterations", "3000", "--quiet", "--report",
                    report.toString()), stderr());
            assertTrue(stdout().contains("embedded in the jar") && stdout().contains("1000 held out"), stdout());
            String json = Files.readString(report);
            assertEquals("mnist-embedded-10k", json(report).get("dataset").asText(), json);
            double acc = json(report).get("test_accuracy").asDouble();
            assertTrue(acc > 0.9, "held-out accuracy " + acc);
            assertEquals(2, run("mnist", "--no-download", "--data-dir", tmp.resolve("nothing").toString()),
                    "an explicit --data-dir without the files stays an error");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void resumingAFinishedRunSaysThereIsNothingLeft() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("fin"), 300, 50);
        Path ck = tmp.resolve("fin.ck");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--iterations", "30", "--quiet", "--save",
                ck.toString()), stderr());
        assertEquals(2, run("mnist", "--data-dir", data.toString(), "--iterations", "30", "--quiet", "--load",
                ck.toString()));
        assertTrue(stderr().contains("at step 30") && stderr().contains("nothing is left to train"), stderr());
    }

    /** What a new user types after the command is never silently ignored. */
    @Test
    void misplacedAndSingleDashOptionsAreRefused() {
        assertEquals(2, run("mnist", "-Djgrad.backend=cuda"));
        assertTrue(stderr().contains("JVM system property") && stderr().contains("before the command"), stderr());
        assertEquals(2, run("mnist", "-lr", "5"));
        assertTrue(stderr().contains("unknown option -lr") && stderr().contains("--lr"), stderr());
        assertEquals(2, run("mnist", "extra"));
        assertTrue(stderr().contains("Unmatched argument at index 0: 'extra'"), stderr());
        assertEquals(0, run("mnist", "-h"));
        assertTrue(stdout().contains("Usage: jgrad mnist"), stdout());
    }

    @Test
    void gradcheckThatFailsExitsOne() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("f"), 20, 10);
        Path report = tmp.resolve("f.json");
        int code = run("gradcheck", "--data-dir", data.toString(), "--per-parameter", "20", "--threshold", "1e-30",
                "--report", report.toString());
        assertFalse(json(report).get("passed").asBoolean(), Files.readString(report));
        assertEquals(1, code, "a failing check exits 1");
    }

    @Test
    void numericalVsBackprop() throws IOException {
        Path report = tmp.resolve("n.json");
        assertEquals(0, run("numerical-vs-backprop", "--depths", "1,2", "--num-steps", "1", "--bp-steps", "5",
                "--report", report.toString()));
        JsonNode r = json(report);
        assertEquals(2, r.get("runs").size(), r.toString());
        assertTrue(r.get("runs").get(1).get("backprop_seconds_per_step").asDouble() > 0, r.toString());
        assertTrue(r.has("numerical_growth"), r.toString());
    }

    @Test
    void benchGemmWritesGflopsRows() throws IOException {
        Path report = tmp.resolve("b.json");
        assertEquals(0, run("bench", "gemm", "--sizes", "64", "--repeats", "1", "--report", report.toString()));
        JsonNode row = json(report).get("gemm").get(0);
        assertEquals(64, row.get("m").asInt(), row.toString());
        assertTrue(row.get("gflops").asDouble() > 0, row.toString());
    }

    @Test
    void epochsAndIterationsAreMutuallyExclusive() {
        assertEquals(2, run("mnist", "--epochs", "2", "--iterations", "5"));
        assertTrue(stderr().contains("--epochs=N, --iterations=N are mutually exclusive"), stderr());
    }

    @Test
    void typedOptionsRefuseOtherValuesNamingTheOption() {
        assertEquals(2, run("mnist", "--batch-size", "ten"));
        assertTrue(stderr().contains("Invalid value for option '--batch-size': 'ten'"), stderr());
        assertEquals(2, run("svhn", "--lr", "fast"));
        assertTrue(stderr().contains("Invalid value for option '--lr': 'fast'"), stderr());
    }

    @Test
    void versionAndCompletionComeFromPicocli() {
        assertEquals(0, run("--version"));
        assertTrue(stdout().startsWith("jgrad "), stdout());
        assertEquals(0, run("mnist", "--version"));
        assertEquals(0, run("completion"));
        assertTrue(stdout().contains("complete -F") && stdout().contains("mnist") && stdout().contains("--local-steps"),
                "a bash completion script");
    }
}
