package senslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import senslab.Project;

/**
 * The lung ultrasound images of paper section 4: the public POCUS image collection
 * ({@code data/pocus_images/convex|linear}) of the BorgwardtLab {@code covid19_ultrasound} project on
 * GitHub, downloaded on first use as the repository archive, resumably (HTTP Range on a {@code .part}
 * file) with progress, checked (enough images of every class) and unpacked into an image folder:
 * {@code <dir>/train|test/<covid|pneumonia|regular>/<file>}. A file's class comes from its name's prefix
 * ({@code Cov}, {@code Pneu}, {@code Reg}; other classes such as viral pneumonia are left out); its split
 * from a CRC-32 of its name (one in five to {@code test}), so the split is the same on every machine.
 */
public final class UltrasoundImages {
    /**
     * The project's repository archive (a branch archive: GitHub does not keep its bytes stable, so it is checked by
     * content).
     */
    public static final String URL = "https://github.com/BorgwardtLab/covid19_ultrasound/archive/refs/heads/master.zip";
    /** Overrides the download address (e.g. a mirror or a local file server). */
    public static final String URL_VARIABLE = "SENSLAB_ULTRASOUND_URL";
    public static final List<String> CLASSES = List.of("covid", "pneumonia", "regular");
    /** The collection has dozens of images per class; fewer means the archive is not the expected one. */
    public static final int MIN_PER_CLASS = 10;
    static final String ARCHIVE = "covid19_ultrasound.zip";
    private static final String READY = "READY";
    private static final Pattern IMAGE =
            Pattern.compile(".*/data/pocus_images/(?:convex|linear)/([^/]+\\.(?:jpe?g|png|bmp))",
            Pattern.CASE_INSENSITIVE);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final URI url;
    private final Path dir;

    /** Images from {@code url}, kept in {@code dir}. */
    public UltrasoundImages(URI url, Path dir) {
        this.url = url;
        this.dir = dir;
    }

    /** {@code data/ultrasound/} of the project, from {@link #URL} or {@code $SENSLAB_ULTRASOUND_URL}. */
    public static UltrasoundImages standard() {
        String override = System.getenv(URL_VARIABLE);
        return new UltrasoundImages(URI.create(override == null || override.isBlank() ? URL : override),
                Project.data().resolve("ultrasound"));
    }

    /** Whether the image folder is already in place (no download needed). */
    public boolean available() {
        return Files.isRegularFile(dir.resolve(READY));
    }

    /**
     * The image folder (with {@code train/} and {@code test/}), downloaded and unpacked first if needed.
     *
     * @throws UltrasoundUnavailableException when it cannot be obtained, saying why and what to do
     */
    public Path folder() {
        if (available()) {
            return dir;
        }
        Path archive = dir.resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            download(archive);
        }
        unpack(archive);
        return dir;
    }

    /** Where the archive goes; put it there by hand when this machine cannot download. */
    public Path archive() {
        return dir.resolve(ARCHIVE);
    }

    private void download(Path archive) {
        Path part = archive.resolveSibling(ARCHIVE + ".part");
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(dir);
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30));
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            boolean resumed = status == 206;
            if (status != 200 && !resumed) {
                response.body().close();
                throw unavailable("the server answered HTTP " + status, null);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long start = resumed ? have : 0;
            long total = length < 0 ? -1 : start + length;
            System.out.printf("downloading the lung ultrasound images from %s%s%s%n", url,
                    total > 0 ? String.format(" (%.1f MB)", total / 1e6) : "",
                    resumed ? String.format(", resuming at %.1f MB", start / 1e6) : "");
            copy(response.body(), part, resumed, start, total);
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw unavailable(e.getClass().getSimpleName() + ": "
                    + (e.getMessage() == null ? "the connection failed" : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted; the partial file is kept and resumed next time", e);
        }
    }

    private static void copy(InputStream body, Path part, boolean append, long start, long total) throws IOException {
        long done = start;
        long nextReport = start + 10_000_000;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = body;
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                if (done >= nextReport) {
                    System.out.printf("  %.0f MB%s%n", done / 1e6,
                            total > 0 ? String.format(" of %.0f MB (%.0f %%)", total / 1e6, 100.0 * done / total) : "");
                    nextReport += 10_000_000;
                }
            }
        }
        if (total > 0 && done != total) {
            throw new IOException("the download stopped at " + done + " of " + total + " bytes (run again to resume)");
        }
    }

    /** Unpacks the POCUS images of the archive into a fresh image folder, checking the class counts. */
    private void unpack(Path archive) {
        Path staging = dir.resolve(".unpacking");
        try {
            deleteTree(staging);
            Map<String, Integer> counts = new LinkedHashMap<>();
            CLASSES.forEach(c -> counts.put(c, 0));
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Matcher m = IMAGE.matcher(entry.getName());
                    if (entry.isDirectory() || !m.matches()) {
                        continue;
                    }
                    String name = m.group(1);
                    String label = classOf(name);
                    if (label == null) {
                        continue;
                    }
                    Path target = staging.resolve(splitOf(name)).resolve(label).resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    counts.merge(label, 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                if (count.getValue() < MIN_PER_CLASS) {
                    throw new UltrasoundUnavailableException("the archive " + archive + " holds " + count.getValue()
                            + " images of class '" + count.getKey() + "' under data/pocus_images (at least "
                            + MIN_PER_CLASS + " expected; found " + counts + "): it is not the covid19_ultrasound "
                            + "repository archive. Delete it and run again, or point " + URL_VARIABLE
                            + " at the right archive.", null);
                }
            }
            for (String split : List.of("train", "test")) {
                deleteTree(dir.resolve(split));
                Files.move(staging.resolve(split), dir.resolve(split), StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(staging);
            Files.writeString(dir.resolve(READY), "images per class " + counts + " from " + url + "\n");
            System.out.println("lung ultrasound images ready in " + dir + ": " + counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + archive + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The class of a POCUS file by its name's prefix, or null for classes the paper leaves out. */
    static String classOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.startsWith("cov")) {
            return "covid";
        }
        if (name.startsWith("pneu")) {
            return "pneumonia";
        }
        if (name.startsWith("reg")) {
            return "regular";
        }
        return null;
    }

    /** {@code test} for one file in five (by a CRC-32 of the name), else {@code train}. */
    static String splitOf(String fileName) {
        CRC32 crc = new CRC32();
        crc.update(fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue() % 5 == 0 ? "test" : "train";
    }

    private UltrasoundUnavailableException unavailable(String reason, Throwable cause) {
        return new UltrasoundUnavailableException("cannot download the lung ultrasound images (POCUS collection of "
                + "BorgwardtLab/covid19_ultrasound) from " + url + ": " + reason + ". This machine may have no "
                + "internet access. Allow the download, set " + URL_VARIABLE + " to a reachable copy of the "
                + "repository archive, or put the archive at " + archive()
                + " by hand (a .part file there is resumed).",
                cause);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
