package org.chipsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.cli.report.EnergyReports;
import org.chipsim.cli.report.EnergySummary;
import org.chipsim.cli.report.ReportFiles;
import org.chipsim.cli.report.SweepPicture;
import org.chipsim.cli.report.SweepRow;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chipsim sweep MODEL --vary KEY=V1,V2,...}: runs the model at every point of the grid, a few points at a time
 * (each run with its own workers), and tabulates energy and latency per point. Every point is an ordinary run, so the
 * figures do not depend on how many run at once; they are printed and written in grid order.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
    description = "Run a model over a grid of settings and tabulate energy per spike, per SOP, per inference, " +
        "latency and accuracy per point (sweep.csv and sweep.png with --out).")
final class SweepCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "MODEL", description = "model.pb (or .pbtxt, or .nir), or a compiled " +
        "PROGRAM.pb (then only preset, cost.* and stimulus.rate_scale can vary).")
    Path model;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...", required = true, description = "A key and its values " +
        "(repeatable; the grid is every combination). Keys: preset, chip.weight_bits, chip.mesh (WxH), " +
        "chip.axons_per_core, chip.neurons_per_core, chip.chips (XxY), chip.noc_buffer_depth_packets, " +
        "chip.noc_link_packets_per_cycle, chip.noc_overflow (back-pressure, drop; the chip.noc_* keys turn the " +
        "congestion model on), stimulus.rate_scale, placement (naive, greedy, anneal), " +
        "cost.NAME (any energy cost key, e.g. cost.sop_energy_pj).")
    List<String> vary;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write sweep.csv and sweep.png here.")
    Path out;

    @Option(names = "--workers", paramLabel = "W", description = "Worker threads of each point's run (default: " +
        "the processors left to each of the points running at once).")
    Integer workers;

    @Option(names = "--parallel", paramLabel = "P", description = "Points run at once (default: as many as fit, " +
        "P x W <= available processors).")
    Integer parallel;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks of every run (default: the model's).")
    Long ticks;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every run (default: the model's).")
    Long seed;

    @Mixin
    NocOptions noc;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        positive("--workers", workers);
        positive("--parallel", parallel);
        if (ticks != null && ticks < 1)
        {
            throw new ModelException("--ticks must be at least 1, got " + ticks);
        }
        if (seed != null && seed == 0)
        {
            throw new ModelException("--seed must be non-zero (0 means 'use the model's seed')");
        }
        final SweepGrid grid = SweepGrid.parse(vary);
        final List<List<String>> points = grid.points();
        final Input input = load();
        if (input.program() != null && grid.changesCompilation())
        {
            throw new ModelException(model + " is a compiled program: its chip and placement are fixed; sweep " +
                "chip.* and placement over a model");
        }
        final int processors = Runtime.getRuntime().availableProcessors();
        final int p = Math.min(points.size(), parallel != null ? parallel :
            Math.max(1, processors / (workers != null ? workers : 1)));
        final int w = workers != null ? workers : Math.max(1, processors / p);
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final String name = input.name();
        Summary.row(stdout, "sweep", String.format(Locale.ROOT, "%s: %d points (%s), %d at a time with %d worker%s " +
            "each", name, points.size(), String.join(" x ", grid.keys()), p, w, w == 1 ? "" : "s"));

        final List<SweepRow> rows = run(grid, points, input, p, w, stderr);
        for (int i = 0; i < rows.size(); i++)
        {
            final SweepRow row = rows.get(i);
            Summary.row(stdout, "point " + (i + 1), String.format(Locale.ROOT, "%s: %s, %s per spike, %s per SOP, " +
                "%s per inference, latency mean %s cycles%s", grid.describe(points.get(i)),
                EnergySummary.joules(row.energyPj()), EnergySummary.joules(row.energyPerSpikePj()),
                EnergySummary.joules(row.energyPerSopPj()), EnergySummary.joules(row.energyPerInferencePj()),
                String.format(Locale.ROOT, "%,.1f", row.latencyMeanCycles()), Double.isNaN(row.accuracy()) ? "" :
                    String.format(Locale.ROOT, ", accuracy %.2f %%", 100 * row.accuracy())));
        }
        if (out != null)
        {
            final Path csv = out.resolve("sweep.csv");
            AtomicFiles.writeText(csv, writer -> SweepRow.writeCsv(grid.keys(), rows, writer));
            final Path png = out.resolve("sweep.png");
            ReportFiles.writeBytes(png, SweepPicture.png(grid.keys(), rows, "Energy per spike: " + name));
            Summary.row(stdout, "files", csv + ", " + png);
        }
        stdout.flush();
        return Main.EXIT_OK;
    }

    /** The model or compiled program swept, read once. */
    private record Input(Model model, ChipProgram program, String name)
    {
    }

    private Input load()
    {
        if (ModelInputs.isNir(model))
        {
            final Model imported = new ModelInputs(null, null, null, spec.commandLine().getErr()).importNir(model);
            return new Input(imported, null, name(imported.getName()));
        }
        final ModelFiles.Loaded loaded = ModelFiles.read(model);
        return loaded.isProgram() ? new Input(null, loaded.program(), name(loaded.program().getModelName())) :
            new Input(loaded.model(), null, name(loaded.model().getName()));
    }

    private String name(final String modelName)
    {
        return modelName.isEmpty() ? model.getFileName().toString() : modelName;
    }

    /** Runs every point, {@code p} at a time; the rows come back in grid order whatever the order they finish in. */
    private List<SweepRow> run(final SweepGrid grid, final List<List<String>> points, final Input input, final int p,
        final int w, final PrintWriter stderr)
    {
        final Map<String, Future<ChipProgram>> compiled = new ConcurrentHashMap<>();
        final AtomicInteger done = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(p, r ->
        {
            final Thread thread = new Thread(r, "chipsim-sweep");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<SweepRow>> futures = new ArrayList<>();
            for (final List<String> point : points)
            {
                futures.add(pool.submit(() ->
                {
                    final SweepRow row = runPoint(grid, point, input, w, compiled);
                    synchronized (stderr)
                    {
                        stderr.printf(Locale.ROOT, "sweep: point %d / %d done (%s)%n", done.incrementAndGet(),
                            points.size(), grid.describe(point));
                        stderr.flush();
                    }
                    return row;
                }));
            }
            final List<SweepRow> rows = new ArrayList<>();
            for (final Future<SweepRow> future : futures)
            {
                rows.add(result(future));
            }
            return rows;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private SweepRow runPoint(final SweepGrid grid, final List<String> point, final Input input, final int w,
        final Map<String, Future<ChipProgram>> compiled)
    {
        ChipProgram program;
        if (input.program() != null)
        {
            program = grid.program(input.program(), point);
        }
        else
        {
            // points that differ only in costs share one compilation
            final FutureTask<ChipProgram> task = new FutureTask<>(() ->
                Compiler.compile(grid.model(input.model(), point), grid.compileOptions(point)));
            final Future<ChipProgram> existing = compiled.putIfAbsent(grid.compilationKey(point), task);
            if (existing == null)
            {
                task.run();
            }
            program = result(existing == null ? task : existing);
        }
        program = noc.apply(program.toBuilder().setChip(grid.costs(program.getChip(), point)).build());
        RunOptions options = RunOptions.defaults().withWorkers(w);
        if (ticks != null)
        {
            options = options.withTicks(ticks);
        }
        if (seed != null)
        {
            options = options.withSeed(seed);
        }
        final RunResult result = new ChipSimulation(program, options).run();
        return SweepRow.of(point, result, EnergyReports.of(result, EnergyModel.of(program.getChip())));
    }

    /** The value of a finished task, its failure rethrown as it was (a bad point is bad input, one line). */
    private static <T> T result(final Future<T> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sweeping", e);
        }
        catch (final ExecutionException e)
        {
            if (e.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            if (e.getCause() instanceof Error error)
            {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void positive(final String option, final Integer value)
    {
        if (value != null && value < 1)
        {
            throw new ModelException(option + " must be at least 1, got " + value);
        }
    }
}
