package senslab.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import senslab.data.ImageSet;
import senslab.data.Normalization;
import senslab.models.StagedNetwork;
import senslab.attribution.AttributionMaps;

/**
 * What an executor does with one chunk of images: rebuild the network from its source, map the chunk, and
 * emit one row per image, stage and channel. The network and every native array live for this task only.
 */
final class PartitionMaps implements FlatMapFunction<ImageChunk, Row> {
    private static final long serialVersionUID = 1L;

    private final NetworkSource source;
    private final MapMethod method;
    private final float[] mean;
    private final float[] std;
    private final Inference inference = Inference.withTaskCores();

    PartitionMaps(NetworkSource source, MapMethod method, Normalization normalization) {
        this.source = source;
        this.method = method;
        this.mean = normalization.mean();
        this.std = normalization.std();
    }

    @Override
    public Iterator<Row> call(ImageChunk chunk) throws Exception {
        return inference.run(() -> {
            ImageSet images = chunk.images();
            try (StagedNetwork net = source.open(); NDManager manager = NDManager.newBaseManager()) {
                NDArray x = images.batch(manager, new Normalization(mean, std));
                return rows(chunk, images, method.maps(net, x, chunk.first())).iterator();
            }
        });
    }

    private List<Row> rows(ImageChunk chunk, ImageSet images, AttributionMaps maps) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < maps.images(); i++) {
            int label = images.label(i);
            for (int s = 0; s < maps.labels().size(); s++) {
                String stage = maps.labels().get(s);
                float[] all = maps.values(i, stage);
                int plane = maps.height() * maps.width();
                for (int c = 0; c < maps.channels(); c++) {
                    float[] map = java.util.Arrays.copyOfRange(all, c * plane, (c + 1) * plane);
                    rows.add(RowFactory.create(chunk.first() + i, label, images.classes().get(label), s, stage,
                            c, maps.channelName(c), MapRows.mean(map), MapRows.max(map), maps.cellSize(), maps.height(),
                            maps.width(), map));
                }
            }
        }
        return rows;
    }
}
