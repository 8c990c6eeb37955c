package org.chipsim.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;
import org.chipsim.core.energy.TickTrace;

/**
 * {@code energy-per-tick.png}: two panels over the run's ticks, energy per tick (dynamic plus static) and the tick's
 * critical path in cycles, with the mean and p99 marked.
 */
public final class TickPicture
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final Color ENERGY = new Color(0x3b528b);
    private static final Color LATENCY = new Color(0xb2452f);

    private TickPicture()
    {
    }

    public static BufferedImage render(final EnergyReport report, final String title)
    {
        final BufferedImage image = Pictures.canvas(WIDTH, HEIGHT);
        final Graphics2D g = Pictures.graphics(image);
        g.setColor(Pictures.INK);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 12, 24);
        final TickTrace trace = report.activity().trace();
        if (trace == null || trace.ticks() == 0)
        {
            g.setFont(Pictures.LABEL);
            g.drawString("no per-tick record", LEFT, 80);
            g.dispose();
            return image;
        }
        final long ticks = trace.ticks();

        // dynamic energy per tick: bins hold several ticks when the run is long; plot the mean per tick of each bin
        final double[] binPj = report.binDynamicEnergyPj();
        final double[] perTick = new double[binPj.length];
        double maxPj = 0;
        for (int b = 0; b < binPj.length; b++)
        {
            perTick[b] = binPj[b] / trace.ticksInBin(b, trace.eventBinTicks());
            maxPj = Math.max(maxPj, perTick[b]);
        }
        final Object[] unit = Pictures.energyUnit(maxPj);
        final double divisor = (Double)unit[0];
        for (int b = 0; b < perTick.length; b++)
        {
            perTick[b] /= divisor;
        }
        g.setFont(Pictures.SMALL);
        g.drawString(String.format(Locale.ROOT, "total %s over %,d ticks, preset %s%s",
            EnergySummary.joules(report.totalPj()), ticks, report.model().preset().key(),
            trace.eventBinTicks() > 1 ? String.format(Locale.ROOT, "; energy averaged over bins of %,d ticks",
                trace.eventBinTicks()) : ""), 12, 42);
        panel(g, 84, 240, perTick, trace.eventBinTicks(), ticks, "dynamic energy per tick (" + unit[1] + "), plus " +
            EnergySummary.joules(report.staticPjPerTick()) + " static per tick", ENERGY,
            new double[0], new String[0]);

        final double[] critical = report.criticalPathCycles();
        final LatencySummary latency = report.latency();
        if (latency == null)
        {
            // a saved run re-priced under other latency costs without its per-core record: no critical path
            g.setColor(Pictures.INK);
            g.setFont(Pictures.LABEL);
            Pictures.centred(g, "tick", LEFT + (WIDTH - LEFT - RIGHT) / 2.0, 84 + 240 + 38);
            g.drawString("critical path per tick: not known under these latency costs (the run kept no per-core " +
                "record of every tick)", LEFT, 420);
            g.dispose();
            return image;
        }
        panel(g, 380, 200, critical, trace.latencyBinTicks(), ticks, "critical path per tick (cycles)", LATENCY,
            new double[] {latency.meanCycles(), latency.p99Cycles()}, new String[] {"mean", "p99"});
        g.setColor(Pictures.INK);
        g.setFont(Pictures.LABEL);
        Pictures.centred(g, "tick", LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 22);
        g.setFont(Pictures.SMALL);
        g.drawString(String.format(Locale.ROOT, "clock %s MHz: mean %s, p99 %s, max %s per tick; tick period %s",
            Pictures.number(latency.clockHz() / 1e6), EnergySummary.seconds(latency.meanNs() * 1e-9),
            EnergySummary.seconds(latency.p99Ns() * 1e-9), EnergySummary.seconds(latency.maxNs() * 1e-9),
            EnergySummary.seconds(latency.tickSeconds())), LEFT, HEIGHT - 6);
        g.dispose();
        return image;
    }

    /** One panel: values per bin of {@code binTicks} ticks, drawn as a filled step curve. */
    private static void panel(final Graphics2D g, final int top, final int height, final double[] values,
        final int binTicks, final long ticks, final String label, final Color colour, final double[] marks,
        final String[] markNames)
    {
        final int left = LEFT;
        final int width = WIDTH - LEFT - RIGHT;
        double max = 0;
        for (final double v : values)
        {
            max = Math.max(max, v);
        }
        final double[] yTicks = Pictures.ticks(max, 4);
        final double yMax = Math.max(max, yTicks[yTicks.length - 1]) > 0 ?
            Math.max(max, yTicks[yTicks.length - 1]) : 1;
        final int bottom = top + height;

        g.setFont(Pictures.SMALL);
        Pictures.stroke(g, 1f);
        for (final double t : yTicks)
        {
            final int y = (int)Math.round(bottom - t / yMax * height);
            g.setColor(Pictures.GRID);
            g.drawLine(left, y, left + width, y);
            g.setColor(Pictures.INK);
            Pictures.rightAligned(g, Pictures.number(t), left - 6, y);
        }
        final double[] xTicks = Pictures.ticks(ticks, 8);
        for (final double t : xTicks)
        {
            final int x = (int)Math.round(left + t / ticks * width);
            g.setColor(Pictures.INK);
            g.drawLine(x, bottom, x, bottom + 4);
            Pictures.centred(g, String.format(Locale.ROOT, "%,d", (long)t), x, bottom + 16);
        }

        final Path2D.Double area = new Path2D.Double();
        area.moveTo(left, bottom);
        for (int b = 0; b < values.length; b++)
        {
            final double x0 = left + (double)b * binTicks / ticks * width;
            final double x1 = left + Math.min(ticks, (long)(b + 1) * binTicks) / (double)ticks * width;
            final double y = bottom - values[b] / yMax * height;
            area.lineTo(x0, y);
            area.lineTo(x1, y);
        }
        area.lineTo(left + width, bottom);
        area.closePath();
        g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90));
        g.fill(area);
        g.setColor(colour);
        Pictures.stroke(g, 1.2f);
        g.draw(area);

        g.setColor(Pictures.INK);
        Pictures.stroke(g, 1f);
        g.drawRect(left, top, width, height);
        g.setFont(Pictures.LABEL);
        g.drawString(label, left, top - 8);
        // marks (mean, p99) as lines across the panel, named in a legend after the label
        int legendX = left + g.getFontMetrics().stringWidth(label) + 24;
        g.setFont(Pictures.SMALL);
        for (int i = 0; i < marks.length; i++)
        {
            final int y = (int)Math.round(bottom - marks[i] / yMax * height);
            g.setColor(MARKS[i % MARKS.length]);
            Pictures.stroke(g, 1.5f);
            g.drawLine(left, y, left + width, y);
            g.drawLine(legendX, top - 12, legendX + 18, top - 12);
            final String text = markNames[i] + " " + Pictures.number(marks[i]);
            g.drawString(text, legendX + 22, top - 8);
            legendX += 22 + g.getFontMetrics().stringWidth(text) + 18;
        }
    }

    private static final Color[] MARKS = {new Color(0x1f6f6b), new Color(0x2e7d32)};
}
