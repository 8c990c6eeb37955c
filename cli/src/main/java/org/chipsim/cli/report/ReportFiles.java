package org.chipsim.cli.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.io.AtomicFile;

/** The report files' names, and writing them (each atomically, through {@link AtomicFile}). */
public final class ReportFiles
{
    public static final String ENERGY_JSON = "energy.json";
    public static final String COUNTERS_CSV = "counters.csv";
    public static final String MESH_PICTURE = "mesh-energy.png";
    public static final String TICK_PICTURE = "energy-per-tick.png";
    public static final String RASTER_PICTURE = "raster.png";
    public static final String TRACE_JSON = "trace.json";

    private ReportFiles()
    {
    }

    public static void writeBytes(final Path target, final byte[] content)
    {
        AtomicFile.writeBytes(target, content);
    }

    static void writeText(final Path target, final Consumer<Writer> content)
    {
        AtomicFile.writeText(target, content);
    }

    /**
     * Writes every report of a run into {@code dir}: energy.json, counters.csv, the pictures and, when the run kept
     * its per-core record, trace.json. Returns the file names written, in that order.
     */
    public static List<String> writeAll(final Path dir, final EnergyReport report, final RunRecord run)
    {
        final List<String> written = new ArrayList<>();
        writeText(dir.resolve(ENERGY_JSON), writer -> EnergyJson.write(report, run, writer));
        written.add(ENERGY_JSON);
        writeText(dir.resolve(COUNTERS_CSV), writer -> CountersCsv.write(report, run, writer));
        written.add(COUNTERS_CSV);
        written.addAll(writePictures(dir, report, run));
        if (run.coreTrace() != null)
        {
            writeText(dir.resolve(TRACE_JSON), writer -> TraceJson.write(report.model(), run, writer));
            written.add(TRACE_JSON);
        }
        return written;
    }

    /**
     * Renders and writes {@code mesh-energy.png}, {@code energy-per-tick.png} and, when spikes were recorded,
     * {@code raster.png} into {@code dir}; returns the names written.
     */
    public static List<String> writePictures(final Path dir, final EnergyReport report, final RunRecord run)
    {
        final List<String> written = new ArrayList<>();
        for (final MeshEnergyPicture.Metric metric : MeshEnergyPicture.Metric.values())
        {
            if (metric == MeshEnergyPicture.Metric.STALLS && run.linkStallCycles() == null)
            {
                continue; // the ideal NoC never stalls
            }
            final String what = metric == MeshEnergyPicture.Metric.ENERGY ? "energy" :
                metric == MeshEnergyPicture.Metric.SOPS ? "synaptic operations" :
                metric == MeshEnergyPicture.Metric.STALLS ? "link stalls" : "link load";
            writeBytes(dir.resolve(metric.file()), Pictures.png(MeshEnergyPicture.render(report, run,
                "Mesh " + what + ": " + run.model(), metric)));
            written.add(metric.file());
        }
        writeBytes(dir.resolve(TICK_PICTURE), Pictures.png(TickPicture.render(report,
            "Energy and latency per tick: " + run.model())));
        written.add(TICK_PICTURE);
        if (run.anyRecorded())
        {
            writeBytes(dir.resolve(RASTER_PICTURE), Pictures.png(RasterPicture.render(run,
                "Spike raster: " + run.model())));
            written.add(RASTER_PICTURE);
        }
        return written;
    }
}
