package senslab.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** New maps from maps: pixelized into cells, upsampled, summed over channels, one label picked, maps side by side. */
public final class MapTransforms {
    private MapTransforms() {
    }

    /**
     * Maps averaged over cells of {@code cell} × {@code cell} values (the paper's 4 × 4 and 8 × 8 pixelization); the
     * result is {@code cell} times smaller per side and has the same mean.
     */
    public static AttributionMaps pixelize(AttributionMaps maps, int cell) {
        int height = maps.height();
        int width = maps.width();
        if (cell < 1 || height % cell != 0 || width % cell != 0) {
            throw new IllegalArgumentException("cell size " + cell + " must divide the map size " + height + "×"
                    + width);
        }
        int w2 = width / cell;
        return perPlane(maps, height / cell, w2, maps.cellSize() * cell, (in, out) -> {
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    out[(h / cell) * w2 + w / cell] += in[h * width + w] / (cell * cell);
                }
            }
        });
    }

    /**
     * Every value repeated over {@code factor} × {@code factor} values (nearest neighbour), e.g. to lay maps of 4 × 4
     * pixel cells over the image; {@code factor} must divide the cell size.
     */
    public static AttributionMaps upsample(AttributionMaps maps, int factor) {
        int cell = maps.cellSize();
        if (factor < 1 || cell % factor != 0) {
            throw new IllegalArgumentException("upsampling factor " + factor + " must divide the cell size " + cell
                    + " (each value covers " + cell + "×" + cell + " input pixels)");
        }
        int width = maps.width();
        int h2 = maps.height() * factor;
        int w2 = width * factor;
        return perPlane(maps, h2, w2, cell / factor, (in, out) -> {
            for (int h = 0; h < h2; h++) {
                for (int w = 0; w < w2; w++) {
                    out[h * w2 + w] = in[(h / factor) * width + w / factor];
                }
            }
        });
    }

    /** One channel, "all", the sum of the channels' maps: what CAM and Sobol maps are compared with. */
    public static AttributionMaps sumOverChannels(AttributionMaps maps) {
        int plane = maps.height() * maps.width();
        int labels = maps.labels().size();
        float[][][] out = new float[maps.images()][labels][plane];
        for (int i = 0; i < maps.images(); i++) {
            for (int s = 0; s < labels; s++) {
                float[] in = maps.flat(i, s);
                for (int c = 0; c < maps.channels(); c++) {
                    for (int k = 0; k < plane; k++) {
                        out[i][s][k] += in[c * plane + k];
                    }
                }
            }
        }
        return AttributionMaps.of(maps.method(), maps.settings(), maps.target(), maps.labels(),
                List.of(AttributionMaps.ALL_CHANNELS), maps.height(), maps.width(), maps.cellSize(), out);
    }

    /**
     * {@code maps} summed over channels at a resolution of {@code cellSize} input pixels per value: finer maps
     * (pixels) averaged over each cell, coarser ones spread over it; a clear error when the two do not fit.
     */
    public static AttributionMaps atCellSize(AttributionMaps maps, int cellSize) {
        AttributionMaps summed = sumOverChannels(maps);
        int cell = summed.cellSize();
        if (cellSize % cell == 0) {
            return pixelize(summed, cellSize / cell);
        }
        if (cell % cellSize == 0) {
            return upsample(summed, cell / cellSize);
        }
        throw new IllegalArgumentException(maps.method() + " maps have cells of " + cell + " pixels, which do not fit"
                + " cells of " + cellSize + "; choose cells that are a multiple or a divisor of " + cell);
    }

    /** The maps of one label only, under a new label (e.g. to set one network's stage beside another's). */
    public static AttributionMaps only(AttributionMaps maps, String label, String newLabel) {
        int s = maps.index(label);
        float[][][] out = new float[maps.images()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[][] {maps.flat(i, s)};
        }
        return AttributionMaps.of(maps.method(), maps.settings(), maps.target(), List.of(newLabel),
                maps.channelNames(), maps.height(), maps.width(), maps.cellSize(), out);
    }

    /** The maps of images {@code from} … {@code to − 1} only, explaining the target's slice for them. */
    public static AttributionMaps images(AttributionMaps maps, int from, int to) {
        if (from < 0 || to > maps.images() || from >= to) {
            throw new IndexOutOfBoundsException("images " + from + " … " + (to - 1) + " of " + maps.images());
        }
        float[][][] out = new float[to - from][maps.labels().size()][];
        for (int i = from; i < to; i++) {
            for (int s = 0; s < out[0].length; s++) {
                out[i - from][s] = maps.flat(i, s);
            }
        }
        return AttributionMaps.of(maps.method(), maps.settings(), maps.target().slice(from, to), maps.labels(),
                maps.channelNames(), maps.height(), maps.width(), maps.cellSize(), out);
    }

    /**
     * The labels of several maps of the same images side by side, in order, e.g. two networks' last stages as
     * {@code joined(only(vgg, "block5", "VGG-16 block5"), only(resnet, "layer4", "ResNet-18 layer4"))}; the method,
     * settings and target are the first maps'.
     */
    public static AttributionMaps joined(AttributionMaps... maps) {
        AttributionMaps first = maps[0];
        List<String> labels = new ArrayList<>();
        for (AttributionMaps m : maps) {
            if (m.images() != first.images() || !m.channelNames().equals(first.channelNames())
                    || m.height() != first.height() || m.width() != first.width() || m.cellSize() != first.cellSize()) {
                throw new IllegalArgumentException("maps side by side must be alike: " + first.shape() + ", cells of "
                        + first.cellSize() + ", against " + m.shape() + ", cells of " + m.cellSize());
            }
            labels.addAll(m.labels());
        }
        float[][][] out = new float[first.images()][labels.size()][];
        for (int i = 0; i < out.length; i++) {
            int s = 0;
            for (AttributionMaps m : maps) {
                for (int q = 0; q < m.labels().size(); q++) {
                    out[i][s++] = m.flat(i, q);
                }
            }
        }
        return AttributionMaps.of(first.method(), first.settings(), first.target(), labels, first.channelNames(),
                first.height(), first.width(), first.cellSize(), out);
    }

    /** Fills one output plane (one image, label and channel) from the input plane of the same place. */
    private interface PlaneFill {
        void fill(float[] in, float[] out);
    }

    /** New maps of {@code h2} × {@code w2} values per channel, {@code fill}ed plane by plane from {@code maps}. */
    private static AttributionMaps perPlane(AttributionMaps maps, int h2, int w2, int newCell, PlaneFill fill) {
        int plane = maps.height() * maps.width();
        int channels = maps.channels();
        int labels = maps.labels().size();
        float[][][] out = new float[maps.images()][labels][channels * h2 * w2];
        float[] in = new float[plane];
        float[] result = new float[h2 * w2];
        for (int i = 0; i < maps.images(); i++) {
            for (int s = 0; s < labels; s++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(maps.flat(i, s), c * plane, in, 0, plane);
                    Arrays.fill(result, 0f);
                    fill.fill(in, result);
                    System.arraycopy(result, 0, out[i][s], c * h2 * w2, h2 * w2);
                }
            }
        }
        return AttributionMaps.of(maps.method(), maps.settings(), maps.target(), maps.labels(), maps.channelNames(),
                h2, w2, newCell, out);
    }
}
