package io.jgrad.examples.library;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jgrad.datasets.IdxFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's library examples are these classes, word for word; they compile and run here. */
class LibraryExamplesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"FashionMnistApp", "TwoThreadsApp", "OnnxApp", "SparkApp"})
    void theReadmeShowsTheCompiledSource(String app) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/jgrad/examples/library/" + app + ".java"));
        String readme = Files.readString(Path.of("../README.md"));
        String body = source.substring(source.indexOf("import "));
        assertTrue(readme.contains(body), "README.md must show " + app + ".java from its imports on, verbatim");
    }

    @Test
    void fashionMnistAppTrainsEvaluatesAndSaves() throws Exception {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("fashion"), 600, 200);
        Path checkpoint = tmp.resolve("model.ck");
        String out = captureOut(() -> FashionMnistApp.main(new String[] {data.toString(), checkpoint.toString(), "3"}));
        assertTrue(out.contains("test accuracy"), out);
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*test accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.5, "the fixture digits are learnable: " + out);
        assertTrue(Files.size(checkpoint) > 784 * 100 * 4, "checkpoint written");
    }

    @Test
    void sparkAppTrainsOnLocalSpark() throws Exception {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("spark"), 1000, 200);
        String out = captureOut(() -> SparkApp.main(new String[] {data.toString(), "local[2]"}));
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*test accuracy ([0-9.]+) after.*", "$1"));
        assertTrue(accuracy > 0.9, "the fixture digits are learnable: " + out);
        assertTrue(out.contains("bytes per round"), out);
    }

    @Test
    void onnxAppRoundTrips() throws Exception {
        String out = captureOut(() -> OnnxApp.main(new String[] {tmp.resolve("cnn.onnx").toString()}));
        assertTrue(out.contains("same predictions: true"), out);
    }

    @Test
    void twoThreadsAppMatchesSerialRuns() throws Exception {
        String out = captureOut(() -> TwoThreadsApp.main(new String[0]));
        assertTrue(out.contains("weights identical to serial runs: true"), out);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static String captureOut(Body body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
