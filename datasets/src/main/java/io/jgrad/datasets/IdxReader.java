package io.jgrad.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), gzip-compressed or raw. The header is checked against the
 * file's length before anything is allocated: the byte count it declares must equal what the file
 * holds (for gzip, the uncompressed size in the trailer), so a header claiming 2^31 images fails
 * with a message instead of exhausting memory.
 */
public final class IdxReader {
    /** The largest payload accepted (1 GiB): no IDX file of this kind comes near it. */
    private static final long MAX_BYTES = 1L << 30;

    private IdxReader() {
    }

    /** The decoded file: its dimensions and the unsigned bytes. */
    public record Idx(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    public static Idx read(Path file, int expectedRank) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        boolean gz = isGzip(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(gz ? new GZIPInputStream(raw, 1 << 16)
                     : raw, 1 << 16))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != 0x08) {
                throw new IOException(String.format("%s: bad IDX magic number 0x%08X at offset 0 (expected 0x0000080%d:"
                        + " unsigned bytes, rank %d)", file, magic, expectedRank, expectedRank));
            }
            if (rank != expectedRank) {
                throw new IOException(file + ": IDX rank is " + rank + " at offset 3, expected " + expectedRank);
            }
            int[] dims = new int[rank];
            long payload = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] <= 0) {
                    throw new IOException(file + ": dimension " + i + " is " + dims[i] + " at offset " + (4 + 4 * i));
                }
                payload *= dims[i];
                if (payload > MAX_BYTES) {
                    throw new IOException(file + ": header claims dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                            + " (more than " + MAX_BYTES + " bytes); the file is corrupt");
                }
            }
            long header = 4L + 4L * rank;
            long available = gz ? gzipUncompressedSize(file) - header : Files.size(file) - header;
            // gzip's trailer holds the size modulo 2^32; payloads here are < 1 GiB, so it is exact.
            if (available != payload) {
                throw new IOException(file + ": header declares " + Arrays.toString(dims) + " = " + payload
                        + " bytes of data but the file holds " + available + " after the " + header + "-byte header"
                        + (available < payload ? " (truncated?)" : ""));
            }
            byte[] data = new byte[(int) payload];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated inside the data", e);
            }
            return new Idx(dims, data);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static long gzipUncompressedSize(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 18) {
                throw new IOException(file + ": gzip file too short (" + f.length() + " bytes)");
            }
            f.seek(f.length() - 4);
            int b0 = f.read();
            int b1 = f.read();
            int b2 = f.read();
            int b3 = f.read();
            return (b0 | b1 << 8 | b2 << 16 | (long) b3 << 24) & 0xFFFFFFFFL;
        }
    }

    /** Reads an image file and its label file into floats scaled to [0, 1]. */
    public static LabeledImages readImages(String name, Path images, Path labels, int classes) throws IOException {
        Idx img = read(images, 3);
        Idx lab = read(labels, 1);
        if (img.count() != lab.count()) {
            throw new IOException(images + " holds " + img.count() + " images but " + labels + " holds " + lab.count()
                    + " labels");
        }
        int[] y = new int[lab.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data()[i] & 0xFF;
            if (y[i] >= classes) {
                throw new IOException(labels + ": label at index " + i + " (offset " + (8 + i) + ") is " + y[i]
                        + ", outside [0, " + classes + ")");
            }
        }
        byte[] px = img.data();
        float[] x = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            x[i] = (px[i] & 0xFF) / 255f;
        }
        return new LabeledImages(name, x, io.jgrad.core.tensor.Shape.of(img.dims()[1] * img.dims()[2]), y, classes);
    }
}
