package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * The tick loop allocates nothing: a run ten times longer allocates (almost) no more than a short one, whatever the
 * number of spikes. Measured with the JVM's per-thread allocation counter on a one-worker run (the worker is the
 * calling thread), so it counts exactly the simulator's own allocations.
 */
class AllocationTest
{
    private static long allocatedBytes(final ChipProgram program, final long ticks)
    {
        return allocatedBytes(program, ticks, 0);
    }

    private static long allocatedBytes(final ChipProgram program, final long ticks, final long traceTicks)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ChipSimulation simulation = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)
            .withTicks(ticks).withRecord(List.of()).withTraceTicks(traceTicks));
        final long before = threads.getCurrentThreadAllocatedBytes();
        final RunResult result = simulation.run();
        final long after = threads.getCurrentThreadAllocatedBytes();
        assertTrue(result.total(CoreCounter.SOPS) > 0);
        return after - before;
    }

    @Test
    void shouldNotAllocatePerTickOrPerSpike()
    {
        // no labels, so nothing is recorded for accuracy either
        final Stimulus.Builder stimulus = TestModels.poisson("in", 600, 1, 100_000, 0.05, 17).toBuilder();
        stimulus.getRateCodedBuilder().getSamplesBuilder(0).setHasLabel(false);
        final Model model = TestModels.mappingNetwork(17).toBuilder().setStimulus(stimulus).build();
        final ChipProgram program = Compiler.compile(model);
        allocatedBytes(program, 200); // warm up the JIT
        final long shortRun = allocatedBytes(program, 200);
        final long longRun = allocatedBytes(program, 2_000);
        // 1,800 more ticks with thousands of packets each: under 64 KiB more (measured: exactly 0), i.e. nothing per
        // tick or spike
        assertTrue(longRun - shortRun < 64 * 1024, "short run " + shortRun + " B, long run " + longRun + " B");
        // recording every core's events tick by tick (--trace) allocates its arrays before the run, nothing per tick
        final long shortTraced = allocatedBytes(program, 200, 100);
        final long longTraced = allocatedBytes(program, 2_000, 100);
        assertTrue(longTraced - shortTraced < 64 * 1024, "traced: short run " + shortTraced + " B, long run " +
            longTraced + " B");
    }

    @Test
    void shouldNotAllocatePerTickOnCurrentBasedCoresWithNarrowWidths()
    {
        final Stimulus.Builder stimulus = TestModels.poisson("in", 600, 1, 100_000, 0.05, 23).toBuilder();
        stimulus.getRateCodedBuilder().getSamplesBuilder(0).setHasLabel(false);
        final Model base = TestModels.mappingNetwork(23);
        final org.chipsim.proto.v1.Network.Builder network = base.getNetwork().toBuilder();
        for (int p = 1; p < network.getPopulationsCount(); p++)
        {
            final org.chipsim.proto.v1.Population.Builder population = network.getPopulationsBuilder(p);
            population.setLif(population.getLif().toBuilder().setSynapticCurrent(
                org.chipsim.proto.v1.SynapticCurrent.newBuilder().setDecay(0.8f)));
        }
        final ChipProgram program = Compiler.compile(base.toBuilder().setNetwork(network).setStimulus(stimulus)
            .setChip(org.chipsim.proto.v1.ChipSpec.newBuilder().setMembraneBits(20).setAccumulatorBits(12)).build());
        allocatedBytes(program, 200);
        final long shortRun = allocatedBytes(program, 200);
        final long longRun = allocatedBytes(program, 2_000);
        assertTrue(longRun - shortRun < 64 * 1024, "short run " + shortRun + " B, long run " + longRun + " B");
    }

    @Test
    void shouldNotAllocatePerWindowInAnnModeCores()
    {
        // spike counts, MACs, activation packets and rate-coded spikes across 8 cores (measured: 1,324,528 B for
        // 200 ticks, 1,324,112 B for 2,000: nothing per tick or window)
        final Stimulus.Builder stimulus = TestModels.poisson("in", 40, 1, 100_000, 0.3, 17).toBuilder();
        stimulus.getRateCodedBuilder().getSamplesBuilder(0).setHasLabel(false);
        final Model model = AnnHybridTest.hybrid(7).toBuilder().setStimulus(stimulus).build();
        final ChipProgram program = Compiler.compile(model);
        allocatedBytes(program, 200);
        final long shortRun = allocatedBytes(program, 200);
        final long longRun = allocatedBytes(program, 2_000);
        assertTrue(longRun - shortRun < 64 * 1024, "short run " + shortRun + " B, long run " + longRun + " B");
    }

    /** A long unlabeled Poisson stimulus for {@code population}, so nothing is recorded for accuracy. */
    private static Stimulus longStimulus(final String population, final int size, final double rate)
    {
        final Stimulus.Builder stimulus = TestModels.poisson(population, size, 1, 100_000, rate, 31).toBuilder();
        stimulus.getRateCodedBuilder().getSamplesBuilder(0).setHasLabel(false);
        return stimulus.build();
    }

    private static void assertNoAllocationPerTick(final ChipProgram program, final String what)
    {
        allocatedBytes(program, 200);
        final long shortRun = allocatedBytes(program, 200);
        final long longRun = allocatedBytes(program, 2_000);
        assertTrue(longRun - shortRun < 64 * 1024, what + ": short run " + shortRun + " B, long run " + longRun + " B");
    }

    @Test
    void shouldNotAllocatePerTickOrPacketInTheCongestedNoc()
    {
        // 2-packet buffers with drops: stalls, drops and deliveries every tick, all in kept arrays
        final Model model = TestModels.mappingNetwork(19).toBuilder().setStimulus(longStimulus("in", 600, 0.05))
            .build();
        assertNoAllocationPerTick(NocCongestionTest.congested(Compiler.compile(model), 2, 1,
            org.chipsim.proto.v1.NocOverflow.NOC_OVERFLOW_DROP), "congested NoC");
    }

    @Test
    void shouldNotAllocatePerTickWhileLearningWithSbpOrHybridRules()
    {
        // SBP: pending changes, epochs of 25 ticks and their SBP packets; hybrid: P updates every tick
        assertNoAllocationPerTick(Compiler.compile(SbpTest.network().toBuilder()
            .setStimulus(longStimulus("in", 60, 0.15)).build()), "SBP");
        assertNoAllocationPerTick(Compiler.compile(HybridTest.network().toBuilder()
            .setStimulus(longStimulus("in", 100, 0.1)).build()), "hybrid");
    }
}
