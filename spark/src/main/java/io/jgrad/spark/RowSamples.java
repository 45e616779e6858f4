package io.jgrad.spark;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Reads a DataFrame into samples: a feature column of {@code array<float>} or {@code array<double>}
 * (or an ML {@code Vector}, read through its {@code toArray()} so this module does not need
 * spark-mllib) and an integer label column (or a floating one holding whole numbers). The schema
 * is checked on the driver, each row on the executors; errors name the column and the row.
 */
public final class RowSamples {
    private RowSamples() {
    }

    public static JavaRDD<Sample> fromDataFrame(Dataset<Row> frame, String featuresColumn, String labelColumn) {
        StructField features = field(frame, featuresColumn);
        StructField label = field(frame, labelColumn);
        DataType ft = features.dataType();
        boolean array = ft instanceof ArrayType a && (a.elementType().equals(DataTypes.FloatType)
                || a.elementType().equals(DataTypes.DoubleType));
        boolean vector = ft.typeName().equals("vector");
        if (!array && !vector) {
            throw new IllegalArgumentException("feature column '" + featuresColumn + "' is " + ft.simpleString()
                    + "; expected array<float>, array<double> or an ML vector");
        }
        DataType lt = label.dataType();
        if (!(lt.equals(DataTypes.IntegerType) || lt.equals(DataTypes.LongType) || lt.equals(DataTypes.ShortType)
                || lt.equals(DataTypes.ByteType) || lt.equals(DataTypes.DoubleType) || lt.equals(DataTypes.FloatType))) {
            throw new IllegalArgumentException("label column '" + labelColumn + "' is " + lt.simpleString()
                    + "; expected an integer class index");
        }
        String fc = featuresColumn;
        String lc = labelColumn;
        return frame.select(featuresColumn, labelColumn).javaRDD().map(row -> toSample(row, fc, lc));
    }

    private static StructField field(Dataset<Row> frame, String name) {
        for (StructField f : frame.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the DataFrame has no column '" + name + "'; its columns: "
                + String.join(", ", frame.columns()));
    }

    static Sample toSample(Row row, String featuresColumn, String labelColumn) {
        if (row.isNullAt(0) || row.isNullAt(1)) {
            throw new IllegalArgumentException("row " + row + ": null in '" + (row.isNullAt(0) ? featuresColumn
                    : labelColumn) + "'");
        }
        Object f = row.get(0);
        float[] x;
        if (f instanceof scala.collection.Seq<?> || f instanceof List<?>) {
            List<Object> values = row.getList(0);
            x = new float[values.size()];
            for (int i = 0; i < x.length; i++) {
                Object v = values.get(i);
                if (v == null) {
                    throw new IllegalArgumentException("row " + row + ": null at feature " + i + " of '" + featuresColumn + "'");
                }
                x[i] = ((Number) v).floatValue();
            }
        } else {
            x = vectorValues(f, featuresColumn);
        }
        Number label = (Number) row.get(1);
        double d = label.doubleValue();
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row " + row + ": label " + label + " in '" + labelColumn
                    + "' is not a class index (a whole number >= 0)");
        }
        return new Sample(x, (int) d);
    }

    private static float[] vectorValues(Object vector, String column) {
        try {
            double[] values = (double[]) vector.getClass().getMethod("toArray").invoke(vector);
            float[] x = new float[values.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) values[i];
            }
            return x;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot read " + vector.getClass().getName() + " in '" + column
                    + "' as a vector of numbers", e);
        }
    }
}
