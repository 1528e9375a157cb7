package senslab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Renders what notebooks show most: images and XChart charts as PNG, Tablesaw tables as HTML.
 * XChart and Tablesaw live on the notebook's class path, not the kernel's, so they are reached by
 * reflection through the object's own class loader; everything else goes to JJava's renderer.
 */
final class RichRenderer extends Renderer {

    private static final String XCHART_CHART = "org.knowm.xchart.internal.chartpart.Chart";
    private static final String TABLESAW_TABLE = "tech.tablesaw.api.Table";
    private static final int TABLE_ROWS_SHOWN = 50;
    private static final int CHART_SCALE = 2;

    @Override
    public DisplayData render(Object value) {
        return render(value, Map.of());
    }

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        DisplayData rich = renderRich(value);
        return rich != null ? rich : super.render(value, params);
    }

    @Override
    public DisplayData renderAs(Object value, Map<String, Object> params, String... mimeTypes) {
        DisplayData rich = renderRich(value);
        if (rich != null && Arrays.stream(mimeTypes).allMatch(m -> rich.getData(MIMEType.parse(m)) != null)) {
            DisplayData only = new DisplayData();
            for (String m : mimeTypes) {
                only.putData(MIMEType.parse(m), rich.getData(MIMEType.parse(m)));
            }
            return only;
        }
        return super.renderAs(value, params, mimeTypes);
    }

    /** The rich rendering of {@code value}, or null when it is none of the types handled here. */
    private static DisplayData renderRich(Object value) {
        if (value instanceof RenderedImage) {
            RenderedImage image = (RenderedImage) value;
            return png(image, "image " + image.getWidth() + "x" + image.getHeight());
        }
        if (value != null && isA(value.getClass(), XCHART_CHART)) {
            return chart(value);
        }
        if (value != null && isA(value.getClass(), TABLESAW_TABLE)) {
            DisplayData data = new DisplayData(value.toString());
            data.putHTML(TableHtml.of(value, TABLE_ROWS_SHOWN));
            return data;
        }
        return null;
    }

    static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** A chart drawn at twice its size and shown at its size, so it stays crisp on high-density screens. */
    private static DisplayData chart(Object chart) {
        try {
            Class<?> type = Class.forName(XCHART_CHART, false, chart.getClass().getClassLoader());
            int width = (Integer) type.getMethod("getWidth").invoke(chart);
            int height = (Integer) type.getMethod("getHeight").invoke(chart);
            BufferedImage image =
                    new BufferedImage(CHART_SCALE * width, CHART_SCALE * height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.scale(CHART_SCALE, CHART_SCALE);
                type.getMethod("paint", Graphics2D.class, int.class, int.class).invoke(chart, g, width, height);
            } finally {
                g.dispose();
            }
            DisplayData data = png(image, chart.getClass().getSimpleName() + " " + width + "x" + height);
            data.putMetaData(MIMEType.IMAGE_PNG, Map.of("width", width, "height", height));
            return data;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("XChart could not draw the chart: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this XChart version cannot be drawn by the kernel: " + e, e);
        }
    }

    private static DisplayData png(RenderedImage image, String description) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DisplayData data = new DisplayData(description);
        data.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(bytes.toByteArray()));
        return data;
    }
}
