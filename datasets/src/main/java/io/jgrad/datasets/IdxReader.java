package io.jgrad.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), gzip-compressed or raw, trusting nothing a file says about
 * its own size. A raw file's header must declare exactly the bytes the file holds. A gzip file is
 * read to its very end, every member (a concatenation of gzip files is one valid gzip file), so
 * that gzip's CRC-32 and length checks run and a corrupted byte anywhere is an error naming the
 * file; its data buffer grows as bytes arrive, up to what the header declares, so a forged header
 * or trailer costs at most twice the memory of the data really there.
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
        return read(file, expectedRank, Integer.MAX_VALUE);
    }

    /**
     * The first {@code limit} records only (all of them where the file holds fewer): the header is
     * checked as by {@link #read(Path, int)}, but the data after those records is not read, so a
     * fault there (a bad gzip checksum, extra bytes) goes unnoticed.
     */
    public static Idx read(Path file, int expectedRank, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        boolean gz = isGzip(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(gz ? new GZIPInputStream(raw, 1 << 16)
                     : raw, 1 << 16))) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new IOException(file + ": empty or shorter than an IDX header (" + Files.size(file) + " bytes"
                        + (gz ? " compressed" : "") + ")", e);
            }
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
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new IOException(file + ": truncated inside the header (dimension " + i + " at offset "
                            + (4 + 4 * i) + ")", e);
                }
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
            if (!gz && Files.size(file) - header != payload) {
                long available = Files.size(file) - header;
                throw new IOException(file + ": header declares " + Arrays.toString(dims) + " = " + payload
                        + " bytes of data but the file holds " + available + " after the " + header + "-byte header"
                        + (available < payload ? " (truncated?)" : ""));
            }
            if (limit < dims[0]) {
                long head = payload / dims[0] * limit;
                int[] headDims = dims.clone();
                headDims[0] = limit;
                return new Idx(headDims, readExactly(in, file, head));
            }
            byte[] data = gz ? readGrowing(in, file, dims, payload) : readExactly(in, file, payload);
            return new Idx(dims, data);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] readExactly(DataInputStream in, Path file, long payload) throws IOException {
        byte[] data = new byte[(int) payload];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated inside the data", e);
        }
        return data;
    }

    /** Decompressed data up to {@code payload} bytes, the buffer doubling as bytes arrive; then the end of the stream. */
    private static byte[] readGrowing(DataInputStream in, Path file, int[] dims, long payload) throws IOException {
        byte[] data = new byte[(int) Math.min(payload, 1 << 20)];
        int filled = 0;
        try {
            while (filled < payload) {
                if (filled == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(payload, 2L * data.length));
                }
                int r = in.read(data, filled, data.length - filled);
                if (r < 0) {
                    throw new IOException(file + ": header declares " + Arrays.toString(dims) + " = " + payload
                            + " bytes of data but the gzip stream holds only " + filled + " (truncated?)");
                }
                filled += r;
            }
            // Read on to the end: gzip checks each member's CRC-32 and length only there.
            long extra = 0;
            byte[] rest = new byte[8192];
            for (int r; (r = in.read(rest)) > 0; ) {
                extra += r;
            }
            if (extra > 0) {
                throw new IOException(file + ": " + extra + " bytes of data beyond the " + payload + " the header ("
                        + Arrays.toString(dims) + ") declares");
            }
        } catch (EOFException e) {
            throw new IOException(file + ": the gzip stream is truncated (" + e.getMessage() + ")", e);
        }
        return data;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Reads an image file and its label file into floats scaled to [0, 1]. */
    public static LabeledImages readImages(String name, Path images, Path labels, int classes) throws IOException {
        return readImages(name, images, labels, classes, Integer.MAX_VALUE);
    }

    /** The first {@code limit} images and labels only (see {@link #read(Path, int, int)}). */
    public static LabeledImages readImages(String name, Path images, Path labels, int classes, int limit)
            throws IOException {
        Idx img = read(images, 3, limit);
        Idx lab = read(labels, 1, limit);
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
