package senslab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import senslab.attribution.AttributionMaps;
import senslab.attribution.MapStatistics;

/**
 * Grids of sensitivity heat maps drawn with {@link Viridis}, as images that display inline (save them with
 * {@link Figures#save(BufferedImage, String)}). Values are shown in units of the stage's scale 10^e, which
 * the title states, as the paper's figures do.
 */
public final class HeatMapGrid {
    private static final int TILE = 64;
    private static final int GAP = 4;
    private static final int LABEL_WIDTH = 86;
    private static final int TITLE_HEIGHT = 44;
    private static final int HEADER_HEIGHT = 20;
    private static final int BAR_WIDTH = 14;
    private static final int BAR_LABELS = 52;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private HeatMapGrid() {
    }

    /**
     * One stage: rows = images, columns = channels (R, G, B), one colour range for the whole grid so that
     * channels compare; {@code thumbnails} (may be empty) add the images themselves as a first column.
     */
    public static BufferedImage channels(AttributionMaps maps, String stage, List<BufferedImage> thumbnails) {
        int rows = maps.images();
        List<String> columns = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        float[][][][] cells = new float[rows][maps.channels()][][];
        for (int i = 0; i < rows; i++) {
            rowLabels.add("image " + (i + 1));
            for (int c = 0; c < maps.channels(); c++) {
                cells[i][c] = maps.map(i, stage, c);
            }
        }
        for (int c = 0; c < maps.channels(); c++) {
            columns.add(maps.channelName(c));
        }
        int e = MapStatistics.of(maps).scaleExponent(stage);
        String title = String.format(Locale.ROOT, "%s: sensitivity per channel, scale 10^%d%s", stage, e,
                cells(maps));
        return draw(title, cells, rowLabels, columns, new int[] {e}, true, thumbnails);
    }

    /**
     * One channel across stages: rows = stages, columns = images, each row with its own colour range and
     * scale (the paper's Figure 13).
     */
    public static BufferedImage stages(AttributionMaps maps, int channel, List<String> stages,
            List<BufferedImage> thumbnails) {
        float[][][][] cells = new float[stages.size()][maps.images()][][];
        int[] exponents = new int[stages.size()];
        List<String> rowLabels = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            exponents[s] = MapStatistics.of(maps).scaleExponent(stages.get(s));
            rowLabels.add(stages.get(s) + " ×10^" + exponents[s]);
            for (int i = 0; i < maps.images(); i++) {
                cells[s][i] = maps.map(i, stages.get(s), channel);
            }
        }
        for (int i = 0; i < maps.images(); i++) {
            columns.add("image " + (i + 1));
        }
        String title = "channel " + maps.channelName(channel) + ": sensitivity by stage, each row its own scale"
                + cells(maps);
        return draw(title, cells, rowLabels, columns, exponents, false, thumbnails);
    }

    private static String cells(AttributionMaps maps) {
        int c = maps.cellSize();
        return c == 1 ? "" : " (cells of " + c + "×" + c + " pixels)";
    }

    /** The general grid: {@code cells[row][column]} maps, one scale exponent per row or one for all. */
    private static BufferedImage draw(String title, float[][][][] cells, List<String> rowLabels,
            List<String> columns, int[] exponents, boolean shared, List<BufferedImage> thumbnails) {
        int rows = cells.length;
        int cols = columns.size();
        boolean thumbs = !thumbnails.isEmpty();
        boolean thumbRow = thumbs && !shared; // stages grid: images as a top row; channels grid: a first column
        int firstCol = thumbs && shared ? 1 : 0;
        int firstRow = thumbRow ? 1 : 0;
        int gridLeft = LABEL_WIDTH;
        int gridTop = TITLE_HEIGHT + HEADER_HEIGHT;
        int width = Math.max(gridLeft + (cols + firstCol) * (TILE + GAP) + GAP + BAR_WIDTH + BAR_LABELS,
                titleWidth(title) + 16);
        int height = gridTop + (rows + firstRow) * (TILE + GAP) + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            g.drawString(title, 8, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int c = 0; c < cols; c++) {
                centered(g, columns.get(c), gridLeft + (c + firstCol) * (TILE + GAP) + TILE / 2, gridTop - 6);
            }
            if (thumbRow) {
                for (int c = 0; c < Math.min(cols, thumbnails.size()); c++) {
                    g.drawImage(thumbnails.get(c), gridLeft + c * (TILE + GAP), gridTop, TILE, TILE, null);
                }
            }
            double[][] ranges = new double[rows][];
            for (int r = 0; r < rows; r++) {
                ranges[r] = range(shared ? cells : new float[][][][] {cells[r]});
            }
            for (int r = 0; r < rows; r++) {
                int y = gridTop + (r + firstRow) * (TILE + GAP);
                g.setColor(Color.BLACK);
                g.drawString(rowLabels.get(r), 6, y + TILE / 2 + 4);
                if (thumbs && shared && r < thumbnails.size()) {
                    g.drawImage(thumbnails.get(r), gridLeft, y, TILE, TILE, null);
                }
                for (int c = 0; c < cols; c++) {
                    g.drawImage(tile(cells[r][c], ranges[r]), gridLeft + (c + firstCol) * (TILE + GAP), y, TILE,
                            TILE, null);
                }
            }
            int barLeft = gridLeft + (cols + firstCol) * (TILE + GAP) + GAP;
            if (shared) {
                colourBar(g, barLeft, gridTop + firstRow * (TILE + GAP), rows * (TILE + GAP) - GAP, ranges[0],
                        exponents[0]);
            } else {
                for (int r = 0; r < rows; r++) {
                    colourBar(g, barLeft, gridTop + (r + firstRow) * (TILE + GAP), TILE, ranges[r], exponents[r]);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int titleWidth(String title) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(TITLE_FONT).stringWidth(title);
        } finally {
            g.dispose();
        }
    }

    private static double[] range(float[][][][] cells) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[][][] row : cells) {
            for (float[][] map : row) {
                for (float[] line : map) {
                    for (float v : line) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return new double[] {lo, hi > lo ? hi : lo + 1e-30};
    }

    /** The map at its own resolution, one pixel per value; drawn scaled up with nearest neighbours. */
    private static BufferedImage tile(float[][] map, double[] range) {
        BufferedImage tile = new BufferedImage(map[0].length, map.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < map.length; y++) {
            for (int x = 0; x < map[0].length; x++) {
                tile.setRGB(x, y, Viridis.rgb((map[y][x] - range[0]) / (range[1] - range[0])));
            }
        }
        return tile;
    }

    private static void colourBar(Graphics2D g, int left, int top, int height, double[] range, int exponent) {
        for (int y = 0; y < height; y++) {
            g.setColor(new Color(Viridis.rgb(1 - y / (double) (height - 1))));
            g.drawLine(left, top + y, left + BAR_WIDTH, top + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(left, top, BAR_WIDTH, height - 1);
        double unit = Math.pow(10, exponent);
        g.setColor(Color.BLACK);
        g.drawString(format(range[1] / unit), left + BAR_WIDTH + 4, top + 10);
        g.drawString(format(range[0] / unit), left + BAR_WIDTH + 4, top + height - 2);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
    }

    private static void centered(Graphics2D g, String text, int x, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, baseline);
    }
}
