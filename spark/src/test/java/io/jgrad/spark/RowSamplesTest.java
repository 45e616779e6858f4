package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowSamplesTest {
    private static Dataset<Row> frame(List<Sample> samples, boolean doubles) {
        List<Row> rows = new ArrayList<>();
        for (Sample s : samples) {
            Object[] values = new Object[s.features().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = doubles ? (Object) (double) s.features()[i] : (Object) s.features()[i];
            }
            rows.add(RowFactory.create(values, s.label()));
        }
        StructType schema = new StructType()
                .add("pixels", DataTypes.createArrayType(doubles ? DataTypes.DoubleType : DataTypes.FloatType))
                .add("digit", DataTypes.IntegerType);
        return SparkTestData.spark().createDataFrame(rows, schema).repartition(2);
    }

    @Test
    void floatArraysAndIntegerLabelsBecomeSamples() {
        List<Sample> in = SparkTestData.samples(5, 3);
        List<Sample> out = RowSamples.fromDataFrame(frame(in, false).coalesce(1), "pixels", "digit").collect();
        assertEquals(5, out.size());
        for (Sample s : in) {
            assertTrue(out.stream().anyMatch(o -> o.label() == s.label()
                    && java.util.Arrays.equals(o.features(), s.features())), "sample kept");
        }
    }

    @Test
    void aDataFrameTrainsAModel() {
        try (io.jgrad.core.train.Dataset test = SparkTestData.dataset(SparkTestData.samples(300, 2));
             SparkTrainingResult r = SparkTestData.adam(0.01).batchSize(16).localSteps(5).epochs(4).build()
                     .fit(frame(SparkTestData.samples(400, 1), true), "pixels", "digit", test)) {
            assertTrue(r.history().lastEpoch().testAccuracy() > 0.9, r.history().lastEpoch().toString());
        }
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowSamples.fromDataFrame(frame(SparkTestData.samples(3, 1), false), "features", "digit"));
        assertEquals("the DataFrame has no column 'features'; its columns: pixels, digit", e.getMessage());
    }

    @Test
    void aFeatureColumnOfTheWrongTypeIsRefused() {
        Dataset<Row> f = frame(SparkTestData.samples(3, 1), false).selectExpr("digit as pixels", "digit");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowSamples.fromDataFrame(f, "pixels", "digit"));
        assertTrue(e.getMessage().contains("feature column 'pixels' is int; expected array<float>"), e.getMessage());
    }

    @Test
    void aFractionalLabelIsRefusedWithItsRow() {
        Dataset<Row> f = frame(SparkTestData.samples(3, 1), false).selectExpr("pixels", "cast(digit as double) + 0.5 as digit");
        SparkException e = assertThrows(SparkException.class,
                () -> RowSamples.fromDataFrame(f, "pixels", "digit").collect());
        assertTrue(e.getMessage().contains("is not a class index"), e.getMessage());
    }

    @Test
    void samplesSurviveJavaSerialization() throws Exception {
        Sample s = new Sample(new float[] {1, 2, 3}, 2);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            Sample back = (Sample) in.readObject();
            assertArrayEquals(s.features(), back.features());
            assertEquals(2, back.label());
        }
    }
}
