package org.chipsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.energy.EnergyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures render headless from a small run, at a sensible size and not blank. */
class PicturesTest
{
    @TempDir
    Path dir;

    private static int distinctColours(final BufferedImage image)
    {
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2)
        {
            for (int x = 0; x < image.getWidth(); x += 2)
            {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void shouldDrawTheMeshHeatmapTheTickPlotAndTheRaster() throws IOException
    {
        final RunResult result = new ChipSimulation(Compiler.compile(EnergyDeterminismTest.network()),
            RunOptions.defaults().withWorkers(1).withRecord(java.util.List.of("in", "hidden", "out"))).run();
        final EnergyReport report = EnergyReports.of(result);
        final RunRecord run = RunRecord.of(result, "test");
        final BufferedImage mesh = MeshEnergyPicture.render(report, run, "Mesh energy: test");
        assertTrue(mesh.getWidth() >= 400 && mesh.getWidth() <= 2000, "width " + mesh.getWidth());
        assertTrue(mesh.getHeight() >= 300 && mesh.getHeight() <= 2000, "height " + mesh.getHeight());
        assertTrue(distinctColours(mesh) > 20, "heatmap, bar, arrows and text: " + distinctColours(mesh));
        final BufferedImage ticks = TickPicture.render(report, "Energy per tick: test");
        assertEquals(960, ticks.getWidth());
        assertTrue(distinctColours(ticks) > 10, "curves and text: " + distinctColours(ticks));

        final BufferedImage raster = RasterPicture.render(run, "Spike raster: test");
        assertEquals(RasterPicture.WIDTH, raster.getWidth());
        assertEquals(RasterPicture.height(run), raster.getHeight());
        assertTrue(raster.getHeight() >= 300 && raster.getHeight() <= 900, "height " + raster.getHeight());
        assertTrue(distinctColours(raster) > 10, "three populations' colours, axes and text: " +
            distinctColours(raster));

        final java.util.List<String> expected = java.util.List.of(MeshEnergyPicture.Metric.ENERGY.file(),
            MeshEnergyPicture.Metric.SOPS.file(), MeshEnergyPicture.Metric.LINKS.file(), ReportFiles.TICK_PICTURE,
            ReportFiles.RASTER_PICTURE);
        assertEquals(expected, ReportFiles.writePictures(dir, report, run));
        for (final String name : expected)
        {
            final byte[] png = Files.readAllBytes(dir.resolve(name));
            assertEquals((byte)0x89, png[0]);
            assertEquals('P', png[1]);
            final BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(distinctColours(read) > 10, name);
        }
        try (var files = Files.list(dir))
        {
            assertEquals(expected.size(), files.count(), "no temporary files left behind");
        }
    }

    @Test
    void shouldDrawARunWithoutEnergy()
    {
        final RunResult result = HandComputedEnergyTest.run("custom", 1);
        final EnergyReport report = EnergyReports.of(result);
        assertEquals(0.0, report.totalPj());
        final BufferedImage mesh = MeshEnergyPicture.render(report, RunRecord.of(result, "zero"), "all zero");
        assertTrue(distinctColours(mesh) > 5);
        assertTrue(distinctColours(TickPicture.render(report, "all zero")) > 5);
    }

    @Test
    void shouldDrawOnlyTheFirstTicksOfALongRaster()
    {
        final long[] spikes = new long[5_000];
        for (int t = 0; t < spikes.length; t++)
        {
            spikes[t] = org.chipsim.core.SpikeRaster.encode(t, t % 7);
        }
        final RunRecord run = new RunRecord("long", 2, 2, 0, 0, java.util.List.of(), new long[17],
            java.util.List.of(new RunRecord.PopulationInfo("p", 7, false, spikes.length, spikes)),
            new org.chipsim.core.energy.Activity(5_000, 1e-3, 1, new long[0][],
                new long[org.chipsim.core.energy.EnergyEvent.count()], null), null);
        final BufferedImage raster = RasterPicture.render(run, "long");
        assertTrue(distinctColours(raster) > 5, "spikes of the first 2,000 ticks, axes and text");
    }
}
