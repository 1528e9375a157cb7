package senslab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UltrasoundImagesTest {

    @Test
    void unreachableAddressFailsFastWithAClearMessage(@TempDir Path dir) {
        UltrasoundImages images = new UltrasoundImages(URI.create("http://127.0.0.1:9/covid19_ultrasound.zip"), dir);
        assertFalse(images.available());
        UltrasoundUnavailableException e = assertThrows(UltrasoundUnavailableException.class, images::folder);
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("cannot download the lung ultrasound images"), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:9/"), e.getMessage());
        assertTrue(e.getMessage().contains(UltrasoundImages.URL_VARIABLE), e.getMessage());
        assertTrue(e.getMessage().contains(images.archive().toString()), e.getMessage());
    }

    /** A fake repository archive: {@code perClass} images of each class, plus files the paper leaves out. */
    private static byte[] archive(int perClass) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String root = "covid19_ultrasound-master/data/pocus_images/";
            List<String> names = new ArrayList<>();
            for (int i = 0; i < perClass; i++) {
                names.add("convex/Cov_case" + i + ".png");
                names.add("linear/Pneu-case" + i + ".png");
                names.add("convex/Reg_case" + i + ".png");
            }
            names.add("convex/Vir_case0.png");
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(root + name));
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
                zip.write(png.toByteArray());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("covid19_ultrasound-master/README.md"));
            zip.write("readme".getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Serves {@code body}, honouring "Range: bytes=N-"; records the ranges asked for. */
    private static HttpServer serve(byte[] body, List<String> ranges) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/archive.zip", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
        });
        server.start();
        return server;
    }

    @Test
    void resumesAPartialDownloadAndUnpacksAnImageFolder(@TempDir Path dir) throws IOException {
        byte[] body = archive(12);
        List<String> ranges = new ArrayList<>();
        HttpServer server = serve(body, ranges);
        try {
            Files.write(dir.resolve(UltrasoundImages.ARCHIVE + ".part"),
                    java.util.Arrays.copyOf(body, body.length / 2));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/archive.zip");
            UltrasoundImages images = new UltrasoundImages(url, dir);
            Path folder = images.folder();
            assertEquals(List.of("bytes=" + body.length / 2 + "-"), ranges, "resumed where the .part file ended");
            assertTrue(images.available());
            int total = 0;
            for (String label : UltrasoundImages.CLASSES) {
                int train = count(folder.resolve("train").resolve(label));
                int test = count(folder.resolve("test").resolve(label));
                assertEquals(12, train + test, label);
                total += train + test;
            }
            assertEquals(36, total, "viral pneumonia and the README are left out");
            for (String split : List.of("train", "test")) {
                try (Stream<Path> files = Files.walk(folder.resolve(split))) {
                    files.filter(Files::isRegularFile).forEach(f ->
                            assertEquals(split, UltrasoundImages.splitOf(f.getFileName().toString()), f.toString()));
                }
            }
            assertEquals(UltrasoundImages.CLASSES, ImageFolder.classes(folder.resolve("train")));
            images.folder();
            assertEquals(1, ranges.size(), "a ready folder is not downloaded again");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anArchiveWithoutTheCollectionIsRejected(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(UltrasoundImages.ARCHIVE), archive(2));
        UltrasoundUnavailableException e = assertThrows(UltrasoundUnavailableException.class,
                () -> new UltrasoundImages(URI.create("http://127.0.0.1:9/"), dir).folder());
        assertTrue(e.getMessage().contains("not the covid19_ultrasound repository archive"), e.getMessage());
    }

    private static int count(Path classDir) throws IOException {
        if (!Files.isDirectory(classDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(classDir)) {
            return (int) files.count();
        }
    }
}
