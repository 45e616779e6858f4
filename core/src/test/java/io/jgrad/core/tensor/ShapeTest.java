package io.jgrad.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void matrixViewUsesTheLastDimensionAsRows() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(24, s.size());
        assertEquals(6, s.rows());
        assertEquals(4, s.cols());
        assertEquals(Shape.of(5, 3, 4), s.withFirst(5));
    }

    @Test
    void badShapesAreRefusedWithTheDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertTrue(e.getMessage().contains("[3, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1, 2, 3, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
    }

    @Test
    void dtypeParsesNamesAndRejectsOthers() {
        assertEquals(DType.FLOAT64, DType.parse("Float64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.parse("int8"));
        assertTrue(e.getMessage().contains("int8"), e.getMessage());
    }
}
