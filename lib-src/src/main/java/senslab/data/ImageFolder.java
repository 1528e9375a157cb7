package senslab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in class folders ({@code <dir>/<class>/*.jpg|png}, classes in alphabetical order, files in name
 * order), decoded to 3-channel RGB at {@code size × size} (resized bilinearly when they differ; grey
 * images are repeated on the three channels). Decoding thousands of files is slow, so
 * {@link #read(Path, int, Path)} keeps the decoded set in a cache file keyed by the folder, its file
 * count and newest modification time, and the size.
 */
public final class ImageFolder {
    private ImageFolder() {
    }

    /** The class names: the sub-folders of {@code dir}, sorted. */
    public static List<String> classes(Path dir) {
        requireFolder(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> classes =
                    entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (classes.isEmpty()) {
                throw new IllegalArgumentException(dir + " has no class folders; expected " + dir + "/<class>/*.jpg");
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Decodes every image under {@code dir} (no cache). */
    public static ImageSet read(Path dir, int size) {
        List<String> classes = classes(dir);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path file : images(dir.resolve(classes.get(c)))) {
                files.add(file);
                labels.add(c);
            }
        }
        int bytes = 3 * size * size;
        byte[] pixels = new byte[files.size() * bytes];
        for (int i = 0; i < files.size(); i++) {
            toPlanes(decode(files.get(i), size), pixels, i * bytes);
            if (files.size() >= 5000 && (i + 1) % 5000 == 0) {
                System.out.printf("decoded %,d of %,d images in %s%n", i + 1, files.size(), dir);
            }
        }
        return new ImageSet(classes, 3, size, size, pixels, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Decodes {@code dir} once, then reads the decoded set from a file in {@code cacheDir}. */
    public static ImageSet read(Path dir, int size, Path cacheDir) {
        Path cache = cacheDir.resolve("images-" + key(dir, size) + ".bin");
        if (Files.isRegularFile(cache)) {
            return ImageSet.load(cache);
        }
        ImageSet set = read(dir, size);
        set.save(cache);
        return set;
    }

    /**
     * A short key naming the folder's content (its path, file count, newest change) and the size, for cache folders.
     */
    public static String key(Path dir, int size) {
        try (Stream<Path> files = Files.walk(dir)) {
            long[] countAndNewest = files.filter(Files::isRegularFile).map(ImageFolder::modified)
                    .reduce(new long[2], (a, t) -> new long[] {a[0] + 1, Math.max(a[1], t)}, (a, b) -> a);
            String text = dir.toAbsolutePath().normalize() + "|" + countAndNewest[0] + "|" + countAndNewest[1] + "|"
                    + size;
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return dir.getFileName() + "-" + size + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> images(Path classDir) {
        try (Stream<Path> files = Files.list(classDir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")
                        || name.endsWith(".bmp");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(Path file, int size) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException(file + " is not an image Java can decode (use JPEG or PNG)");
            }
            if (image.getWidth() == size && image.getHeight() == size
                    && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
                return image;
            }
            BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
            g.dispose();
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void toPlanes(BufferedImage image, byte[] pixels, int offset) {
        int plane = image.getWidth() * image.getHeight();
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int p = 0; p < plane; p++) {
            pixels[offset + p] = (byte) (rgb[p] >> 16);
            pixels[offset + plane + p] = (byte) (rgb[p] >> 8);
            pixels[offset + 2 * plane + p] = (byte) rgb[p];
        }
    }

    static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no image folder at " + dir.toAbsolutePath()
                    + "; expected " + dir + "/<class>/*.jpg");
        }
    }
}
