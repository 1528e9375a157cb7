package senslab.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import senslab.data.ImageSet;

/** Consecutive images of a set, as 8-bit pixels: what one Spark task maps. Image ids are indices in the set. */
record ImageChunk(int first, List<String> classes, int channels, int height, int width, byte[] pixels, int[] labels)
        implements Serializable {

    /** The set cut into chunks of {@code size} consecutive images. */
    static List<ImageChunk> of(ImageSet set, int size) {
        byte[] all = set.pixelBytes();
        int bytes = (int) set.imageShape().size();
        List<ImageChunk> chunks = new ArrayList<>();
        for (int first = 0; first < set.size(); first += size) {
            int count = Math.min(size, set.size() - first);
            byte[] pixels = java.util.Arrays.copyOfRange(all, first * bytes, (first + count) * bytes);
            int[] labels = IntStream.range(first, first + count).map(set::label).toArray();
            chunks.add(new ImageChunk(first, set.classes(), (int) set.imageShape().get(0),
                    (int) set.imageShape().get(1), (int) set.imageShape().get(2), pixels, labels));
        }
        return chunks;
    }

    int count() {
        return labels.length;
    }

    /** The images as a set again, on the executor. */
    ImageSet images() {
        return new ImageSet(classes, channels, height, width, pixels, labels);
    }

    /** Names the chunk by its first image, its size and a digest of its pixels and labels, for its output folder. */
    String name() {
        byte[] labelBytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        return String.format("images-%06d-%06d-%s", first, first + count() - 1,
                Digest.of(pixels, labelBytes).substring(0, 12));
    }
}
