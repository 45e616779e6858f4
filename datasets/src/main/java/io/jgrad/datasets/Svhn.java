package io.jgrad.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.jgrad.core.tensor.Shape;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * SVHN cropped digits ({@code train_32x32.mat}, {@code test_32x32.mat}, MATLAB v5): {@code X} is
 * 32x32x3xN uint8 (column-major), {@code y} is Nx1 with 10 standing for the digit 0. Read with MFL
 * into [N, 32, 32, 3] row-major (height, width, channel, as Keras sees it), labels 0-9.
 */
public final class Svhn {
    public static final String TRAIN = "train_32x32.mat";
    public static final String TEST = "test_32x32.mat";

    private Svhn() {
    }

    public static Mnist.Splits load(DatasetLocator locator, boolean scale) throws IOException {
        Map<String, Path> f = locator.locate(RemoteDataset.SVHN, List.of(TRAIN, TEST));
        List<String> notes = new java.util.ArrayList<>();
        LabeledImages train = read("svhn-train", f.get(TRAIN), scale, notes);
        LabeledImages test = read("svhn-test", f.get(TEST), scale, notes);
        return new Mnist.Splits(train, test, notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** Reads one file; {@code scale} maps pixels to [0, 1], else they stay 0-255. */
    public static LabeledImages read(String name, Path file, boolean scale) throws IOException {
        return read(name, file, scale, null);
    }

    /** As {@link #read(String, Path, boolean)}, adding a line to {@code notes} when X is not uint8. */
    public static LabeledImages read(String name, Path file, boolean scale, List<String> notes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        Mat5File mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable MATLAB v5 file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); it may be truncated or corrupt", e);
        }
        Matrix x;
        Matrix y;
        try {
            x = mat.getMatrix("X");
            y = mat.getMatrix("y");
        } catch (RuntimeException e) {
            throw new IOException(file + ": expected variables X and y (" + e.getMessage() + ")", e);
        }
        int[] d = x.getDimensions();
        if (d.length != 4 || d[0] != 32 || d[1] != 32 || d[2] != 3) {
            throw new IOException(file + ": X has dimensions " + java.util.Arrays.toString(d) + ", expected 32x32x3xN");
        }
        int n = d[3];
        if (y.getNumElements() != n) {
            throw new IOException(file + ": X holds " + n + " images but y holds " + y.getNumElements() + " labels");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double v = y.getDouble(i);
            if (v != Math.rint(v) || v < 1 || v > 10) {
                throw new IOException(file + ": label y(" + (i + 1) + ") is " + v + ", expected 1-10 (10 means digit 0)");
            }
            labels[i] = (int) v == 10 ? 0 : (int) v;
        }
        PixelScale pixels = PixelScale.of(file, x, n * 3072);
        if (notes != null && !pixels.bytes) {
            notes.add(file.getFileName() + ": X is " + x.getType() + " with values in "
                    + (pixels.toByteRange == 1f ? "0-255" : "0-1 (scaled to 0-255 first)"));
        }
        float s = (scale ? 1f / 255f : 1f) * pixels.toByteRange;
        float[] px = new float[n * 3072];
        // MATLAB index (r, c, ch, i) = r + 32c + 1024ch + 3072i; ours (i, r, c, ch) = 3072i + 96r + 3c + ch.
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int c = 0; c < 32; c++) {
                    for (int r = 0; r < 32; r++) {
                        px[3072 * i + 96 * r + 3 * c + ch] = pixels.read(x, r + 32 * c + 1024 * ch + 3072 * i) * s;
                    }
                }
            }
        }
        return new LabeledImages(name, px, Shape.of(32, 32, 3), labels, 10);
    }

    /**
     * How X's MATLAB class holds pixels: uint8 0-255 as SVHN ships them, or double/single either
     * 0-255 or already 0-1 (told apart by the largest value; both are accepted, the latter scaled
     * up so that every path sees 0-255). Any other class, or values outside the range, is refused.
     */
    private static final class PixelScale {
        final boolean bytes;
        final float toByteRange;

        private PixelScale(boolean bytes, float toByteRange) {
            this.bytes = bytes;
            this.toByteRange = toByteRange;
        }

        static PixelScale of(Path file, Matrix x, int count) throws IOException {
            MatlabType type = x.getType();
            if (type == MatlabType.UInt8) {
                return new PixelScale(true, 1f);
            }
            if (type != MatlabType.Double && type != MatlabType.Single) {
                throw new IOException(file + ": X is of MATLAB class " + type + "; expected uint8 (0-255), or double"
                        + " or single (0-255 or 0-1)");
            }
            double max = 0;
            for (int i = 0; i < count; i++) {
                double v = x.getDouble(i);
                if (!(v >= 0 && v <= 255)) {
                    throw new IOException(file + ": X(" + (i + 1) + ") is " + v + ", outside the pixel range 0-255");
                }
                max = Math.max(max, v);
            }
            return new PixelScale(false, max <= 1.0 ? 255f : 1f);
        }

        float read(Matrix x, int index) {
            return bytes ? x.getByte(index) & 0xFF : (float) x.getDouble(index);
        }
    }
}
