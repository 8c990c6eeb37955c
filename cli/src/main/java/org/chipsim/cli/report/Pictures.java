package org.chipsim.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import javax.imageio.ImageIO;

/** Drawing helpers shared by the report pictures: headless Java2D, a perceptual colour map, axes and PNG encoding. */
final class Pictures
{
    static
    {
        // the pictures never need a display; keep AWT from looking for one
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x222222);
    static final Color GRID = new Color(0xdddddd);
    static final Color UNUSED = new Color(0xeeeeee);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** Viridis, sampled at 0, 0.25, 0.5, 0.75 and 1. */
    private static final int[] VIRIDIS = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

    private Pictures()
    {
    }

    static BufferedImage canvas(final int width, final int height)
    {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static Graphics2D graphics(final BufferedImage image)
    {
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** Colour of a value in [0, 1] (clamped). */
    static Color colour(final double fraction)
    {
        final double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
        final double at = f * (VIRIDIS.length - 1);
        final int i = Math.min(VIRIDIS.length - 2, (int)at);
        final double t = at - i;
        final int a = VIRIDIS[i];
        final int b = VIRIDIS[i + 1];
        return new Color(mix(a >> 16, b >> 16, t), mix(a >> 8, b >> 8, t), mix(a, b, t));
    }

    private static int mix(final int a, final int b, final double t)
    {
        return (int)Math.round((a & 0xff) + ((b & 0xff) - (a & 0xff)) * t);
    }

    /** Text centred on x, baseline at y. */
    static void centred(final Graphics2D g, final String text, final double x, final double y)
    {
        final FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float)(x - m.stringWidth(text) / 2.0), (float)y);
    }

    /** Text right-aligned at x, vertically centred on y. */
    static void rightAligned(final Graphics2D g, final String text, final double x, final double y)
    {
        final FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float)(x - m.stringWidth(text)), (float)(y + m.getAscent() / 2.0 - 1));
    }

    /** Text rotated a quarter turn counter-clockwise, centred on (x, y). */
    static void vertical(final Graphics2D g, final String text, final double x, final double y)
    {
        final Graphics2D r = (Graphics2D)g.create();
        r.translate(x, y);
        r.rotate(-Math.PI / 2);
        centred(r, text, 0, 0);
        r.dispose();
    }

    static void stroke(final Graphics2D g, final float width)
    {
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    }

    /** About {@code count} round tick values from 0 to the first at or above max. */
    static double[] ticks(final double max, final int count)
    {
        if (!(max > 0) || !Double.isFinite(max))
        {
            return new double[] {0};
        }
        final double step = niceStep(max / count);
        final int n = (int)Math.ceil(max / step - 1e-9) + 1;
        final double[] ticks = new double[n];
        for (int i = 0; i < n; i++)
        {
            ticks[i] = i * step;
        }
        return ticks;
    }

    private static double niceStep(final double raw)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double f = raw / magnitude;
        final double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Unit prefix for energies given in pJ: {divisor, name}. */
    static Object[] energyUnit(final double maxPj)
    {
        final String[] names = {"pJ", "nJ", "uJ", "mJ", "J"};
        double divisor = 1;
        int u = 0;
        while (maxPj / divisor >= 1000 && u < names.length - 1)
        {
            divisor *= 1000;
            u++;
        }
        return new Object[] {divisor, names[u]};
    }

    /** A short label for a tick value. */
    static String number(final double v)
    {
        if (v == 0)
        {
            return "0";
        }
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)
        {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        final String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static byte[] png(final BufferedImage image)
    {
        try
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            // encode in memory: the disk cache registers a shutdown hook, refused while Ctrl-C shuts the JVM down
            ImageIO.setUseCache(false);
            if (!ImageIO.write(image, "png", bytes))
            {
                throw new IllegalStateException("no PNG writer available");
            }
            return bytes.toByteArray();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
