package org.chipsim.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.chipsim.chip.RunResult;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.EnergyReport;

/**
 * Writes binary report files (the pictures) the way {@code AtomicFiles} writes text: into a hidden temporary file
 * beside the target, renamed over it when complete, so a failed run never leaves a half-written file.
 */
public final class ReportFiles
{
    public static final String ENERGY_JSON = "energy.json";
    public static final String COUNTERS_CSV = "counters.csv";
    public static final String MESH_PICTURE = "mesh-energy.png";
    public static final String TICK_PICTURE = "energy-per-tick.png";

    private ReportFiles()
    {
    }

    public static void writeBytes(final Path target, final byte[] content)
    {
        final Path parent = target.toAbsolutePath().getParent();
        Path temp = null;
        try
        {
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        }
        catch (final IOException e)
        {
            throw new ModelException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        finally
        {
            if (temp != null)
            {
                try
                {
                    Files.deleteIfExists(temp);
                }
                catch (final IOException ignored)
                {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }

    /** Renders and writes {@code mesh-energy.png} and {@code energy-per-tick.png} into {@code dir}. */
    public static void writePictures(final Path dir, final EnergyReport report, final RunResult result,
        final String modelName)
    {
        writeBytes(dir.resolve(MESH_PICTURE), Pictures.png(MeshEnergyPicture.render(report, result,
            "Mesh energy: " + modelName)));
        writeBytes(dir.resolve(TICK_PICTURE), Pictures.png(TickPicture.render(report,
            "Energy and latency per tick: " + modelName)));
    }

}
