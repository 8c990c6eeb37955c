package org.chipsim.cli.report;

import java.nio.file.Path;

import org.chipsim.chip.RunResult;
import org.chipsim.core.io.AtomicFile;
import org.chipsim.core.energy.EnergyReport;

/** The report files' names, and writing the pictures (atomically, through {@link AtomicFile}). */
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
        AtomicFile.writeBytes(target, content);
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
