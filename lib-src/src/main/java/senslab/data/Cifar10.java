package senslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import senslab.Project;

/**
 * CIFAR-10 (60,000 32×32 colour images in 10 classes; 50,000 to train, 10,000 to test), found in this order:
 * <ol>
 * <li>the canonical binary release already under {@code data/cifar10/} (its {@code .bin} files, or the
 *     archive {@code cifar-10-binary.tar.gz}, which is then unpacked);</li>
 * <li>an image folder {@code train/<class>/*.jpg}, {@code test/<class>/*.jpg}: the environment variable
 *     {@value #FOLDER_VARIABLE}, else {@code data/cifar10-images/} (decoded once, cached under
 *     {@code data/cache/});</li>
 * <li>the canonical archive downloaded from {@value #URL} (or {@value #URL_VARIABLE}), checksum-verified;</li>
 * </ol>
 * and failing all three, an error saying how to provide either.
 */
public final class Cifar10 {
    public static final List<String> CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** Overrides where the image folder is. */
    public static final String FOLDER_VARIABLE = "SENSLAB_CIFAR10_DIR";
    /** Overrides the download address. */
    public static final String URL_VARIABLE = "SENSLAB_CIFAR10_URL";
    private static final List<String> TRAIN_FILES =
            IntStream.rangeClosed(1, 5).mapToObj(i -> "data_batch_" + i + ".bin").toList();
    private static final Map<String, ImageSet> LOADED = new ConcurrentHashMap<>();

    private final Path binaryDir;
    private final Path imageFolder;
    private final URI url;
    private final Path cacheDir;

    /**
     * A CIFAR-10 source: the binary release is kept in {@code binaryDir}, an image folder is looked for at
     * {@code imageFolder}, the archive is downloaded from {@code url}, decoded images are cached in {@code cacheDir}.
     */
    public Cifar10(Path binaryDir, Path imageFolder, URI url, Path cacheDir) {
        this.binaryDir = binaryDir;
        this.imageFolder = imageFolder;
        this.url = url;
        this.cacheDir = cacheDir;
    }

    /** The project's CIFAR-10: {@code data/cifar10/}, {@code data/cifar10-images/} (or the environment's overrides). */
    public static Cifar10 standard() {
        String folder = System.getenv(FOLDER_VARIABLE);
        String url = System.getenv(URL_VARIABLE);
        return new Cifar10(Project.data().resolve("cifar10"),
                folder == null || folder.isBlank() ? Project.data().resolve("cifar10-images") : Path.of(folder),
                URI.create(url == null || url.isBlank() ? URL : url),
                Project.data().resolve("cache"));
    }

    /** The 50,000 training images (loaded once per JVM). */
    public ImageSet train() {
        return split("train");
    }

    /** The 10,000 test images (loaded once per JVM). */
    public ImageSet test() {
        return split("test");
    }

    /** Where the images come from (or would come from): for the notebooks to say. */
    public String source() {
        if (hasBinary()) {
            return "CIFAR-10 binary release in " + binaryDir;
        }
        if (hasFolder()) {
            return "CIFAR-10 image folder " + imageFolder;
        }
        return "CIFAR-10 binary release, to be downloaded from " + url;
    }

    private ImageSet split(String split) {
        String key = binaryDir.toAbsolutePath() + "|" + imageFolder.toAbsolutePath() + "|" + split;
        return LOADED.computeIfAbsent(key, k -> load(split));
    }

    private ImageSet load(String split) {
        if (!hasBinary() && !hasFolder()) {
            download();
        }
        if (hasBinary()) {
            List<String> files = split.equals("train") ? TRAIN_FILES : List.of("test_batch.bin");
            Path meta = binaryDir.resolve("batches.meta.txt");
            List<String> classes = Files.isRegularFile(meta) ? CifarBinary.classNames(meta) : CLASSES;
            return CifarBinary.read(files.stream().map(binaryDir::resolve).toList(), classes);
        }
        return ImageFolder.read(imageFolder.resolve(split), 32, cacheDir);
    }

    private boolean hasBinary() {
        if (Files.isRegularFile(binaryDir.resolve("test_batch.bin"))
                && TRAIN_FILES.stream().allMatch(f -> Files.isRegularFile(binaryDir.resolve(f)))) {
            return true;
        }
        Path archive = binaryDir.resolve(ARCHIVE);
        if (Files.isRegularFile(archive)) {
            verify(archive);
            CifarBinary.extract(archive, binaryDir);
            return Files.isRegularFile(binaryDir.resolve("test_batch.bin"));
        }
        return false;
    }

    private boolean hasFolder() {
        return Files.isDirectory(imageFolder.resolve("train")) && Files.isDirectory(imageFolder.resolve("test"));
    }

    /** Fetches the archive with a progress line every 10 %, then checks its MD5. */
    private void download() {
        Path archive = binaryDir.resolve(ARCHIVE);
        Path partial = binaryDir.resolve(ARCHIVE + ".partial");
        try {
            Files.createDirectories(binaryDir);
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(15_000);
            connection.setReadTimeout(60_000);
            long total = connection.getContentLengthLong();
            System.out.println("downloading CIFAR-10 from " + url
                    + (total > 0 ? String.format(" (%.0f MB)", total / 1e6) : ""));
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                int shownTenth = 0;
                for (int read; (read = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, read);
                    done += read;
                    if (total > 0 && done * 10 / total > shownTenth) {
                        shownTenth = (int) (done * 10 / total);
                        System.out.printf("  %3d %% [%-10s] %.0f of %.0f MB%n", shownTenth * 10, "#".repeat(shownTenth),
                                done / 1e6, total / 1e6);
                    }
                }
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw unavailable("the download from " + url + " failed (" + e + ")", e);
        }
    }

    private IllegalStateException unavailable(String why, Exception cause) {
        return new IllegalStateException("CIFAR-10 is not available: " + why + ". Provide it in either way:\n"
                + "  (a) the canonical binary release: allow the download of " + URL + " (set " + URL_VARIABLE
                + " to use a mirror), or put " + ARCHIVE + " (md5 " + MD5 + ") or its unpacked .bin files in "
                + binaryDir.toAbsolutePath() + ";\n"
                + "  (b) an image folder with train/<class>/*.jpg and test/<class>/*.jpg: unpack it to "
                + imageFolder.toAbsolutePath() + " or set " + FOLDER_VARIABLE + " to its path.", cause);
    }

    private void verify(Path archive) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(archive), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String md5 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            if (!md5.equals(MD5)) {
                Files.move(archive, archive.resolveSibling(ARCHIVE + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
                throw unavailable(archive + " has md5 " + md5 + ", not " + MD5 + " (moved aside to " + ARCHIVE
                        + ".corrupt; run again to download it anew)", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
