package io.jgrad.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jgrad.datasets.IdxFixtures;
import io.jgrad.examples.Main;

/** {@code mnist --spark local[2]}: the classic recipe trained data-parallel, end to end. */
class SparkMnistTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainsOnLocalSparkAndReportsRoundsBytesAndTimeSplit() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("mnist"), 1000, 200);
        Path report = tmp.resolve("r.json");
        assertEquals(0, run("mnist", "--data-dir", data.toString(), "--spark", "local[2]", "--local-steps", "5",
                "--iterations", "300", "--quiet", "--report", report.toString(), "--save",
                tmp.resolve("spark.ck").toString(), "--checkpoint-every", "10"), err.toString(StandardCharsets.UTF_8));
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        JsonNode spark = r.get("spark");
        assertEquals("local[2]", r.get("spark_master").asText());
        assertEquals(2, spark.get("partitions").asInt());
        assertEquals(5, spark.get("local_steps").asInt());
        // 300 iterations x batch 100 = 30000 examples = 60 rounds of 2 replicas x 5 steps x 50.
        assertEquals(60, spark.get("rounds").asInt());
        long params = 784 * 100 + 100 + 100 * 10 + 10;
        assertEquals(params * 4 * 2 * 2, spark.get("bytes_per_round").asLong());
        assertTrue(spark.get("rounds_per_second").asDouble() > 0);
        assertTrue(spark.get("compute_seconds").asDouble() > 0);
        assertTrue(spark.get("communication_seconds").asDouble() > 0);
        double accuracy = r.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
        assertTrue(Files.size(tmp.resolve("spark.ck")) > params * 4, "checkpoint written");
    }

    @Test
    void resumingFromAForeignCheckpointIsAClearError() throws IOException {
        Path data = IdxFixtures.mnistFolder(tmp.resolve("mnist"), 200, 50);
        Path foreign = tmp.resolve("foreign.ck");
        Files.write(foreign, new byte[] {'J', 'G', 'R', 'A', 'D', 'C', 'K', '1', 0, 0, 0, 1});
        assertEquals(1, run("mnist", "--data-dir", data.toString(), "--spark", "local[2]", "--iterations", "20",
                "--quiet", "--resume", foreign.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("is not a jgrad Spark checkpoint"), e);
        assertTrue(!e.contains("\tat "), "no stack trace: " + e);
    }

    @Test
    void sparkOptionsWithoutSparkAreRefused() {
        assertEquals(2, run("mnist", "--local-steps", "5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("apply to --spark runs only"));
    }
}
