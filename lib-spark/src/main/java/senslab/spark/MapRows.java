package senslab.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The rows of a maps job: one per image, stage and channel, with the map's mean and largest value. */
final class MapRows {
    static final StructType SCHEMA = new StructType()
            .add("image", DataTypes.IntegerType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("class", DataTypes.StringType, false)
            .add("stage_index", DataTypes.IntegerType, false)
            .add("stage", DataTypes.StringType, false)
            .add("channel_index", DataTypes.IntegerType, false)
            .add("channel", DataTypes.StringType, false)
            .add("mean", DataTypes.DoubleType, false)
            .add("max", DataTypes.DoubleType, false)
            .add("cell", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("map", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private MapRows() {
    }

    static double mean(float[] map) {
        double sum = 0;
        for (float v : map) {
            sum += v;
        }
        return sum / map.length;
    }

    static double max(float[] map) {
        double max = 0;
        for (float v : map) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
