package senslab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Images in a grid with a label under each (e.g. CIFAR-10 test images and their classes), or as a table with a
 * header per column and a label per row (e.g. images against methods), for display.
 */
public final class ImageGrid {
    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 6;

    private ImageGrid() {
    }

    /**
     * {@code images} in rows of {@code columns}, each scaled to {@code size}×{@code size} pixels with
     * nearest neighbours (small images stay sharp), {@code labels} (same count) underneath.
     */
    public static BufferedImage of(List<BufferedImage> images, List<String> labels, int columns, int size) {
        if (images.size() != labels.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.size() + " labels");
        }
        if (images.isEmpty() || columns < 1 || size < 1) {
            throw new IllegalArgumentException("need at least one image, one column and a positive size");
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int cellHeight = size + LABEL_HEIGHT + GAP;
        BufferedImage grid = new BufferedImage(GAP + cols * (size + GAP), GAP + rows * cellHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(grid);
        try {
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < images.size(); i++) {
                int x = GAP + i % cols * (size + GAP);
                int y = GAP + i / cols * cellHeight;
                g.drawImage(images.get(i), x, y, size, size, null);
                String label = labels.get(i);
                g.drawString(label, x + (size - metrics.stringWidth(label)) / 2, y + size + LABEL_HEIGHT - 4);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /**
     * A table of images: one column per entry of {@code columns} (in its order, its key as the header), one row per
     * image, {@code rowLabels} on the left; every image scaled to {@code size}×{@code size} with nearest neighbours.
     */
    public static BufferedImage table(List<String> rowLabels, Map<String, List<BufferedImage>> columns, int size) {
        List<List<BufferedImage>> cells = new ArrayList<>(columns.values());
        if (cells.isEmpty() || size < 1) {
            throw new IllegalArgumentException("need at least one column and a positive size");
        }
        for (Map.Entry<String, List<BufferedImage>> column : columns.entrySet()) {
            if (column.getValue().size() != rowLabels.size()) {
                throw new IllegalArgumentException("column '" + column.getKey() + "' has " + column.getValue().size()
                        + " images for " + rowLabels.size() + " rows");
            }
        }
        Graphics2D probe = canvas(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        FontMetrics metrics = probe.getFontMetrics();
        int labelWidth = rowLabels.stream().mapToInt(metrics::stringWidth).max().orElse(0) + GAP;
        probe.dispose();
        int top = LABEL_HEIGHT + GAP;
        BufferedImage grid = new BufferedImage(GAP + labelWidth + cells.size() * (size + GAP),
                top + rowLabels.size() * (size + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(grid);
        try {
            List<String> headers = new ArrayList<>(columns.keySet());
            for (int c = 0; c < cells.size(); c++) {
                int x = GAP + labelWidth + c * (size + GAP);
                g.drawString(headers.get(c), x + (size - metrics.stringWidth(headers.get(c))) / 2, LABEL_HEIGHT - 2);
                for (int r = 0; r < rowLabels.size(); r++) {
                    g.drawImage(cells.get(c).get(r), x, top + r * (size + GAP), size, size, null);
                }
            }
            for (int r = 0; r < rowLabels.size(); r++) {
                g.drawString(rowLabels.get(r), GAP, top + r * (size + GAP) + size / 2 + 4);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** Graphics on a white {@code image}, black anti-aliased text of the grid's font; dispose it when done. */
    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        return g;
    }
}
