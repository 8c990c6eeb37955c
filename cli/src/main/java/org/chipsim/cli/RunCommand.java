package org.chipsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.cli.report.EnergyOptions;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.proto.v1.ChipProgram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chipsim run}: compile (if needed) and simulate, print a summary with energy and latency, write result.json,
 * energy.json, counters.csv, the mesh-energy, energy-per-tick and raster pictures and, with --trace, trace.json.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Run a model (model.pb, compiled on the fly) or a compiled program (PROGRAM.pb) on the chip.",
    sortOptions = false)
final class RunCommand implements Callable<Integer>
{
    /** Ticks --trace records unless --trace-ticks says: enough to see the phases, small enough to open. */
    static final long DEFAULT_TRACE_TICKS = 1_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model.pb / PROGRAM.pb (or .pbtxt text format), or " +
        "a NIR graph (.nir, imported on the fly; see docs/nir.md).")
    Path model;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks to simulate (default: the model's run.ticks, " +
        "else every stimulus sample once).")
    Long ticks;

    @Option(names = "--workers", paramLabel = "W", description = "Worker threads (default: one per available " +
        "processor, at most one per core). Results do not depend on it.")
    Integer workers;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the stimulus generator (default: the " +
        "model's run.seed, else 1).")
    Long seed;

    @Option(names = "--record", paramLabel = "POP", split = ",", description = "Record every spike of these " +
        "populations into result.json and, with --out, DIR/spikes.csv (default: the model's run.record_populations).")
    List<String> record;

    @Option(names = "--stimulus", paramLabel = "[POP=]FILE", description = "Drive input population POP (may be " +
        "left out when there is one) with the spikes in FILE instead of the model's stimulus: a CSV event list " +
        "(tick,input_index or time_s,input_index), a dense CSV matrix (row = tick, column = neuron) or a .npy array " +
        "(ticks x neurons). See docs/stimulus-files.md.")
    String stimulus;

    @Mixin
    NirOptions nir;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write result.json, energy.json, " +
        "counters.csv, mesh-energy.png, energy-per-tick.png and raster.png (when spikes were recorded) into this " +
        "directory.")
    Path out;

    @Option(names = "--trace", description = "With --out: record every core's events tick by tick and write " +
        "DIR/trace.json, a per-core timeline in modelled chip time for Perfetto (ui.perfetto.dev) or chrome://tracing.")
    boolean trace;

    @Option(names = "--trace-ticks", paramLabel = "N", description = "Ticks --trace records, from the first " +
        "(default 1,000; implies --trace). Tracing every tick also lets 'chipsim report' re-price latency.")
    Long traceTicks;

    @Option(names = "--save-model", paramLabel = "OUT.pb", description = "After the run, write the model with " +
        "the weights it learned on chip (and their scale, so it reloads exactly).")
    Path saveModel;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Refuse, before allocating, a chip whose " +
        "cores need more off-heap memory than SIZE (e.g. 512m, 8g; default: the JVM's limit).")
    String maxMemory;

    @Option(names = "--no-reference", description = "Do not run the float SNN reference next to the chip (by " +
        "default a model with a labeled stimulus is also classified unquantized, in double precision, and both " +
        "accuracies are printed; skipped for models that learn or have more than 50 M synapses).")
    boolean noReference;

    @Option(names = "--reference-max-synapses", paramLabel = "N", hidden = true, description = "Largest model " +
        "(synapses) the float reference runs for.")
    long referenceMaxSynapses = org.chipsim.chip.ReferenceRun.DEFAULT_MAX_SYNAPSES;

    @Option(names = "--ring-size", paramLabel = "SLOTS", hidden = true, description = "Slots per worker ring.")
    Integer ringSize;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "With --checkpoint: save the whole " +
        "chip state every N ticks (and where Ctrl-C stops the run), to continue with 'chipsim resume'.")
    Long checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "Directory of the checkpoint " +
        "(DIR/checkpoint.pb, replaced atomically each time).")
    Path checkpoint;

    @Mixin
    ChipOptions chip;

    @Mixin
    EnergyOptions energy;

    @Mixin
    NocOptions noc;

    @Override
    public Integer call()
    {
        OptionChecks.atLeastOne("--workers", workers);
        OptionChecks.atLeastOne("--ticks", ticks);
        if (seed != null && seed == 0)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                "--seed must be non-zero (0 means 'use the model's seed')");
        }
        if (saveModel != null && !saveModel.getFileName().toString().endsWith(".pb") &&
            !ModelFiles.isTextFormat(saveModel))
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                "--save-model " + saveModel + ": name the file .pb (or .pbtxt for text)");
        }
        if (traceTicks != null && traceTicks < 1)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "--trace-ticks must be at least 1, got " + traceTicks);
        }
        if ((trace || traceTicks != null) && out == null)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "--trace writes DIR/trace.json: give --out DIR too");
        }
        final ProgramSource.Source source = ProgramSource.source(model, chip, new ModelInputs(nir, stimulus,
            spec.commandLine().getOut(), spec.commandLine().getErr()));
        if (saveModel != null && source.model() == null)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                "--save-model needs a model to write the learned weights into; " + model +
                " is a compiled program: run the model instead");
        }
        final ChipProgram program = noc.apply(energy.apply(source.program()));
        // builds the energy model once here so a bad preset or cost is refused before the run, not after it
        EnergyModel.of(program.getChip());
        RunOptions options = RunOptions.defaults();
        if (ticks != null)
        {
            options = options.withTicks(ticks);
        }
        if (workers != null)
        {
            options = options.withWorkers(workers);
        }
        if (seed != null)
        {
            options = options.withSeed(seed);
        }
        if (record != null)
        {
            options = options.withRecord(record);
        }
        if (ringSize != null)
        {
            options = options.withRingSize(ringSize);
        }
        if (maxMemory != null)
        {
            options = options.withMaxOffHeapBytes(MemorySize.parse("--max-memory", maxMemory));
        }
        if (trace || traceTicks != null)
        {
            options = options.withTraceTicks(traceTicks != null ? traceTicks : DEFAULT_TRACE_TICKS);
        }
        if ((checkpointEvery == null) != (checkpoint == null))
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "--checkpoint-every N and --checkpoint DIR go " +
                "together: give both");
        }
        final ChipSimulation simulation = new ChipSimulation(program, options);
        if (checkpoint != null)
        {
            simulation.checkpointEvery(checkpointEvery, saved -> CheckpointFiles.write(checkpoint, saved));
        }
        final String name = program.getModelName().isEmpty() ? model.getFileName().toString() :
            program.getModelName();
        return runAndFinish(spec, simulation, name, source.model(), new RunOutputs.Targets(out, saveModel, checkpoint,
            noReference, referenceMaxSynapses));
    }

    /** Test hook: called with the simulation just before it runs (tests stop it from another thread). */
    static volatile java.util.function.Consumer<ChipSimulation> beforeRun;

    /** Runs with Ctrl-C stopping at a tick boundary, then prints and writes the results. */
    static int runAndFinish(final CommandSpec spec, final ChipSimulation simulation, final String name,
        final org.chipsim.proto.v1.Model model, final RunOutputs.Targets targets)
    {
        try (StopOnInterrupt ignored = new StopOnInterrupt(simulation))
        {
            final java.util.function.Consumer<ChipSimulation> hook = beforeRun;
            if (hook != null)
            {
                hook.accept(simulation);
            }
            final RunResult result;
            try (Progress progress = new Progress(spec.commandLine().getErr(), "run", simulation::completedTicks,
                simulation.totalTicks()))
            {
                result = simulation.run();
            }
            return RunOutputs.finish(spec.commandLine().getOut(), spec.commandLine().getErr(), simulation, result,
                name, model, targets);
        }
    }
}
