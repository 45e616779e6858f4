package io.jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6, (byte) 255, 0, 9, 10, 11, 12};
        byte[] file = IdxFixtures.idx(new int[] {3, 2, 2}, data);
        Files.write(dir.resolve("raw"), file);
        Files.write(dir.resolve("z.gz"), IdxFixtures.gzip(file));
        for (String name : new String[] {"raw", "z.gz"}) {
            IdxReader.Idx idx = IdxReader.read(dir.resolve(name), 3);
            assertArrayEquals(new int[] {3, 2, 2}, idx.dims());
            assertArrayEquals(data, idx.data());
        }
    }

    @Test
    void hugeHeaderFailsBeforeAllocating() throws IOException {
        byte[] file = IdxFixtures.idx(new int[] {Integer.MAX_VALUE, 28, 28}, new byte[784]);
        Files.write(dir.resolve("huge.gz"), IdxFixtures.gzip(file));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("huge.gz"), 3));
        assertTrue(e.getMessage().contains("huge.gz") && e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void truncatedFileNamesTheSizes() throws IOException {
        byte[] file = IdxFixtures.idx(new int[] {10, 28, 28}, new byte[7840]);
        Files.write(dir.resolve("cut"), Arrays.copyOf(file, file.length - 100));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("cut"), 3));
        assertTrue(e.getMessage().contains("7840") && e.getMessage().contains("7740"), e.getMessage());
        Files.write(dir.resolve("cut.gz"), Arrays.copyOf(IdxFixtures.gzip(file), 40));
        assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("cut.gz"), 3));
    }

    @Test
    void badMagicNamesTheOffset() throws IOException {
        byte[] file = IdxFixtures.idx(new int[] {4}, new byte[4]);
        file[2] = 0x0D; // a float IDX, not unsigned bytes
        Files.write(dir.resolve("labels"), file);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("labels"), 1));
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("offset 0"), e.getMessage());
        IOException rank = assertThrows(IOException.class,
                () -> IdxReader.read(dir.resolve("labels"), 3));
        assertTrue(rank.getMessage().contains("labels"), rank.getMessage());
    }

    @Test
    void labelOutOfRangeNamesIndexAndValue() throws IOException {
        Files.write(dir.resolve("img"), IdxFixtures.idx(new int[] {2, 28, 28}, new byte[2 * 784]));
        Files.write(dir.resolve("lab"), IdxFixtures.idx(new int[] {2}, new byte[] {3, 12}));
        IOException e = assertThrows(IOException.class,
                () -> IdxReader.readImages("t", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("is 12"), e.getMessage());
    }

    @Test
    void imagesAreScaledToUnitRange() throws IOException {
        IdxFixtures.writeSplit(dir, "train", 20, 3, true);
        LabeledImages li = IdxReader.readImages("t", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 10);
        assertEquals(20, li.size());
        assertEquals(784, li.exampleShape().size());
        for (float v : li.pixels()) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(7, li.labels()[7]);
    }
}
