package io.jgrad.core.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import io.jgrad.core.nn.Parameter;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import io.jgrad.core.util.AtomicFiles;

/**
 * Saves and restores a model's parameters and its optimizer's state. Written to a temporary file
 * and renamed, so a crash never leaves a half checkpoint.
 *
 * <p>Format (all big-endian): the 8 ASCII bytes {@code JGRADCK1}; int version (1); long step (the
 * optimizer's step count); int entry count; then per entry: name (Java modified UTF-8,
 * {@code param:dense1.W}, {@code buffer:batchnorm1.running_mean} or {@code optim:dense1.W/m}), byte dtype (0 float32, 1 float64), byte
 * rank, rank ints of dimensions, the values row-major; finally the CRC-32 of everything before it,
 * as a long.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "JGRADCK1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    /** Every tensor a checkpoint holds, by its entry name: parameters, buffers, optimizer state. */
    private static Map<String, Tensor> entries(Sequential model, Optimizer optimizer) {
        Map<String, Tensor> entries = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            entries.put("param:" + p.name(), p.value());
        }
        model.buffers().forEach((k, v) -> entries.put("buffer:" + k, v));
        if (optimizer != null) {
            optimizer.state(model.parameters()).forEach((k, v) -> entries.put("optim:" + k, v));
        }
        return entries;
    }

    public static void save(Path file, Sequential model, Optimizer optimizer) throws IOException {
        AtomicFiles.write(file, raw -> write(raw, model, optimizer));
    }

    /** Writes the checkpoint format to {@code raw} (a caller that writes elsewhere than a local file). */
    public static void write(java.io.OutputStream raw, Sequential model, Optimizer optimizer) throws IOException {
        Map<String, Tensor> entries = entries(model, optimizer);
        long step = optimizer == null ? 0 : optimizer.steps();
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(step);
        out.writeInt(entries.size());
        for (Map.Entry<String, Tensor> e : entries.entrySet()) {
            Tensor t = e.getValue();
            out.writeUTF(e.getKey());
            out.writeByte(t.dtype() == DType.FLOAT32 ? 0 : 1);
            int[] dims = t.shape().dims();
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            if (t.dtype() == DType.FLOAT32) {
                for (float v : t.toFloatArray()) {
                    out.writeFloat(v);
                }
            } else {
                for (double v : t.toDoubleArray()) {
                    out.writeDouble(v);
                }
            }
        }
        out.flush();
        DataOutputStream tail = new DataOutputStream(raw);
        tail.writeLong(crc.getValue());
        tail.flush();
    }

    /**
     * Loads parameters and buffers (and optimizer state, when {@code optimizer} is not null; without
     * one, the saved state is skipped) into the model.
     * Returns the saved step. Every entry must match the model by name, dtype and shape.
     */
    public static long load(Path file, Sequential model, Optimizer optimizer) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(raw, Files.size(file), file.toString(), model, optimizer);
        }
    }

    /**
     * Reads the checkpoint format from {@code raw}, {@code size} bytes long at most (bounds what a
     * corrupt header may claim), named {@code file} in errors; as {@link #load}.
     */
    public static long read(InputStream raw, long size, String file, Sequential model, Optimizer optimizer)
            throws IOException {
        Map<String, Tensor> targets = entries(model, optimizer);
        CRC32 crc = new CRC32();
        try {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a jgrad checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": unsupported checkpoint version " + version);
            }
            long step = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > 1_000_000) {
                throw new IOException(file + ": corrupt entry count " + count);
            }
            Map<String, Object> loaded = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int dtype = in.readUnsignedByte();
                int rank = in.readUnsignedByte();
                if (dtype > 1 || rank < 1 || rank > Shape.MAX_RANK) {
                    throw new IOException(file + ": corrupt header of entry '" + name + "'");
                }
                int[] dims = new int[rank];
                long n = 1;
                for (int d = 0; d < rank; d++) {
                    dims[d] = in.readInt();
                    n *= dims[d];
                    if (dims[d] <= 0 || n * (dtype == 0 ? 4 : 8) > size) {
                        throw new IOException(file + ": entry '" + name + "' claims shape " + Arrays.toString(dims)
                                + ", more than the file holds");
                    }
                }
                Tensor target = targets.get(name);
                if (target == null && optimizer == null && name.startsWith("optim:")) {
                    in.skipNBytes(n * (dtype == 0 ? 4 : 8)); // weights only: the optimizer state is not wanted
                    continue;
                }
                if (target == null) {
                    throw new IllegalArgumentException(file + ": entry '" + name + "' matches nothing in the model");
                }
                if (!target.shape().equals(Shape.of(dims)) || (dtype == 0) != (target.dtype() == DType.FLOAT32)) {
                    throw new IllegalArgumentException(file + ": '" + name + "' is " + Arrays.toString(dims) + " "
                            + (dtype == 0 ? "float32" : "float64") + " in the checkpoint but " + target.shape() + " "
                            + target.dtype() + " in the model");
                }
                if (dtype == 0) {
                    float[] v = new float[(int) n];
                    for (int k = 0; k < n; k++) {
                        v[k] = in.readFloat();
                    }
                    loaded.put(name, v);
                } else {
                    double[] v = new double[(int) n];
                    for (int k = 0; k < n; k++) {
                        v[k] = in.readDouble();
                    }
                    loaded.put(name, v);
                }
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw new IOException(file + ": checksum mismatch, the checkpoint is corrupt");
            }
            for (String name : targets.keySet()) {
                if (!loaded.containsKey(name)) {
                    throw new IllegalArgumentException(file + ": the checkpoint has no entry '" + name + "'");
                }
            }
            // Only now, with everything read and verified, touch the model.
            loaded.forEach((name, values) -> {
                Tensor t = targets.get(name);
                if (values instanceof float[]) {
                    t.backend().write(t, (float[]) values);
                } else {
                    t.backend().write(t, (double[]) values);
                }
            });
            if (optimizer != null) {
                optimizer.setSteps(step);
            }
            return step;
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
