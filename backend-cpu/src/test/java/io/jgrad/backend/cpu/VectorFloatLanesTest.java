package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import io.jgrad.core.backend.BinaryOp;
import io.jgrad.core.backend.ReduceOp;
import io.jgrad.core.backend.Reduction;
import io.jgrad.core.backend.UnaryOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API loops give the scalar loops' bits (they run the same float operations in the same
 * order per element), at whatever vector width this run uses, on shapes with and without a tail.
 */
class VectorFloatLanesTest {
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {5, 33}, {100, 100}, {100, 10}, {2, 784}};

    private FloatLanes lanes;
    private final Random random = new Random(42);

    @BeforeEach
    void loadLanes() {
        assumeTrue(KernelChoice.vectorModulePresent(), "the Vector API module is not in this JVM");
        lanes = KernelChoice.vectorLanes();
    }

    private float[] randomFloats(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 3);
        }
        return a;
    }

    @Test
    void rowBroadcastOpsMatchTheScalarLoopBitForBit() {
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            float[] a = randomFloats(rows * cols);
            float[] b = randomFloats(cols);
            for (BinaryOp op : BinaryOp.values()) {
                float[] expected = new float[rows * cols];
                FloatOps.binary(op, a, b, expected, 0, rows * cols, cols, true);
                float[] got = new float[rows * cols];
                lanes.binaryRows(op, a, b, got, 0, rows * cols, cols);
                assertArrayEquals(expected, got, op + " " + rows + "x" + cols);
                float[] inPlace = a.clone();
                lanes.binaryRows(op, inPlace, b, inPlace, 0, rows * cols, cols);
                assertArrayEquals(expected, inPlace, op + " in place " + rows + "x" + cols);
            }
        }
    }

    @Test
    void rowBroadcastCoversOnlyTheRowsAsked() {
        float[] a = randomFloats(4 * 9);
        float[] b = randomFloats(9);
        float[] out = new float[4 * 9];
        lanes.binaryRows(BinaryOp.ADD, a, b, out, 9, 27, 9); // rows 1 and 2
        for (int i = 0; i < out.length; i++) {
            assertEquals(i >= 9 && i < 27 ? a[i] + b[i % 9] : 0f, out[i], "element " + i);
        }
    }

    @Test
    void columnSumsMatchTheScalarLoopBitForBit() {
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            float[] a = randomFloats(rows * cols);
            float[] expected = new float[cols];
            FloatOps.reduce(ReduceOp.SUM, Reduction.PER_COLUMN, a, rows, cols, expected);
            float[] got = new float[cols];
            lanes.sumColumns(a, rows, cols, got);
            assertArrayEquals(expected, got, rows + "x" + cols);
        }
    }

    @Test
    void biasAddWithReluMatchesTheTwoScalarLoopsBitForBit() {
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            float[] a = randomFloats(rows * cols);
            float[] bias = randomFloats(cols);
            float[] expected = new float[rows * cols];
            FloatOps.binary(BinaryOp.ADD, a, bias, expected, 0, rows * cols, cols, true);
            FloatOps.unary(UnaryOp.RELU, expected, expected, 0, rows * cols);
            float[] inPlace = a.clone();
            lanes.addRowsRelu(inPlace, bias, inPlace, rows, cols);
            assertArrayEquals(expected, inPlace, rows + "x" + cols);
        }
    }
}
