package org.chipsim.compiler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

import javax.imageio.ImageIO;

import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.PopulationLayout;

/**
 * A PNG of a program's placement: the mesh with every core coloured by the population it serves (partial-sum cores
 * lighter and hatched), core ids, the input port, and the estimated load of every link as line width. Headless
 * Java2D; nothing here needs a display.
 */
public final class PlacementPicture
{
    static
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color INK = new Color(0x222222);
    private static final Color UNUSED = new Color(0xeeeeee);
    private static final Color LINK = new Color(0x333333);
    private static final Color PORT = new Color(0xd62728);
    /** Tableau-like categorical colours; beyond them hues are spread by the golden angle. */
    private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf,
        0xbcbd22, 0x7f7f7f, 0xaec7e8, 0xffbb78, 0x98df8a};

    private PlacementPicture()
    {
    }

    /** Writes the picture as PNG. */
    public static void write(final ChipProgram program, final ProgramTraffic traffic, final OutputStream out)
        throws IOException
    {
        if (!ImageIO.write(render(program, traffic), "png", out))
        {
            throw new IOException("no PNG writer available");
        }
    }

    public static BufferedImage render(final ChipProgram program, final ProgramTraffic traffic)
    {
        final ChipSpec chip = program.getChip();
        final int meshW = NocSpecs.gridWidth(chip);
        final int meshH = NocSpecs.gridHeight(chip);
        final int cell = Math.max(6, Math.min(56, 900 / Math.max(meshW, meshH)));
        final int left = 44;
        final int top = 78;
        final int legendWidth = 300;
        final int gridW = meshW * cell;
        final int gridH = meshH * cell;
        final int populations = program.getPopulationsCount();
        final int legendRows = populations + 4;
        final int width = left + gridW + 24 + legendWidth;
        final int height = Math.max(top + gridH + 30, top + legendRows * 20 + 20);
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        // title
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        final String name = program.getModelName().isEmpty() ? "(unnamed)" : program.getModelName();
        g.drawString(String.format("Placement of %s on a %d x %d mesh (%d cores used)", name, meshW, meshH,
            program.getCoresCount()), 12, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        if (traffic != null)
        {
            g.drawString(String.format("estimated (uniform rates): %.4g hop-weighted packets/tick, %.2f hops per " +
                "spike, busiest link %.3g packets/tick", traffic.hopWeightedPackets(), traffic.hopsPerSpike(),
                traffic.maxLinkLoad()), 12, 44);
        }

        // cores
        final int[] populationOfCore = new int[meshW * meshH];
        final boolean[] partialSum = new boolean[meshW * meshH];
        java.util.Arrays.fill(populationOfCore, -1);
        for (final CoreProgram core : program.getCoresList())
        {
            populationOfCore[core.getCoreId()] = core.getPopulation();
            partialSum[core.getCoreId()] = core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM;
        }
        final int gap = cell >= 16 ? 2 : 1;
        final Font idFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(12, cell / 4)));
        g.setFont(idFont);
        final FontMetrics idMetrics = g.getFontMetrics();
        for (int id = 0; id < meshW * meshH; id++)
        {
            final int cx = left + (id % meshW) * cell;
            final int cy = top + (id / meshW) * cell;
            final int p = populationOfCore[id];
            final Color base = p < 0 ? UNUSED : colour(p);
            g.setColor(p >= 0 && partialSum[id] ? lighter(base) : base);
            g.fillRect(cx + gap, cy + gap, cell - 2 * gap, cell - 2 * gap);
            if (p >= 0 && partialSum[id])
            {
                final Shape clip = g.getClip();
                g.clipRect(cx + gap, cy + gap, cell - 2 * gap, cell - 2 * gap);
                g.setColor(base);
                g.setStroke(new BasicStroke(1f));
                for (int d = -cell; d < cell; d += Math.max(4, cell / 6))
                {
                    g.drawLine(cx + d, cy + cell, cx + d + cell, cy);
                }
                g.setClip(clip);
            }
            if (cell >= 28 && p >= 0)
            {
                final String label = Integer.toString(id);
                final int tw = idMetrics.stringWidth(label);
                g.setColor(Color.WHITE);
                g.fillRect(cx + gap + 1, cy + gap + 1, tw + 3, idMetrics.getAscent() + 1);
                g.setColor(INK);
                g.drawString(label, cx + gap + 2, cy + gap + idMetrics.getAscent());
            }
        }

        // links: width by estimated load, both directions of a link pair together
        if (traffic != null && traffic.maxLinkLoad() > 0)
        {
            final double max = maxPairLoad(traffic, meshW, meshH);
            g.setColor(LINK);
            for (int id = 0; id < meshW * meshH; id++)
            {
                final int x = id % meshW;
                final int y = id / meshW;
                if (x + 1 < meshW)
                {
                    drawLink(g, traffic.linkLoad(id * 4) + traffic.linkLoad((id + 1) * 4 + 1), max,
                        left + x * cell + cell / 2.0, top + y * cell + cell / 2.0, cell, 0);
                }
                if (y + 1 < meshH)
                {
                    drawLink(g, traffic.linkLoad(id * 4 + 3) + traffic.linkLoad((id + meshW) * 4 + 2), max,
                        left + x * cell + cell / 2.0, top + y * cell + cell / 2.0, 0, cell);
                }
            }
        }

        g.setStroke(new BasicStroke(1f));

        // input port: a red triangle pointing into its router from above
        final int px = left + chip.getInputPortX() * cell + cell / 2;
        final int py = top + chip.getInputPortY() * cell + cell / 2;
        final int r = Math.max(4, cell / 5);
        g.setColor(PORT);
        g.fillPolygon(new Polygon(new int[] {px - r, px + r, px}, new int[] {py - r, py - r, py + r}, 3));

        // axes: x above the grid, y on the left
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        final FontMetrics axis = g.getFontMetrics();
        final int step = Math.max(1, (int)Math.ceil(18.0 / cell));
        for (int x = 0; x < meshW; x += step)
        {
            final String s = Integer.toString(x);
            g.drawString(s, left + x * cell + (cell - axis.stringWidth(s)) / 2, top - 6);
        }
        for (int y = 0; y < meshH; y += step)
        {
            final String s = Integer.toString(y);
            g.drawString(s, left - 6 - axis.stringWidth(s), top + y * cell + (cell + axis.getAscent()) / 2 - 1);
        }
        g.drawString("x", left + gridW + 4, top - 6);
        g.drawString("y", left - 18, top + gridH + 14);

        // legend
        int ly = top + 4;
        final int lx = left + gridW + 24;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("population (neuron + partial-sum cores)", lx, ly + 10);
        ly += 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < populations; p++)
        {
            final PopulationLayout layout = program.getPopulations(p);
            g.setColor(colour(p));
            g.fillRect(lx, ly, 14, 14);
            g.setColor(INK);
            g.drawString(layout.getInput() ? layout.getName() + " (input, off chip)" :
                String.format("%s (%d + %d)", layout.getName(), layout.getSomaCoresCount(),
                    layout.getPartialSumCoresCount()), lx + 20, ly + 12);
            ly += 20;
        }
        ly += 6;
        g.setColor(lighter(colour(0)));
        g.fillRect(lx, ly, 14, 14);
        g.setColor(colour(0));
        g.drawLine(lx, ly + 14, lx + 14, ly);
        g.setColor(INK);
        g.drawString("lighter, hatched: partial-sum core", lx + 20, ly + 12);
        ly += 20;
        g.setColor(PORT);
        g.fillPolygon(new Polygon(new int[] {lx, lx + 14, lx + 7}, new int[] {ly, ly, ly + 14}, 3));
        g.setColor(INK);
        g.drawString(String.format("input port (%d, %d)", chip.getInputPortX(), chip.getInputPortY()), lx + 20,
            ly + 12);
        ly += 20;
        if (traffic != null)
        {
            g.setColor(LINK);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(lx, ly + 7, lx + 14, ly + 7);
            g.setColor(INK);
            g.drawString("line width: estimated link load", lx + 20, ly + 12);
        }
        g.dispose();
        return image;
    }

    private static double maxPairLoad(final ProgramTraffic traffic, final int meshW, final int meshH)
    {
        double max = 0;
        for (int id = 0; id < meshW * meshH; id++)
        {
            if (id % meshW + 1 < meshW)
            {
                max = Math.max(max, traffic.linkLoad(id * 4) + traffic.linkLoad((id + 1) * 4 + 1));
            }
            if (id / meshW + 1 < meshH)
            {
                max = Math.max(max, traffic.linkLoad(id * 4 + 3) + traffic.linkLoad((id + meshW) * 4 + 2));
            }
        }
        return max;
    }

    private static void drawLink(final Graphics2D g, final double load, final double max, final double x,
        final double y, final double dx, final double dy)
    {
        if (load <= 0 || max <= 0)
        {
            return;
        }
        g.setStroke(new BasicStroke((float)(0.75 + 5.0 * load / max), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y, x + dx, y + dy));
    }

    /** Colour of population p. */
    static Color colour(final int p)
    {
        if (p < PALETTE.length)
        {
            return new Color(PALETTE[p]);
        }
        final float hue = (float)((p * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.65f, 0.8f);
    }

    private static Color lighter(final Color c)
    {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }
}
