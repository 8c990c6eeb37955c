package org.chipsim.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep.png}: energy per spike against the first varied key (its values equally spaced, in the order given),
 * one line per combination of the other keys, with a legend. Points without spikes are left out.
 */
public final class SweepPicture
{
    public static final int WIDTH = 960;
    public static final int HEIGHT = 600;
    private static final int LEFT = 96;
    private static final int RIGHT = 300;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x7f7f7f), new Color(0xbcbd22)};

    private SweepPicture()
    {
    }

    public static BufferedImage render(final List<String> keys, final List<SweepRow> rows, final String title)
    {
        final BufferedImage image = Pictures.canvas(WIDTH, HEIGHT);
        final Graphics2D g = Pictures.graphics(image);
        final List<String> xValues = new ArrayList<>();
        final Map<String, List<SweepRow>> series = new LinkedHashMap<>();
        double max = 0;
        for (final SweepRow row : rows)
        {
            if (!xValues.contains(row.values().get(0)))
            {
                xValues.add(row.values().get(0));
            }
            series.computeIfAbsent(seriesName(keys, row), k -> new ArrayList<>()).add(row);
            if (Double.isFinite(row.energyPerSpikePj()))
            {
                max = Math.max(max, row.energyPerSpikePj());
            }
        }
        final Object[] unit = Pictures.energyUnit(max);
        final double divisor = (Double)unit[0];
        final double[] yTicks = Pictures.ticks(max / divisor, 5);
        final double yMax = Math.max(yTicks[yTicks.length - 1], max / divisor) > 0 ?
            Math.max(yTicks[yTicks.length - 1], max / divisor) : 1;
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        final int bottom = TOP + plotH;

        g.setFont(Pictures.SMALL);
        Pictures.stroke(g, 1f);
        for (final double t : yTicks)
        {
            final int y = (int)Math.round(bottom - t / yMax * plotH);
            g.setColor(Pictures.GRID);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Pictures.INK);
            Pictures.rightAligned(g, Pictures.number(t), LEFT - 6, y);
        }
        for (int i = 0; i < xValues.size(); i++)
        {
            final double x = x(i, xValues.size(), plotW);
            g.setColor(Pictures.INK);
            g.drawLine((int)x, bottom, (int)x, bottom + 4);
            Pictures.centred(g, xValues.get(i), x, bottom + 18);
        }
        g.drawRect(LEFT, TOP, plotW, plotH);

        int s = 0;
        int legendY = TOP + 8;
        for (final Map.Entry<String, List<SweepRow>> entry : series.entrySet())
        {
            final Color colour = COLOURS[s % COLOURS.length];
            final Path2D.Double line = new Path2D.Double();
            boolean started = false;
            g.setColor(colour);
            for (final String xValue : xValues)
            {
                for (final SweepRow row : entry.getValue())
                {
                    if (!row.values().get(0).equals(xValue) || !Double.isFinite(row.energyPerSpikePj()))
                    {
                        continue;
                    }
                    final double x = x(xValues.indexOf(xValue), xValues.size(), plotW);
                    final double y = bottom - row.energyPerSpikePj() / divisor / yMax * plotH;
                    if (started)
                    {
                        line.lineTo(x, y);
                    }
                    else
                    {
                        line.moveTo(x, y);
                        started = true;
                    }
                    g.fill(new Ellipse2D.Double(x - 4, y - 4, 8, 8));
                }
            }
            Pictures.stroke(g, 2f);
            g.draw(line);
            g.fillRect(LEFT + plotW + 20, legendY - 6, 18, 4);
            g.setColor(Pictures.INK);
            g.setFont(Pictures.SMALL);
            g.drawString(entry.getKey(), LEFT + plotW + 44, legendY);
            legendY += 18;
            s++;
        }

        g.setColor(Pictures.INK);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 12, 24);
        g.setFont(Pictures.SMALL);
        g.drawString(String.format(Locale.ROOT, "%d points; energy per spike fired by a neuron (total energy / " +
            "spikes)%s", rows.size(), keys.size() > 1 ? "; one line per setting of " +
            String.join(", ", keys.subList(1, keys.size())) : ""), 12, 42);
        g.setFont(Pictures.LABEL);
        Pictures.centred(g, keys.get(0), LEFT + plotW / 2.0, HEIGHT - 24);
        Pictures.vertical(g, "energy per spike (" + unit[1] + ")", 22, TOP + plotH / 2.0);
        g.dispose();
        return image;
    }

    public static byte[] png(final List<String> keys, final List<SweepRow> rows, final String title)
    {
        return Pictures.png(render(keys, rows, title));
    }

    private static double x(final int i, final int count, final int plotW)
    {
        return LEFT + plotW * (i + 0.5) / count;
    }

    private static String seriesName(final List<String> keys, final SweepRow row)
    {
        if (keys.size() == 1)
        {
            return "all points";
        }
        final StringBuilder name = new StringBuilder();
        for (int i = 1; i < keys.size(); i++)
        {
            name.append(i == 1 ? "" : ", ").append(keys.get(i)).append('=').append(row.values().get(i));
        }
        return name.toString();
    }
}
