package org.chipsim.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

import org.chipsim.chip.Mesh;
import org.chipsim.core.energy.EnergyReport;

/**
 * The mesh as a heatmap ({@code mesh-energy.png}, {@code mesh-sops.png}, {@code mesh-links.png}): energy per core,
 * synaptic operations per core, or the packets each router sent on its links (linear colour scale with a bar), with
 * every used link drawn as an arrow between router centres whose width grows with the packets it carried, and the
 * off-chip input link drawn into the input port's router.
 */
public final class MeshEnergyPicture
{
    /** What the cells' colour shows. */
    public enum Metric
    {
        ENERGY("mesh-energy.png", "Energy per core over the run"),
        SOPS("mesh-sops.png", "Synaptic operations per core over the run"),
        LINKS("mesh-links.png", "Packets each router sent on its mesh links over the run"),
        /** Only for runs with the NoC congestion model (docs/noc.md). */
        STALLS("mesh-stalls.png", "Cycles each router's output links stalled on a full buffer (NoC congestion)");

        private final String file;
        private final String subtitle;

        Metric(final String file, final String subtitle)
        {
            this.file = file;
            this.subtitle = subtitle;
        }

        public String file()
        {
            return file;
        }
    }

    private static final int LEFT = 70;
    private static final int TOP = 72;
    private static final int RIGHT = 130;
    private static final int BOTTOM = 76;

    private MeshEnergyPicture()
    {
    }

    public static BufferedImage render(final EnergyReport report, final RunRecord run, final String title)
    {
        return render(report, run, title, Metric.ENERGY);
    }

    public static BufferedImage render(final EnergyReport report, final RunRecord run, final String title,
        final Metric metric)
    {
        final Mesh mesh = new Mesh(run.meshWidth(), run.meshHeight());
        final int width = mesh.width();
        final int height = mesh.height();
        final int cell = Math.max(6, Math.min(64, Math.min(900 / width, 760 / height)));
        final int gridW = cell * width;
        final int gridH = cell * height;
        final int imageW = Math.max(LEFT + gridW + RIGHT, 560);
        final int imageH = TOP + gridH + BOTTOM;
        final BufferedImage image = Pictures.canvas(imageW, imageH);
        final Graphics2D g = Pictures.graphics(image);

        final double[] energy = new double[width * height];
        final boolean[] used = new boolean[width * height];
        double max = 0;
        // what the arrows show: packets per link, or the congestion model's stall cycles per link
        final long[] linkCounts = metric == Metric.STALLS ? run.linkStallCycles() : run.linkPackets();
        if (metric == Metric.LINKS || metric == Metric.STALLS)
        {
            // every router forwards traffic, whether or not its core is used
            for (int l = 0; l < mesh.inputPortLink(); l++)
            {
                energy[l / 4] += linkCounts[l];
            }
            java.util.Arrays.fill(used, true);
        }
        for (int k = 0; k < report.coreCount(); k++)
        {
            final RunRecord.CoreInfo core = run.cores().get(k);
            final int at = core.y() * width + core.x();
            if (metric == Metric.ENERGY || metric == Metric.SOPS)
            {
                energy[at] = metric == Metric.ENERGY ? report.coreTotalPj(k) :
                    core.counter(org.chipsim.chip.CoreCounter.SOPS);
            }
            used[at] = true;
        }
        for (final double value : energy)
        {
            max = Math.max(max, value);
        }
        final Object[] unit = metric == Metric.ENERGY ? Pictures.energyUnit(max) : countUnit(max);
        final double divisor = (Double)unit[0];
        final double[] ticks = Pictures.ticks(max / divisor, 5);
        final double scaleMax = Math.max(ticks[ticks.length - 1], max / divisor) * divisor;

        // cells
        final int inset = Math.max(1, cell / 8);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                final int at = y * width + x;
                g.setColor(used[at] ? Pictures.colour(scaleMax == 0 ? 0 : energy[at] / scaleMax) : Pictures.UNUSED);
                g.fillRect(LEFT + x * cell + inset, TOP + y * cell + inset, cell - 2 * inset, cell - 2 * inset);
                if (used[at] && cell >= 44 && energy[at] != 0)
                {
                    final double f = scaleMax == 0 ? 0 : energy[at] / scaleMax;
                    g.setColor(f > 0.6 ? Pictures.INK : Color.WHITE);
                    g.setFont(Pictures.SMALL);
                    Pictures.centred(g, String.format(Locale.ROOT, "%.3g", energy[at] / divisor),
                        LEFT + x * cell + cell / 2.0, TOP + y * cell + cell - inset - 4);
                }
            }
        }

        // links
        long maxPackets = 0;
        for (int l = 0; l < mesh.linkCount(); l++)
        {
            maxPackets = Math.max(maxPackets, linkCounts[l]);
        }
        final double maxStroke = Math.max(1.5, cell * 0.16);
        if (maxPackets > 0)
        {
            for (int l = 0; l < mesh.inputPortLink(); l++)
            {
                final long packets = linkCounts[l];
                if (packets == 0)
                {
                    continue;
                }
                final int router = l / 4;
                final int x = router % width;
                final int y = router / width;
                final int direction = l % 4;
                final int dx = direction == Mesh.EAST ? 1 : direction == Mesh.WEST ? -1 : 0;
                final int dy = direction == Mesh.SOUTH ? 1 : direction == Mesh.NORTH ? -1 : 0;
                // the two directions of a link pair are drawn side by side, each offset to its right
                final double offset = cell * 0.14;
                final double ox = -dy * offset;
                final double oy = dx * offset;
                final double x0 = LEFT + (x + 0.5) * cell + ox + dx * cell * 0.18;
                final double y0 = TOP + (y + 0.5) * cell + oy + dy * cell * 0.18;
                final double x1 = LEFT + (x + dx + 0.5) * cell + ox - dx * cell * 0.18;
                final double y1 = TOP + (y + dy + 0.5) * cell + oy - dy * cell * 0.18;
                arrow(g, x0, y0, x1, y1, stroke(packets, maxPackets, maxStroke));
            }
            final long input = linkCounts[mesh.inputPortLink()];
            if (input > 0)
            {
                final double py = TOP + (run.portY() + 0.5) * cell;
                final double px = LEFT + (run.portX() + 0.5) * cell;
                // enters from above the mesh (the off-chip link), clear of the axis labels
                final double startY = TOP - 18;
                arrow(g, px, startY, px, py - cell * 0.2, stroke(input, maxPackets, maxStroke));
                g.setFont(Pictures.SMALL);
                g.setColor(Pictures.INK);
                g.drawString(String.format(Locale.ROOT, "input (%,d)", input), (float)(px + maxStroke + 4),
                    (float)(startY + 8));
            }
        }

        // axes
        g.setColor(Pictures.INK);
        g.setFont(Pictures.SMALL);
        final int every = Math.max(1, (int)Math.ceil(24.0 / cell));
        for (int x = 0; x < width; x += every)
        {
            Pictures.centred(g, Integer.toString(x), LEFT + (x + 0.5) * cell, TOP + gridH + 15);
        }
        for (int y = 0; y < height; y += every)
        {
            Pictures.rightAligned(g, Integer.toString(y), LEFT - 6, TOP + (y + 0.5) * cell);
        }
        g.setFont(Pictures.LABEL);
        Pictures.centred(g, "x (mesh column)", LEFT + gridW / 2.0, TOP + gridH + 34);
        Pictures.vertical(g, "y (mesh row)", 18, TOP + gridH / 2.0);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 12, 24);
        g.setFont(Pictures.SMALL);
        final String arrows = metric == Metric.STALLS ? "stall cycles" : "packets";
        g.drawString(String.format(Locale.ROOT, "%s (grey: unused). Arrows: %s per link, widest = %,d %s.",
            metric.subtitle, arrows, maxPackets, arrows), 12, 42);
        g.drawString(String.format(Locale.ROOT, "total %s, %d cores used of %d, preset %s",
            EnergySummary.joules(report.totalPj()), report.coreCount(), width * height,
            report.model().preset().key()), LEFT, TOP + gridH + 56);

        // colour bar
        final int barX = LEFT + gridW + 40;
        final int barW = 18;
        final int barH = Math.max(100, Math.min(gridH, 400));
        final int barY = TOP;
        for (int i = 0; i < barH; i++)
        {
            g.setColor(Pictures.colour(1.0 - (double)i / (barH - 1)));
            g.fillRect(barX, barY + i, barW, 1);
        }
        g.setColor(Pictures.INK);
        Pictures.stroke(g, 1f);
        g.drawRect(barX, barY, barW, barH);
        g.setFont(Pictures.SMALL);
        for (final double tick : ticks)
        {
            final double f = scaleMax == 0 ? 0 : tick * divisor / scaleMax;
            final int ty = (int)Math.round(barY + barH - f * barH);
            g.drawLine(barX + barW, ty, barX + barW + 4, ty);
            g.drawString(Pictures.number(tick), barX + barW + 7, ty + 4);
        }
        g.setFont(Pictures.LABEL);
        Pictures.vertical(g, (metric == Metric.ENERGY ? "energy per core (" : metric == Metric.SOPS ?
            "SOPs per core (" : metric == Metric.STALLS ? "stall cycles per router (" : "packets sent per router (") +
            unit[1] + ")", barX - 12, barY + barH / 2.0);
        g.dispose();
        return image;
    }

    /** A count's display unit: a power of 1000 and its name. */
    private static Object[] countUnit(final double max)
    {
        final String[] names = {"count", "thousands", "millions", "billions"};
        double divisor = 1;
        int u = 0;
        while (max / divisor >= 1000 && u < names.length - 1)
        {
            divisor *= 1000;
            u++;
        }
        return new Object[] {divisor, names[u]};
    }

    private static float stroke(final long packets, final long maxPackets, final double maxStroke)
    {
        return (float)(1.0 + (maxStroke - 1.0) * packets / maxPackets);
    }

    private static void arrow(final Graphics2D g, final double x0, final double y0, final double x1, final double y1,
        final float width)
    {
        final double length = Math.hypot(x1 - x0, y1 - y0);
        if (length < 1)
        {
            return;
        }
        final double ux = (x1 - x0) / length;
        final double uy = (y1 - y0) / length;
        final double head = Math.min(length * 0.45, 4 + width * 1.6);
        g.setColor(new Color(255, 255, 255, 150));
        Pictures.stroke(g, width + 2f);
        g.draw(new Line2D.Double(x0, y0, x1 - ux * head, y1 - uy * head));
        g.setColor(new Color(20, 20, 20, 220));
        Pictures.stroke(g, width);
        g.draw(new Line2D.Double(x0, y0, x1 - ux * head, y1 - uy * head));
        final double half = Math.max(3, width * 1.1);
        final Path2D.Double tip = new Path2D.Double();
        tip.moveTo(x1, y1);
        tip.lineTo(x1 - ux * head - uy * half, y1 - uy * head + ux * half);
        tip.lineTo(x1 - ux * head + uy * half, y1 - uy * head - ux * half);
        tip.closePath();
        g.fill(tip);
    }
}
