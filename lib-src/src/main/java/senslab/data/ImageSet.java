package senslab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Labelled images held compactly in memory as 8-bit pixels, channel planes first ({@code [n, c, h, w]},
 * the CIFAR-10 binary layout), turned into normalized float NDArrays batch by batch.
 */
public final class ImageSet {
    private static final int MAGIC = 0x53494D47; // "SIMG"

    private final List<String> classes;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;

    /** {@code pixels} holds {@code labels.length} images of {@code channels × height × width} bytes each. */
    public ImageSet(List<String> classes, int channels, int height, int width, byte[] pixels, int[] labels) {
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "×" + height + "×" + width
                    + " need " + (long) labels.length * channels * height * width + " bytes, not " + pixels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes.size()) {
                throw new IllegalArgumentException("label " + label + " is not one of the " + classes.size()
                        + " classes");
            }
        }
        this.classes = List.copyOf(classes);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int size() {
        return labels.length;
    }

    public List<String> classes() {
        return classes;
    }

    /** One image's shape {@code [c, h, w]}. */
    public Shape imageShape() {
        return new Shape(channels, height, width);
    }

    public int label(int index) {
        return labels[index];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** The index of a class by name, with an error listing the classes there are. */
    public int classIndex(String name) {
        int index = classes.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no class '" + name + "'; the classes are " + classes);
        }
        return index;
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet subset(int... indices) {
        int bytes = channels * height * width;
        byte[] chosen = new byte[indices.length * bytes];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * bytes, chosen, i * bytes, bytes);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(classes, channels, height, width, chosen, chosenLabels);
    }

    /** The first {@code n} images. */
    public ImageSet first(int n) {
        return subset(IntStream.range(0, Math.min(n, size())).toArray());
    }

    /**
     * The first {@code k} images of class {@code name} (the paper's Figures 5–10: the first 9 airplanes of the test
     * set).
     */
    public ImageSet firstOfClass(String name, int k) {
        int label = classIndex(name);
        return subset(IntStream.range(0, size()).filter(i -> labels[i] == label).limit(k).toArray());
    }

    /** The first {@code n} images of every class, in the set's order (a balanced subset for quick runs). */
    public ImageSet firstPerClass(int n) {
        int[] taken = new int[classes.size()];
        return subset(IntStream.range(0, size()).filter(i -> taken[labels[i]]++ < n).toArray());
    }

    /** All images as one normalized float batch {@code [n, c, h, w]}. */
    public NDArray batch(NDManager manager, Normalization normalization) {
        return batch(manager, IntStream.range(0, size()).toArray(), normalization);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a normalized float batch. */
    public NDArray batch(NDManager manager, int from, int to, Normalization normalization) {
        return batch(manager, IntStream.range(from, to).toArray(), normalization);
    }

    /** The images at {@code indices} as a normalized float batch {@code [indices.length, c, h, w]}. */
    public NDArray batch(NDManager manager, int[] indices, Normalization normalization) {
        int plane = height * width;
        FloatBuffer data = FloatBuffer.allocate(indices.length * channels * plane);
        for (int index : indices) {
            int offset = index * channels * plane;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    data.put(normalization.apply(c, (pixels[offset + c * plane + p] & 0xFF) / 255f));
                }
            }
        }
        data.flip();
        return manager.create(data, new Shape(indices.length, channels, height, width));
    }

    /** The labels at {@code indices} as an int32 array (sparse targets for cross-entropy). */
    public NDArray labels(NDManager manager, int[] indices) {
        return manager.create(IntStream.of(indices).map(i -> labels[i]).toArray());
    }

    /** A copy of the 8-bit pixels of every image, {@code [n, c, h, w]} in row-major order. */
    public byte[] pixelBytes() {
        return pixels.clone();
    }

    /** Image {@code index} for display. */
    public BufferedImage image(int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        int offset = index * channels * plane;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = pixels[offset + p] & 0xFF;
                int g = channels > 1 ? pixels[offset + plane + p] & 0xFF : r;
                int b = channels > 2 ? pixels[offset + 2 * plane + p] & 0xFF : r;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** Every image for display. */
    public List<BufferedImage> images() {
        List<BufferedImage> images = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            images.add(image(i));
        }
        return images;
    }

    /** Writes the set to one binary file (a decoded cache), atomically. */
    public void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(classes.size());
                for (String name : classes) {
                    out.writeUTF(name);
                }
                out.writeInt(size());
                out.writeInt(channels);
                out.writeInt(height);
                out.writeInt(width);
                for (int label : labels) {
                    out.writeShort(label);
                }
                out.write(pixels);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a set written by {@link #save}. */
    public static ImageSet load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not an image set written by ImageSet.save");
            }
            List<String> classes = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                classes.add(in.readUTF());
            }
            int n = in.readInt();
            int c = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readShort();
            }
            byte[] pixels = new byte[n * c * h * w];
            in.readFully(pixels);
            return new ImageSet(classes, c, h, w, pixels, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return size() + " images " + channels + "×" + height + "×" + width + " of " + classes.size() + " classes";
    }
}
