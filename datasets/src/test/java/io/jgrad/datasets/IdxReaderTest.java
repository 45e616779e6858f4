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

    private static final byte[] THREE_RECORDS = {1, 2, 3, 4, 5, 6, (byte) 255, 0, 9, 10, 11, 12};

    /** THREE_RECORDS as a [3, 2, 2] IDX file, written plain ("raw") and gzip-compressed ("z.gz"). */
    private void writeThreeRecords() throws IOException {
        byte[] file = IdxFixtures.idx(new int[] {3, 2, 2}, THREE_RECORDS);
        Files.write(dir.resolve("raw"), file);
        Files.write(dir.resolve("z.gz"), IdxFixtures.gzip(file));
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] data = THREE_RECORDS;
        writeThreeRecords();
        for (String name : new String[] {"raw", "z.gz"}) {
            IdxReader.Idx idx = IdxReader.read(dir.resolve(name), 3);
            assertArrayEquals(new int[] {3, 2, 2}, idx.dims());
            assertArrayEquals(data, idx.data());
        }
    }

    @Test
    void aLimitReadsOnlyTheFirstRecords() throws IOException {
        byte[] data = THREE_RECORDS;
        writeThreeRecords();
        for (String name : new String[] {"raw", "z.gz"}) {
            IdxReader.Idx two = IdxReader.read(dir.resolve(name), 3, 2);
            assertArrayEquals(new int[] {2, 2, 2}, two.dims(), name);
            assertArrayEquals(Arrays.copyOf(data, 8), two.data(), name);
            IdxReader.Idx all = IdxReader.read(dir.resolve(name), 3, 7);
            assertArrayEquals(new int[] {3, 2, 2}, all.dims(), name);
            assertArrayEquals(data, all.data(), name);
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

    /** A byte changed in the middle of the compressed data: gzip's CRC (or the inflater) must catch it. */
    @Test
    void corruptedGzipIsAnErrorNamingTheFile() throws IOException {
        java.util.Random r = new java.util.Random(3);
        byte[] pixels = new byte[20 * 784];
        r.nextBytes(pixels);
        byte[] gz = IdxFixtures.gzip(IdxFixtures.idx(new int[] {20, 28, 28}, pixels));
        int corrupted = 0;
        for (int at = gz.length / 3; at < gz.length - 8; at += gz.length / 7) {
            byte[] bad = gz.clone();
            bad[at] ^= 0x5A;
            Path f = dir.resolve("bad" + at + ".gz");
            Files.write(f, bad);
            IOException e = assertThrows(IOException.class, () -> IdxReader.read(f, 3), "byte " + at + " changed");
            assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
            corrupted++;
        }
        assertTrue(corrupted >= 3);
    }

    @Test
    void multiMemberGzipIsReadWhole() throws IOException {
        byte[] data = new byte[6 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] file = IdxFixtures.idx(new int[] {6, 2, 2}, data);
        byte[] a = IdxFixtures.gzip(Arrays.copyOf(file, 20));
        byte[] b = IdxFixtures.gzip(Arrays.copyOfRange(file, 20, file.length));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Files.write(dir.resolve("two.gz"), both);
        assertArrayEquals(data, IdxReader.read(dir.resolve("two.gz"), 3).data());
    }

    /**
     * A header consistent with 2^20 images of 32x32 (1 GiB) over 1 MiB of real data, with the gzip
     * trailer intact or forged to match the claim: read in a child JVM with a 64 MB heap, the error
     * names the file and nothing near the claimed size is allocated.
     */
    @Test
    void forgedSizesAllocateOnlyWhatArrives() throws Exception {
        byte[] file = IdxFixtures.idx(new int[] {1 << 20, 32, 32}, new byte[0]);
        byte[] gz = IdxFixtures.gzip(Arrays.copyOf(file, file.length + (1 << 20)));
        Files.write(dir.resolve("forged.gz"), gz);
        String out = readInSmallHeap(dir.resolve("forged.gz"));
        assertTrue(out.contains("forged.gz") && out.contains("holds only 1048576"), out);
        byte[] trailer = gz.clone();
        trailer[trailer.length - 1] = 0x40; // the stored length now says about 1 GiB too
        Files.write(dir.resolve("trailer.gz"), trailer);
        out = readInSmallHeap(dir.resolve("trailer.gz"));
        assertTrue(out.contains("trailer.gz") && out.startsWith("error:"), out);
    }

    private static String readInSmallHeap(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), ReadIdxMain.class.getName(), file.toString(), "3")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), "a clear error, not a crash or an OutOfMemoryError: " + out);
        return out;
    }

    @Test
    void emptyAndHeaderTruncatedFilesSaySo() throws IOException {
        Files.write(dir.resolve("empty"), new byte[0]);
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("empty"), 3));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("0 bytes"), e.getMessage());
        byte[] file = IdxFixtures.idx(new int[] {10, 28, 28}, new byte[0]);
        Files.write(dir.resolve("head.gz"), IdxFixtures.gzip(Arrays.copyOf(file, 9)));
        e = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("head.gz"), 3));
        assertTrue(e.getMessage().contains("head.gz") && e.getMessage().contains("header"), e.getMessage());
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
