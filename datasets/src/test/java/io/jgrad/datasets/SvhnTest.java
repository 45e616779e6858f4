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

    /** A .mat written here with MFL: X of the given class holding {@code value} everywhere, y = 1..n. */
    private static Path mat(Path dir, String name, us.hebi.matlab.mat.types.MatlabType type, double value,
                            double[] labels) throws IOException {
        int n = labels.length;
        us.hebi.matlab.mat.types.Matrix x = us.hebi.matlab.mat.format.Mat5.newMatrix(new int[] {32, 32, 3, n}, type);
        for (int i = 0; i < 3072 * n; i++) {
            x.setDouble(i, value);
        }
        us.hebi.matlab.mat.types.Matrix y = us.hebi.matlab.mat.format.Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) {
            y.setDouble(i, labels[i]);
        }
        Path f = dir.resolve(name);
        us.hebi.matlab.mat.format.Mat5.writeToFile(us.hebi.matlab.mat.format.Mat5.newMatFile().addArray("X", x)
                .addArray("y", y), f.toFile());
        return f;
    }

    @Test
    void doublePixelsInUnitRangeAreDetectedAndSaid(@TempDir Path tmp) throws IOException {
        Path f = mat(tmp, "d.mat", us.hebi.matlab.mat.types.MatlabType.Double, 0.5, new double[] {1, 10});
        java.util.List<String> notes = new java.util.ArrayList<>();
        LabeledImages li = Svhn.read("d", f, true, notes);
        assertEquals(0.5f, li.pixels()[100], 1e-6, "0-1 doubles stay 0-1 when scaled");
        assertEquals(127.5f, Svhn.read("d", f, false).pixels()[100], 1e-4, "and become 0-255 unscaled");
        assertTrue(notes.size() == 1 && notes.get(0).contains("0-1"), notes.toString());
        Path g = mat(tmp, "s.mat", us.hebi.matlab.mat.types.MatlabType.Single, 200, new double[] {2});
        assertEquals(200f / 255f, Svhn.read("s", g, true).pixels()[5], 1e-6);
    }

    @Test
    void otherPixelClassesAndBadLabelsAreRefused(@TempDir Path tmp) throws IOException {
        Path u16 = mat(tmp, "u16.mat", us.hebi.matlab.mat.types.MatlabType.UInt16, 300, new double[] {1});
        IOException e = assertThrows(IOException.class, () -> Svhn.read("u", u16, true));
        assertTrue(e.getMessage().contains("u16.mat") && e.getMessage().contains("uint16"), e.getMessage());
        Path zero = mat(tmp, "zero.mat", us.hebi.matlab.mat.types.MatlabType.UInt8, 7, new double[] {3, 0});
        e = assertThrows(IOException.class, () -> Svhn.read("z", zero, true));
        assertTrue(e.getMessage().contains("y(2) is 0.0") && e.getMessage().contains("1-10"), e.getMessage());
        Path big = mat(tmp, "big.mat", us.hebi.matlab.mat.types.MatlabType.Double, 300, new double[] {1});
        e = assertThrows(IOException.class, () -> Svhn.read("b", big, true));
        assertTrue(e.getMessage().contains("300.0") && e.getMessage().contains("0-255"), e.getMessage());
    }

    /** Every numeric MATLAB class for X: uint8, single and double read; every other one is refused by name. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = us.hebi.matlab.mat.types.MatlabType.class,
            names = {"Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Single", "Double"})
    void everyPixelClassReadsOrIsRefusedByName(us.hebi.matlab.mat.types.MatlabType type, @TempDir Path tmp)
            throws IOException {
        Path f = mat(tmp, "x.mat", type, 100, new double[] {1, 2});
        boolean readable = type == us.hebi.matlab.mat.types.MatlabType.UInt8
                || type == us.hebi.matlab.mat.types.MatlabType.Single || type == us.hebi.matlab.mat.types.MatlabType.Double;
        if (readable) {
            assertEquals(100f / 255f, Svhn.read("x", f, true).pixels()[0], 1e-6);
        } else {
            IOException e = assertThrows(IOException.class, () -> Svhn.read("x", f, true));
            assertTrue(e.getMessage().contains("x.mat") && e.getMessage().toLowerCase(java.util.Locale.ROOT)
                    .contains(type.name().toLowerCase(java.util.Locale.ROOT)), e.getMessage());
        }
    }

    /** X shapes other than 32x32x3xN, and y of another length, are refused with the shapes named. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"28,28,3,2", "32,32,1,2", "32,32,3,3", "3072,2"})
    void otherShapesAreRefusedNamingThem(String dims, @TempDir Path tmp) throws IOException {
        int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        us.hebi.matlab.mat.types.Matrix x = us.hebi.matlab.mat.format.Mat5.newMatrix(shape,
                us.hebi.matlab.mat.types.MatlabType.UInt8);
        us.hebi.matlab.mat.types.Matrix y = us.hebi.matlab.mat.format.Mat5.newMatrix(2, 1);
        y.setDouble(0, 1);
        y.setDouble(1, 2);
        Path f = tmp.resolve("shape.mat");
        us.hebi.matlab.mat.format.Mat5.writeToFile(us.hebi.matlab.mat.format.Mat5.newMatFile().addArray("X", x)
                .addArray("y", y), f.toFile());
        IOException e = assertThrows(IOException.class, () -> Svhn.read("s", f, true));
        assertTrue(e.getMessage().contains("shape.mat"), e.getMessage());
    }
}
