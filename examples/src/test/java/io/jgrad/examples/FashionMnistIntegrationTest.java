package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full recipe on Fashion-MNIST from Debian's dataset-fashion-mnist package (CI installs it):
 * 784-100-10 ReLU, SGD 0.1, batch 100, 10000 iterations, must reach test accuracy >= 0.87.
 */
class FashionMnistIntegrationTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void defaultRecipeReachesEightySevenPercent(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "install the Debian package dataset-fashion-mnist");
        Path report = tmp.resolve("fashion.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"mnist", "--dataset", "fashion-mnist", "--no-download", "--quiet",
            "--report", report.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(0, code, err.toString());
        double acc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile()).get("test_accuracy")
                .asDouble();
        assertTrue(acc >= 0.87, "test accuracy " + acc);
    }
}
