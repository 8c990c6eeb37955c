package org.chipsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.examples.SyntheticNetworks;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chipsim bench}: builds a synthetic chip-filling network of dense cores, runs it with each requested worker
 * count and prints synaptic events per second (per worker thread), ticks per second, the speedup over one worker and
 * the memory per synapse. A whole-system figure; the kernels have JMH benchmarks in the bench module.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Measure simulator throughput on a synthetic chip-filling network of dense cores.")
final class BenchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--cores", paramLabel = "C", description = "Dense cores to fill (default: ${DEFAULT-VALUE}).")
    int cores = 156;

    @Option(names = "--axons", paramLabel = "A", description = "Axons per core (default: ${DEFAULT-VALUE}).")
    int axons = 256;

    @Option(names = "--neurons", paramLabel = "N", description = "Neurons per core (default: ${DEFAULT-VALUE}).")
    int neurons = 256;

    @Option(names = "--rate", paramLabel = "P", description = "Input spike probability per tick " +
        "(default: ${DEFAULT-VALUE}).")
    double rate = 0.05;

    @Option(names = "--fan-out", paramLabel = "K", description = "Recurrent fan-out per neuron, so neuron spikes " +
        "cross the mesh (default: ${DEFAULT-VALUE}).")
    int fanOut = 16;

    @Option(names = "--ticks", paramLabel = "N", description = "Measured ticks per run (default: ${DEFAULT-VALUE}).")
    long ticks = 1000;

    @Option(names = "--warmup-ticks", paramLabel = "N", description = "Ticks of the warm-up run before each " +
        "measured one (default: ${DEFAULT-VALUE}).")
    long warmupTicks = 300;

    @Option(names = "--workers", paramLabel = "W", split = ",", description = "Worker counts to measure " +
        "(default: 1,2).")
    List<Integer> workers = List.of(1, 2);

    private static String barrierShares(final RunResult result, final int workers)
    {
        final StringBuilder shares = new StringBuilder();
        for (int w = 0; w < workers; w++)
        {
            shares.append(w == 0 ? "" : "/").append(String.format("%.0f%%",
                100.0 * result.barrierWaitNanos(w) / Math.max(1, result.wallNanos())));
        }
        return shares.toString();
    }

    @Override
    public Integer call()
    {
        if (cores < 1 || axons < 1 || neurons < 1 || ticks < 1 || warmupTicks < 0 || !(rate >= 0 && rate <= 1) ||
            fanOut < 0)
        {
            throw new ModelException("bench options must be positive (and --rate in [0, 1])");
        }
        for (final int w : workers)
        {
            if (w < 1)
            {
                throw new ModelException("--workers must be at least 1, got " + w);
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        final Model model = SyntheticNetworks.denseCores(cores, axons, neurons, rate, fanOut, 42);
        final double buildSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        final ChipProgram program = Compiler.compile(model);
        final double compileSeconds = (System.nanoTime() - t0) / 1e9;
        final long synapses = (long)cores * axons * neurons + (long)cores * neurons * fanOut;
        Summary.row(out, "network", String.format("%d dense %d x %d cores + recurrent fan-out %d: %,d neurons, " +
            "%,d synapses, input rate %.3f per tick", cores, axons, neurons, fanOut, (long)cores * neurons, synapses,
            rate));
        Summary.row(out, "build", String.format("model %.2f s, compile %.2f s (%d cores on a %d x %d mesh)",
            buildSeconds, compileSeconds, program.getCoresCount(), program.getChip().getMeshWidth(),
            program.getChip().getMeshHeight()));
        out.flush();

        double firstRate = 0;
        final int firstWorkers = workers.get(0);
        final String speedupBase = firstWorkers == 1 ? "" : " vs " + firstWorkers + " workers";
        for (final int w : workers)
        {
            if (warmupTicks > 0)
            {
                new ChipSimulation(program, RunOptions.defaults().withWorkers(w).withTicks(warmupTicks)).run();
            }
            final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(w)
                .withTicks(ticks)).run();
            final double seconds = result.wallNanos() / 1e9;
            final long sops = result.total(CoreCounter.SOPS);
            final double sopRate = sops / seconds;
            if (firstRate == 0)
            {
                firstRate = sopRate;
            }
            Summary.row(out, w + " worker" + (w == 1 ? "" : "s"), String.format(
                "%,.0f SOP/s (%,.0f per worker), %,.0f ticks/s, %,d SOPs in %.2f s, speedup %.2fx%s; " +
                    "barrier wait %s; ring-full waits %,d", sopRate, sopRate / w, ticks / seconds, sops, seconds,
                sopRate / Math.max(firstRate, 1e-9), speedupBase, barrierShares(result, w), result.ringFullWaits()));
            if (w == workers.get(workers.size() - 1))
            {
                Summary.row(out, "memory", String.format("off-heap core memory %,d bytes = %.3f bytes per synapse; " +
                    "program (heap, protobuf) %,d bytes = %.3f bytes per synapse", result.offHeapBytes(),
                    (double)result.offHeapBytes() / synapses, program.getSerializedSize(),
                    (double)program.getSerializedSize() / synapses));
                Summary.row(out, "peak memory", MemoryPeaks.describe(result.offHeapBytes()));
            }
            out.flush();
        }
        return Main.EXIT_OK;
    }
}
