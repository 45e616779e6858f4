package io.jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the scipy-written fixtures (see src/test/resources/svhn/make_fixtures.py). */
class SvhnTest {
    static Path fixture(String name) {
        return Path.of("src/test/resources/svhn").resolve(name);
    }

    @Test
    void readsScipyFilesMappingTenToZero() throws IOException {
        LabeledImages li = Svhn.read("t", fixture("train_32x32.mat"), true);
        assertEquals(200, li.size());
        assertEquals(3072, li.exampleShape().size());
        assertEquals(0, li.labels()[0], "label 10 means digit 0");
        assertEquals(7, li.labels()[7]);
        // Example 3 (digit 3) has its bright square at rows 4-11, columns 18-23.
        float inside = li.pixels()[3 * 3072 + 96 * 6 + 3 * 20 + 1];
        float outside = li.pixels()[3 * 3072 + 96 * 30 + 3 * 2 + 1];
        assertTrue(inside > 0.75 && outside < 0.05, inside + " " + outside);
    }

    @Test
    void unscaledKeepsRawPixels() throws IOException {
        LabeledImages li = Svhn.read("t", fixture("test_32x32.mat"), false);
        float max = 0;
        for (float v : li.pixels()) {
            max = Math.max(max, v);
        }
        assertTrue(max > 200 && max <= 255, "max " + max);
    }

    @Test
    void truncatedFileGivesAClearError(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(fixture("train_32x32.mat"));
        Path cut = tmp.resolve("train_32x32.mat");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> Svhn.read("t", cut, true));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void notAMatFileGivesAClearError(@TempDir Path tmp) throws IOException {
        Path junk = tmp.resolve("test_32x32.mat");
        Files.writeString(junk, "this is not MATLAB");
        IOException e = assertThrows(IOException.class, () -> Svhn.read("t", junk, true));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }
}
