package org.chipsim.bench;

import java.util.concurrent.TimeUnit;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.examples.SyntheticNetworks;
import org.chipsim.proto.v1.ChipProgram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole chip: a run of 200 ticks of a synthetic network of 32 dense 256 x 256 cores at 5 % input activity, with
 * 1 or 2 workers. The auxiliary counter {@code sops} reports synaptic events per second next to runs per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"-Dagrona.disable.bounds.checks=true", "-Xmx4g"})
public class ChipRunBenchmark
{
    static final long TICKS = 200;

    @Param({"1", "2"})
    int workers;

    private ChipProgram program;

    /** Synaptic events counted per iteration, reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events
    {
        public long sops;

        @Setup(Level.Iteration)
        public void clean()
        {
            sops = 0;
        }
    }

    @Setup
    public void setUp()
    {
        program = Compiler.compile(SyntheticNetworks.denseCores(32, 256, 256, 0.05, 16, 42));
    }

    @Benchmark
    public RunResult run(final Events events)
    {
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)
            .withTicks(TICKS)).run();
        events.sops += result.total(CoreCounter.SOPS);
        return result;
    }
}
