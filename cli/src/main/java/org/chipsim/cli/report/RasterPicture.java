package org.chipsim.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code raster.png}: the recorded populations' spikes, tick on x and neuron on y, one band per population (height
 * by its size, at least {@link #MIN_BAND} pixels) in its own colour. Long runs draw only their first
 * {@link #MAX_TICKS} ticks, so a spike stays at least a pixel wide; the subtitle says so.
 */
public final class RasterPicture
{
    /** Ticks drawn at most. */
    public static final int MAX_TICKS = 2_000;
    public static final int WIDTH = 1000;
    private static final int LEFT = 150;
    private static final int RIGHT = 24;
    private static final int TOP = 64;
    private static final int BOTTOM = 58;
    private static final int MIN_BAND = 28;
    private static final int MIN_PLOT_HEIGHT = 200;
    private static final int MAX_PLOT_HEIGHT = 640;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2)};

    private RasterPicture()
    {
    }

    /** The picture's height for a run: grows with the recorded populations, within bounds. */
    static int height(final RunRecord run)
    {
        return TOP + plotHeight(recorded(run)) + BOTTOM;
    }

    public static BufferedImage render(final RunRecord run, final String title)
    {
        final List<RunRecord.PopulationInfo> populations = recorded(run);
        final int plotHeight = plotHeight(populations);
        final BufferedImage image = Pictures.canvas(WIDTH, TOP + plotHeight + BOTTOM);
        final Graphics2D g = Pictures.graphics(image);
        final long ticks = Math.min(run.ticks(), MAX_TICKS);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        long drawn = 0;
        long total = 0;
        for (final RunRecord.PopulationInfo p : populations)
        {
            total += p.recorded().length;
        }

        int top = TOP;
        for (int i = 0; i < populations.size(); i++)
        {
            final RunRecord.PopulationInfo p = populations.get(i);
            final int band = band(p, populations);
            final Color colour = COLOURS[i % COLOURS.length];
            g.setColor(i % 2 == 0 ? Pictures.BACKGROUND : new Color(0xf6f6f6));
            g.fillRect(LEFT, top, plotWidth, band);
            g.setColor(colour);
            final double dx = (double)plotWidth / Math.max(1, ticks);
            final double dy = (double)band / Math.max(1, p.size());
            final int w = Math.max(1, (int)Math.round(dx));
            final int h = Math.max(1, (int)Math.round(dy));
            for (final long spike : p.recorded())
            {
                final long tick = spike >>> 32;
                if (tick >= ticks)
                {
                    break;
                }
                final int neuron = (int)spike;
                // neuron 0 at the top of its band, as a raster is read
                g.fillRect(LEFT + (int)(tick * dx), top + (int)(neuron * dy), w, h);
                drawn++;
            }
            g.setColor(Pictures.INK);
            g.setFont(Pictures.LABEL);
            Pictures.rightAligned(g, p.name(), LEFT - 8, top + band / 2.0 - (band >= 40 ? 8 : 0));
            if (band >= 40)
            {
                g.setFont(Pictures.SMALL);
                Pictures.rightAligned(g, String.format(Locale.ROOT, "%,d neurons", p.size()), LEFT - 8,
                    top + band / 2.0 + 8);
            }
            g.setColor(Pictures.GRID);
            g.drawLine(LEFT, top + band, LEFT + plotWidth, top + band);
            top += band;
        }

        g.setColor(Pictures.INK);
        Pictures.stroke(g, 1f);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.setFont(Pictures.SMALL);
        for (final double t : Pictures.ticks(ticks, 8))
        {
            if (t > ticks)
            {
                break;
            }
            final int x = (int)Math.round(LEFT + t / Math.max(1, ticks) * plotWidth);
            g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 4);
            Pictures.centred(g, String.format(Locale.ROOT, "%,d", (long)t), x, TOP + plotHeight + 16);
        }
        g.setFont(Pictures.LABEL);
        Pictures.centred(g, String.format(Locale.ROOT, "tick (%s of model time each)",
            EnergySummary.seconds(run.activity().tickSeconds())), LEFT + plotWidth / 2.0, TOP + plotHeight + 36);
        Pictures.vertical(g, "neuron (0 at the top)", 16, TOP + plotHeight / 2.0);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 12, 24);
        g.setFont(Pictures.SMALL);
        g.drawString(populations.isEmpty() ? "no population was recorded (chipsim run --record POP,...)" :
            String.format(Locale.ROOT, "%,d of %,d recorded spikes drawn, %s%s", drawn, total,
                run.ticks() > MAX_TICKS ? String.format(Locale.ROOT, "the first %,d of %,d ticks", MAX_TICKS,
                    run.ticks()) : String.format(Locale.ROOT, "all %,d ticks", run.ticks()),
                ", one dot per spike"), 12, 42);
        g.dispose();
        return image;
    }

    private static List<RunRecord.PopulationInfo> recorded(final RunRecord run)
    {
        final List<RunRecord.PopulationInfo> recorded = new ArrayList<>();
        for (final RunRecord.PopulationInfo p : run.populations())
        {
            if (p.recorded() != null)
            {
                recorded.add(p);
            }
        }
        return recorded;
    }

    private static int plotHeight(final List<RunRecord.PopulationInfo> populations)
    {
        int height = 0;
        for (final RunRecord.PopulationInfo p : populations)
        {
            height += band(p, populations);
        }
        return populations.isEmpty() ? MIN_PLOT_HEIGHT : height;
    }

    /**
     * A population's band: its share by size of a plot height of four pixels per neuron (between MIN_PLOT_HEIGHT and
     * MAX_PLOT_HEIGHT), at least MIN_BAND so a small population stays visible next to a large one.
     */
    private static int band(final RunRecord.PopulationInfo p, final List<RunRecord.PopulationInfo> all)
    {
        long neurons = 0;
        for (final RunRecord.PopulationInfo q : all)
        {
            neurons += q.size();
        }
        final long target = Math.max(MIN_PLOT_HEIGHT, Math.min(MAX_PLOT_HEIGHT, neurons * 4));
        return (int)Math.max(MIN_BAND, target * p.size() / Math.max(1, neurons));
    }
}
