package io.jgrad.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small MNIST-format folders for tests: 10 classes a network can tell apart. */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    public static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    /** Images where class k lights rows 2k..2k+2 over noise. */
    public static void writeSplit(Path dir, String prefix, int n, long seed, boolean gz) throws IOException {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            labels[i] = (byte) k;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = r.nextInt(40) + (row >= 2 * k + 4 && row < 2 * k + 7 ? 180 : 0);
                px[i * 784 + p] = (byte) v;
            }
        }
        Files.createDirectories(dir);
        byte[] images = idx(new int[] {n, 28, 28}, px);
        byte[] labelFile = idx(new int[] {n}, labels);
        String suffix = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gz ? gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gz ? gzip(labelFile) : labelFile);
    }

    /** A folder with the four standard MNIST file names. */
    public static Path mnistFolder(Path dir, int train, int test) throws IOException {
        writeSplit(dir, "train", train, 1, true);
        writeSplit(dir, "t10k", test, 2, false);
        return dir;
    }
}
