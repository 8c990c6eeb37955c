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
    void shouldDrawTheMeshHeatmapAndTheTickPlot() throws IOException
    {
        final RunResult result = new ChipSimulation(Compiler.compile(EnergyDeterminismTest.network()),
            RunOptions.defaults().withWorkers(1)).run();
        final EnergyReport report = EnergyReports.of(result);
        final BufferedImage mesh = MeshEnergyPicture.render(report, result, "Mesh energy: test");
        assertTrue(mesh.getWidth() >= 400 && mesh.getWidth() <= 2000, "width " + mesh.getWidth());
        assertTrue(mesh.getHeight() >= 300 && mesh.getHeight() <= 2000, "height " + mesh.getHeight());
        assertTrue(distinctColours(mesh) > 20, "heatmap, bar, arrows and text: " + distinctColours(mesh));
        final BufferedImage ticks = TickPicture.render(report, "Energy per tick: test");
        assertEquals(960, ticks.getWidth());
        assertTrue(distinctColours(ticks) > 10, "curves and text: " + distinctColours(ticks));

        ReportFiles.writePictures(dir, report, result, "test");
        for (final String name : new String[] {ReportFiles.MESH_PICTURE, ReportFiles.TICK_PICTURE})
        {
            final byte[] png = Files.readAllBytes(dir.resolve(name));
            assertEquals((byte)0x89, png[0]);
            assertEquals('P', png[1]);
            final BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(distinctColours(read) > 10, name);
        }
        try (var files = Files.list(dir))
        {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void shouldDrawARunWithoutEnergy()
    {
        final RunResult result = HandComputedEnergyTest.run("custom", 1);
        final EnergyReport report = EnergyReports.of(result);
        assertEquals(0.0, report.totalPj());
        final BufferedImage mesh = MeshEnergyPicture.render(report, result, "all zero");
        assertTrue(distinctColours(mesh) > 5);
        assertTrue(distinctColours(TickPicture.render(report, "all zero")) > 5);
    }
}
