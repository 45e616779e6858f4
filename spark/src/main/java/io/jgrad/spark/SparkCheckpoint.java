package io.jgrad.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.UUID;
import java.util.zip.CRC32;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.train.Checkpoint;

/**
 * The driver's checkpoint of a run on Spark, on any Hadoop-compatible path ({@code file://},
 * {@code hdfs://}, ...). Written whole to a temporary name and renamed over the target, so a
 * reader sees the old checkpoint or the new one, never half of one.
 *
 * <p>Format (big-endian): {@code JGRADSP1}; int version (1); int rounds completed; int local steps
 * K; int partitions; long seed; int length and the bytes of a core {@link Checkpoint} (the model
 * and the driver's optimizer); the CRC-32 of everything before it, as a long. A run resumes only
 * with the K, partitioning and seed it was written with, since those decide its batches.
 */
public final class SparkCheckpoint {
    private static final byte[] MAGIC = "JGRADSP1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    /** What a checkpoint says about the run that wrote it. */
    public record Header(int rounds, int localSteps, int partitions, long seed) {
    }

    private SparkCheckpoint() {
    }

    static void save(String uri, Configuration conf, Header header, Sequential model, Optimizer optimizer)
            throws IOException {
        ByteArrayOutputStream core = new ByteArrayOutputStream();
        Checkpoint.write(core, model, optimizer);
        ByteArrayOutputStream all = new ByteArrayOutputStream(core.size() + 64);
        DataOutputStream out = new DataOutputStream(all);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(header.rounds());
        out.writeInt(header.localSteps());
        out.writeInt(header.partitions());
        out.writeLong(header.seed());
        out.writeInt(core.size());
        core.writeTo(out);
        CRC32 crc = new CRC32();
        crc.update(all.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();

        Path target = new Path(uri);
        FileContext fc = FileContext.getFileContext(target.toUri(), conf);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try (OutputStream s = fc.create(tmp, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                Options.CreateOpts.createParent())) {
            all.writeTo(s);
        } catch (IOException e) {
            fc.delete(tmp, false);
            throw new IOException("cannot write checkpoint " + uri + ": " + e.getMessage(), e);
        }
        fc.rename(tmp, target, Options.Rename.OVERWRITE);
    }

    /** Reads only the header (after checking magic, version and checksum). */
    public static Header header(String uri, Configuration conf) throws IOException {
        return parse(uri, readAll(uri, conf)).header;
    }

    /**
     * Loads the checkpoint into {@code model} and {@code optimizer} after checking it was written by
     * a run with {@code expected}'s K, partitioning and seed; returns the rounds it had completed.
     */
    static int load(String uri, Configuration conf, Header expected, Sequential model, Optimizer optimizer)
            throws IOException {
        Parsed p = parse(uri, readAll(uri, conf));
        Header h = p.header;
        if (h.localSteps() != expected.localSteps() || h.partitions() != expected.partitions()
                || h.seed() != expected.seed()) {
            throw new IllegalArgumentException(uri + " was written by a run with " + h.localSteps() + " local steps, "
                    + h.partitions() + " partitions and seed " + h.seed() + "; this run has " + expected.localSteps()
                    + ", " + expected.partitions() + " and " + expected.seed()
                    + ": resume with the same settings (they decide every batch)");
        }
        Checkpoint.read(new ByteArrayInputStream(p.core), p.core.length, uri, model, optimizer);
        return h.rounds();
    }

    private record Parsed(Header header, byte[] core) {
    }

    private static byte[] readAll(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileContext fc = FileContext.getFileContext(path.toUri(), conf);
        long size;
        try {
            size = fc.getFileStatus(path).getLen();
        } catch (java.io.FileNotFoundException e) {
            throw new IOException("checkpoint " + uri + " does not exist", e);
        }
        if (size > MAX_BYTES) {
            throw new IOException(uri + " is " + size + " bytes, larger than any jgrad checkpoint can be");
        }
        byte[] bytes = new byte[(int) size];
        try (InputStream in = fc.open(path)) {
            int at = 0;
            while (at < bytes.length) {
                int n = in.read(bytes, at, bytes.length - at);
                if (n < 0) {
                    throw new IOException(uri + " ended after " + at + " of " + size + " bytes");
                }
                at += n;
            }
        }
        return bytes;
    }

    private static Parsed parse(String uri, byte[] bytes) throws IOException {
        if (bytes.length < MAGIC.length + 36 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException(uri + " is not a jgrad Spark checkpoint (bad magic or too short: "
                    + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipNBytes(MAGIC.length);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(uri + ": unsupported Spark checkpoint version " + version);
        }
        long stored = new DataInputStream(new ByteArrayInputStream(bytes, bytes.length - 8, 8)).readLong();
        if (stored != crc.getValue()) {
            throw new IOException(uri + ": checksum mismatch, the checkpoint is corrupt");
        }
        Header h = new Header(in.readInt(), in.readInt(), in.readInt(), in.readLong());
        int length = in.readInt();
        if (length < 0 || length != bytes.length - MAGIC.length - 36) {
            throw new IOException(uri + ": model section of " + length + " bytes does not fit the file");
        }
        return new Parsed(h, in.readNBytes(length));
    }
}
