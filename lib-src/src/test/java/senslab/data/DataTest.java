package senslab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import senslab.Project;

class DataTest {

    /** A record in the canonical layout: label, then the red, green and blue planes, each row by row. */
    private static byte[] record(int label, int r, int g, int b) {
        byte[] record = new byte[CifarBinary.RECORD];
        record[0] = (byte) label;
        for (int p = 0; p < 1024; p++) {
            record[1 + p] = (byte) (r + p % 32);   // red grows along each row
            record[1 + 1024 + p] = (byte) g;
            record[1 + 2048 + p] = (byte) b;
        }
        return record;
    }

    @Test
    void binaryReaderReadsTheCanonicalLayout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        byte[] two = new byte[2 * CifarBinary.RECORD];
        System.arraycopy(record(3, 10, 200, 255), 0, two, 0, CifarBinary.RECORD);
        System.arraycopy(record(9, 0, 1, 2), 0, two, CifarBinary.RECORD, CifarBinary.RECORD);
        Files.write(file, two);
        ImageSet set = CifarBinary.read(List.of(file), Cifar10.CLASSES);
        assertEquals(2, set.size());
        assertArrayEquals(new int[] {3, 9}, set.labels());
        BufferedImage first = set.image(0);
        assertEquals(0xFF000000 | (10 + 5) << 16 | 200 << 8 | 255, first.getRGB(5, 7));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = set.batch(m, Normalization.CIFAR10);
            assertEquals(new Shape(2, 3, 32, 32), x.getShape());
            // (x/255 − 0.5)/0.5 at red (row 7, column 5) = 15, green 200, blue 255 of the first image
            assertEquals((15 / 255f - 0.5f) / 0.5f, x.getFloat(0, 0, 7, 5), 1e-6);
            assertEquals((200 / 255f - 0.5f) / 0.5f, x.getFloat(0, 1, 7, 5), 1e-6);
            assertEquals(1f, x.getFloat(0, 2, 0, 0), 1e-6);
            assertEquals(-1f, x.getFloat(1, 0, 0, 0), 1e-6);
            // the same normalization applied to the [0, 1] pixels as an array: the same values
            NDArray again = Normalization.CIFAR10.apply(set.batch(m, Normalization.NONE));
            assertArrayEquals(x.toFloatArray(), again.toFloatArray(), 1e-6f);
            NDArray ultrasound = Normalization.ULTRASOUND.apply(set.batch(m, Normalization.NONE));
            assertEquals((200 / 255f - 0.1534f) / 0.1545f, ultrasound.getFloat(0, 1, 7, 5), 1e-5);
            IllegalArgumentException grey = assertThrows(IllegalArgumentException.class,
                    () -> Normalization.CIFAR10.apply(m.zeros(new Shape(1, 1, 2, 2))));
            assertTrue(grey.getMessage().contains("1 channels"), grey.getMessage());
        }
        Files.write(dir.resolve("broken.bin"), new byte[100]);
        assertThrows(IllegalArgumentException.class, () ->
                CifarBinary.read(List.of(dir.resolve("broken.bin")), Cifar10.CLASSES));
    }

    @Test
    void theBinaryReleaseIsUnpackedAndReadSplitBySplit(@TempDir Path dir) throws Exception {
        Path release = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int b = 1; b <= 5; b++) {
            Files.write(release.resolve("data_batch_" + b + ".bin"), record(b, b, 0, 0));
        }
        byte[] test = new byte[2 * CifarBinary.RECORD];
        System.arraycopy(record(0, 50, 0, 0), 0, test, 0, CifarBinary.RECORD);
        System.arraycopy(record(8, 60, 0, 0), 0, test, CifarBinary.RECORD, CifarBinary.RECORD);
        Files.write(release.resolve("test_batch.bin"), test);
        Files.writeString(release.resolve("batches.meta.txt"), String.join("\n", Cifar10.CLASSES) + "\n\n");
        Path archive = dir.resolve("release.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", dir.toString(),
                "cifar-10-batches-bin").start();
        Assumptions.assumeTrue(tar.waitFor() == 0, "skipped: no tar command to build the test archive");
        Path unpacked = dir.resolve("data/cifar10");
        CifarBinary.extract(archive, unpacked);
        Cifar10 cifar =
                new Cifar10(unpacked, dir.resolve("none"), URI.create("http://127.0.0.1:9/x"), dir.resolve("cache"));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, cifar.train().labels());
        assertArrayEquals(new int[] {0, 8}, cifar.test().labels());
        assertEquals(Cifar10.CLASSES, cifar.test().classes());
        assertEquals(60 << 16, cifar.test().image(1).getRGB(0, 0) & 0xFFFFFF);
        assertTrue(cifar.source().contains("binary"), cifar.source());
    }

    @Test
    void imageFolderLoaderReadsAndResizesAFolderAndCachesIt(@TempDir Path dir) throws IOException {
        // 2 classes, 3 and 2 images; PNG so the colours survive exactly
        int[][] colours = {{0xFF0000, 0x00FF00, 0x0000FF}, {0x808080, 0x102030}};
        String[] classes = {"healthy", "covid"};
        for (int c = 0; c < 2; c++) {
            Files.createDirectories(dir.resolve("train").resolve(classes[c]));
            for (int i = 0; i < colours[c].length; i++) {
                BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 20; y++) {
                    for (int x = 0; x < 40; x++) {
                        image.setRGB(x, y, colours[c][i]);
                    }
                }
                ImageIO.write(image, "png", dir.resolve("train").resolve(classes[c]).resolve(i + ".png").toFile());
            }
        }
        ImageSet set = ImageFolder.read(dir.resolve("train"), 16, dir.resolve("cache"));
        assertEquals(List.of("covid", "healthy"), set.classes(), "classes in alphabetical order");
        assertEquals(new Shape(3, 16, 16), set.imageShape());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, set.labels());
        assertEquals(0x808080, set.image(0).getRGB(8, 8) & 0xFFFFFF);
        assertEquals(0x0000FF, set.image(4).getRGB(15, 15) & 0xFFFFFF);
        try (var cached = Files.list(dir.resolve("cache"))) {
            assertEquals(1, cached.count());
        }
        ImageSet again = ImageFolder.read(dir.resolve("train"), 16, dir.resolve("cache"));
        assertArrayEquals(set.labels(), again.labels());
        assertEquals(set.image(2).getRGB(3, 3), again.image(2).getRGB(3, 3));
        assertEquals(4, set.firstPerClass(2).size());
        assertArrayEquals(new int[] {1, 1}, set.firstOfClass("healthy", 2).labels());
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(dir.resolve("nowhere"), 16));
    }

    @Test
    void unreachableDownloadFailsFastNamingBothWaysToProvideTheData(@TempDir Path dir) {
        Cifar10 cifar = new Cifar10(dir.resolve("cifar10"), dir.resolve("cifar10-images"),
                URI.create("http://127.0.0.1:9/cifar-10-binary.tar.gz"), dir.resolve("cache"));
        IllegalStateException error = assertThrows(IllegalStateException.class, cifar::test);
        String message = error.getMessage();
        assertTrue(message.contains("http://127.0.0.1:9/"), message);
        assertTrue(message.contains("cifar-10-binary.tar.gz"), message);
        assertTrue(message.contains("train/<class>/*.jpg"), message);
        assertTrue(message.contains(Cifar10.FOLDER_VARIABLE), message);
    }

    @Test
    void corruptArchiveIsRefusedByItsChecksum(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cifar10"));
        Files.write(dir.resolve("cifar10").resolve(Cifar10.ARCHIVE), new byte[] {1, 2, 3});
        Cifar10 cifar =
                new Cifar10(dir.resolve("cifar10"), dir.resolve("none"), URI.create("http://127.0.0.1:9/x"), dir);
        IllegalStateException error = assertThrows(IllegalStateException.class, cifar::train);
        assertTrue(error.getMessage().contains(Cifar10.MD5), error.getMessage());
    }

    @Test
    void realCifar10ImageFolderHasTheExpectedSplits() {
        Cifar10 cifar = Cifar10.standard();
        Path folder = Project.data().resolve("cifar10-images");
        Assumptions.assumeTrue(Files.isDirectory(folder.resolve("test"))
                || Files.isDirectory(Project.data().resolve("cifar10")),
                "skipped: no CIFAR-10 under " + Project.data()
                + " (unpack ../shared/data/cifar10-jpg.tar.gz into data/cifar10-images/)");
        ImageSet test = cifar.test();
        assertEquals(10_000, test.size());
        assertEquals(Cifar10.CLASSES, test.classes());
        ImageSet planes = test.firstOfClass("airplane", 9);
        assertEquals(9, planes.size());
        assertEquals(1000, test.firstPerClass(100).size());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = planes.batch(m, Normalization.CIFAR10);
            assertTrue(x.min().getFloat() >= -1f && x.max().getFloat() <= 1f);
            assertTrue(x.max().getFloat() - x.min().getFloat() > 1.5f, "real images vary");
        }
    }
}
