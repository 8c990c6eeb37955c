package org.chipsim.cli.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chipsim report DIR}: the energy summary and the pictures of a saved run, from its result.json and energy.json
 * alone; with {@code --preset/--cost}, the same counts priced with other unit costs, which needs no run because
 * energy is counts times costs. Re-priced reports never overwrite the saved run: they are printed, and written only
 * with {@code --out}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Print the energy summary of a saved run (a directory written by 'chipsim run --out') and draw " +
        "its pictures again (mesh-energy.png, energy-per-tick.png, raster.png, trace.json when traced); with " +
        "--preset/--cost, price the saved counts with other costs, without running again.")
public final class ReportCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory with result.json and energy.json.")
    Path dir;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Write the reports here (default: DIR, " +
        "pictures only). A re-priced report writes energy.json, counters.csv, the pictures and a copy of " +
        "result.json, so OUT is a result directory of its own (chipsim compare DIR OUT).")
    Path out;

    @Mixin
    EnergyOptions energy;

    @Override
    public Integer call()
    {
        final SavedRun saved = SavedRun.read(dir);
        final EnergyModel target = EnergyModel.of(energy.apply(saved.chip()));
        final RunRecord record = saved.pricedWith(target);
        final EnergyReport report = EnergyReport.of(target, record.activity());
        final PrintWriter stdout = spec.commandLine().getOut();
        row(stdout, "report", String.format(Locale.ROOT, "%s: %s, %,d ticks, %d cores", dir, record.model(),
            record.ticks(), record.coreCount()));
        final String runPreset = saved.model().preset().key();
        row(stdout, "costs", energy.any() ? "re-priced from the saved counts (the run used preset " + runPreset + ")" :
            "as the run (preset " + runPreset + ")");
        final SavedRun.Latency latency = saved.latency(target);
        for (final String[] line : EnergySummary.rows(report, record))
        {
            row(stdout, line[0], line[1]);
            if (line[0].equals("latency") && latency == SavedRun.Latency.FROM_CORE_TICKS)
            {
                row(stdout, "", "re-priced from every core's events of every tick");
            }
            if (line[0].equals("power") && latency == SavedRun.Latency.UNKNOWN)
            {
                row(stdout, "latency", "not re-priced: other latency costs, and the run kept no per-core record " +
                    "of every tick (run it with --out DIR --trace --trace-ticks " + record.ticks() + ")");
            }
        }
        final List<String> written = write(saved, report, record);
        row(stdout, "files", written.isEmpty() ? "none written (a re-priced report is written only with --out OUT)" :
            String.join(", ", written));
        stdout.flush();
        return 0;
    }

    private List<String> write(final SavedRun saved, final EnergyReport report, final RunRecord record)
    {
        final boolean elsewhere = out != null && !sameDirectory(out, dir);
        if (energy.any() && !elsewhere)
        {
            return List.of();
        }
        final Path target = elsewhere ? out : dir;
        final List<String> written = new ArrayList<>();
        if (elsewhere)
        {
            copy(dir.resolve("result.json"), target.resolve("result.json"));
            written.add(target.resolve("result.json").toString());
            for (final String name : ReportFiles.writeAll(target, report, record))
            {
                written.add(target.resolve(name).toString());
            }
            return written;
        }
        for (final String name : ReportFiles.writePictures(target, report, record))
        {
            written.add(target.resolve(name).toString());
        }
        if (record.coreTrace() != null)
        {
            ReportFiles.writeText(target.resolve(ReportFiles.TRACE_JSON), w -> TraceJson.write(report.model(),
                record, w));
            written.add(target.resolve(ReportFiles.TRACE_JSON).toString());
        }
        return written;
    }

    private static boolean sameDirectory(final Path a, final Path b)
    {
        try
        {
            return Files.exists(a) && Files.isSameFile(a, b);
        }
        catch (final IOException e)
        {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void copy(final Path from, final Path to)
    {
        try
        {
            ReportFiles.writeBytes(to, Files.readAllBytes(from));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(final PrintWriter out, final String label, final String text)
    {
        out.printf("%-12s %s%n", label, text);
    }
}
