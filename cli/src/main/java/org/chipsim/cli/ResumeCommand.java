package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.RunOptions;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.Checkpoint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chipsim resume DIR}: continues a run from the checkpoint {@code chipsim run --checkpoint DIR} saved. The
 * results equal those of the uninterrupted run bit for bit, whatever the worker counts before and after.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Continue a run from its checkpoint (chipsim run ... --checkpoint-every N --checkpoint DIR).",
    sortOptions = false)
final class ResumeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint directory (or its checkpoint.pb).")
    Path dir;

    @Option(names = "--ticks", paramLabel = "N", description = "Run at most N more ticks (default: to the run's " +
        "last tick; the run's total ticks are fixed by the checkpoint).")
    Long ticks;

    @Option(names = "--workers", paramLabel = "W", description = "Worker threads (default: one per available " +
        "processor, at most one per core). Results do not depend on it.")
    Integer workers;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write result.json, energy.json, " +
        "counters.csv and the pictures of the whole run (ticks 0 to the end) into this directory.")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Keep saving the checkpoint into DIR " +
        "every N ticks (and where Ctrl-C stops the run).")
    Long checkpointEvery;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Refuse, before allocating, a chip whose " +
        "cores need more off-heap memory than SIZE (e.g. 512m, 8g; default: the JVM's limit).")
    String maxMemory;

    @Override
    public Integer call()
    {
        OptionChecks.atLeastOne("--workers", workers);
        OptionChecks.atLeastOne("--ticks", ticks);
        final Checkpoint checkpoint = CheckpointFiles.read(dir);
        RunOptions options = RunOptions.defaults().withRingSize(0);
        if (workers != null)
        {
            options = options.withWorkers(workers);
        }
        if (maxMemory != null)
        {
            options = options.withMaxOffHeapBytes(MemorySize.parse("--max-memory", maxMemory));
        }
        final ChipSimulation simulation = ChipSimulation.resume(checkpoint, options);
        if (ticks != null)
        {
            simulation.stopAt(checkpoint.getTick() + ticks);
        }
        final Path checkpointDir = java.nio.file.Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
        if (checkpointEvery != null)
        {
            simulation.checkpointEvery(checkpointEvery, saved -> CheckpointFiles.write(checkpointDir, saved));
        }
        Summary.row(spec.commandLine().getOut(), "resumed", String.format("%s at tick %,d of %,d",
            dir, checkpoint.getTick(), simulation.totalTicks()));
        final String name = checkpoint.getProgram().getModelName().isEmpty() ? "program" :
            checkpoint.getProgram().getModelName();
        return RunCommand.runAndFinish(spec, simulation, name, null, new RunOutputs.Targets(out, null,
            checkpointEvery != null ? checkpointDir : null, true, 0));
    }
}
