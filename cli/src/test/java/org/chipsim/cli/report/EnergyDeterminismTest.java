package org.chipsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/** Counters, the per-tick trace and so energy and latency are the same, bit for bit, for any worker count. */
class EnergyDeterminismTest
{
    /** 300 Poisson inputs -> 300 hidden (fan-in 300 > 256 axons: partial sums; 2 soma cores) -> 20 outputs. */
    static Model network()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final Projection.Builder inHidden = Projection.newBuilder().setSource("in").setTarget("hidden");
        for (int i = 0; i < 300 * 300; i++)
        {
            inHidden.addWeights(random.nextDouble() < 0.3 ? (float)(random.nextDouble() * 0.5 - 0.15) : 0f);
        }
        final Projection.Builder hiddenOut = Projection.newBuilder().setSource("hidden").setTarget("out")
            .setDelayTicks(1);
        for (int i = 0; i < 300 * 20; i++)
        {
            hiddenOut.addWeights(random.nextDouble() < 0.5 ? (float)(random.nextDouble() * 0.3 - 0.1) : 0f);
        }
        final RateCoded.Builder rate = RateCoded.newBuilder().setPopulation("in").setTicksPerSample(40);
        for (int s = 0; s < 3; s++)
        {
            final Sample.Builder sample = Sample.newBuilder();
            for (int i = 0; i < 300; i++)
            {
                sample.addRates((float)(0.1 * random.nextDouble()));
            }
            rate.addSamples(sample);
        }
        return Model.newBuilder().setName("determinism")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(300).setInput(true))
                .addPopulations(Population.newBuilder().setName("hidden").setSize(300)
                    .setLif(LifNeuron.newBuilder().setThreshold(1f).setDecay(0.9f)))
                .addPopulations(Population.newBuilder().setName("out").setSize(20)
                    .setLif(LifNeuron.newBuilder().setThreshold(1.5f).setDecay(0.95f)))
                .addProjections(inHidden).addProjections(hiddenOut))
            .setStimulus(Stimulus.newBuilder().setRateCoded(rate))
            .setRun(RunConfig.newBuilder().setSeed(3))
            .build();
    }

    @Test
    void shouldGiveIdenticalCountersEnergyAndLatencyFor1And2And3Workers()
    {
        final ChipProgram compiled = Compiler.compile(network());
        for (final String preset : new String[] {"tianjic", "loihi"})
        {
            final ChipProgram program = compiled.toBuilder()
                .setChip(EnergyModel.withPreset(compiled.getChip(), preset)).build();
            final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
            assertTrue(one.total(CoreCounter.PSUM_PACKETS_SENT) > 0, "partial sums exercised");
            assertTrue(one.coreCount() >= 4, "several cores: " + one.coreCount());
            final EnergyReport reference = EnergyReports.of(one);
            for (final int workers : new int[] {2, 3})
            {
                final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers))
                    .run();
                final String what = preset + ", " + workers + " workers";
                for (int k = 0; k < one.coreCount(); k++)
                {
                    for (final CoreCounter counter : CoreCounter.values())
                    {
                        assertEquals(one.counter(k, counter), many.counter(k, counter), what + " core " + k + " " +
                            counter);
                    }
                }
                final TickTrace a = one.tickTrace();
                final TickTrace b = many.tickTrace();
                assertArrayEquals(a.maxBusyCycles(), b.maxBusyCycles(), what + ": busy per tick");
                assertArrayEquals(a.maxHops(), b.maxHops(), what + ": hops per tick");
                assertArrayEquals(a.maxInputHops(), b.maxInputHops(), what + ": input hops per tick");
                assertArrayEquals(a.binEvents(), b.binEvents(), what + ": events per tick");
                final EnergyReport report = EnergyReports.of(many);
                assertEquals(reference.totalPj(), report.totalPj(), what);
                for (final Component component : Component.values())
                {
                    assertEquals(reference.componentTotalPj(component), report.componentTotalPj(component), what);
                }
                assertArrayEquals(reference.criticalPathCycles(), report.criticalPathCycles(), what);
                assertEquals(reference.latency(), report.latency(), what);
            }
        }
    }

    @Test
    void shouldBinTheTraceOfALongRunAndKeepItsMaximumAndTotals()
    {
        final ChipProgram compiled = Compiler.compile(HandComputedEnergyTest.model());
        final RunResult result = new ChipSimulation(compiled, RunOptions.defaults().withTicks(40_000).withWorkers(2))
            .run();
        final TickTrace trace = result.tickTrace();
        assertEquals(3, trace.latencyBinTicks(), "40,000 ticks in bins of 3");
        assertEquals(13_334, trace.latencyBins());
        assertEquals(20, trace.eventBinTicks());
        final EnergyReport report = EnergyReports.of(result);
        assertEquals(3, report.latency().binTicks());
        // the worst tick is an input tick (off-chip link + path to the hidden core + 3 idle updates, 35 + dIn cycles);
        // a bin takes the worst core and the worst path of its ticks separately, so it may combine an input tick's
        // path with the next tick's busier core: an upper bound, at most the worst busy time (5.125) + the input path
        final double exactMax = 3 + 32 + HandComputedEnergyTest.inputHops(result);
        final double max = report.latency().maxCycles();
        assertTrue(max >= exactMax && max <= 5.125 + 32 + HandComputedEnergyTest.inputHops(result), "max " + max);
        final Activity activity = EnergyReports.activity(result);
        for (final EnergyEvent event : EnergyEvent.values())
        {
            long traced = 0;
            for (int bin = 0; bin < trace.eventBins(); bin++)
            {
                traced += trace.events(bin, event);
            }
            assertEquals(activity.total(event), traced, event.key());
        }
        assertEquals(40_000 * 4L, activity.total(EnergyEvent.NEURON_UPDATE));
    }

    @Test
    void shouldTraceEveryEventOfTheRunTickByTick()
    {
        final RunResult result = new ChipSimulation(Compiler.compile(network()), RunOptions.defaults()
            .withWorkers(2)).run();
        final Activity activity = EnergyReports.activity(result);
        final TickTrace trace = result.tickTrace();
        assertEquals(result.ticks(), trace.latencyBins());
        assertEquals(3, activity.inferences());
        for (final EnergyEvent event : EnergyEvent.values())
        {
            long traced = 0;
            for (int bin = 0; bin < trace.eventBins(); bin++)
            {
                traced += trace.events(bin, event);
            }
            assertEquals(activity.total(event), traced, event.key());
        }
        assertEquals(result.total(CoreCounter.SOPS), activity.total(EnergyEvent.SOP));
        assertEquals(result.totalHops(), activity.total(EnergyEvent.HOP) + activity.total(EnergyEvent.OFF_CHIP_PACKET));
    }

    @Test
    void shouldRecordEveryCoresEventsTickByTickForAnyWorkerCount()
    {
        final ChipProgram program = Compiler.compile(network());
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1).withTraceTicks(1_000))
            .run();
        final CoreTrace trace = one.coreTrace();
        assertEquals(one.ticks(), trace.ticks(), "at most the run is traced");
        assertEquals(one.coreCount(), trace.coreCount());
        final EnergyCosts costs = EnergyModel.of(program.getChip()).costs();
        final TickTrace ticks = one.tickTrace();
        for (int k = 0; k < one.coreCount(); k++)
        {
            final long[] total = new long[EnergyEvent.count()];
            for (int t = 0; t < trace.ticks(); t++)
            {
                for (final EnergyEvent event : EnergyEvent.values())
                {
                    total[event.ordinal()] += trace.events(t, k, event);
                }
            }
            assertArrayEquals(one.energyEvents(k), total, "core " + k + ": the ticks add up to the run");
        }
        for (int t = 0; t < trace.ticks(); t++)
        {
            assertEquals(ticks.maxBusyCycles()[t], trace.maxBusyCycles(costs, t), "slowest core of tick " + t);
            assertEquals(ticks.maxHops()[t], trace.maxHops()[t], "tick " + t);
            assertEquals(ticks.maxInputHops()[t], trace.maxInputHops()[t], "tick " + t);
        }
        for (final int workers : new int[] {2, 3})
        {
            final CoreTrace many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)
                .withTraceTicks(1_000)).run().coreTrace();
            assertArrayEquals(trace.events(), many.events(), workers + " workers");
            assertArrayEquals(trace.maxHops(), many.maxHops(), workers + " workers");
            assertArrayEquals(trace.maxInputHops(), many.maxInputHops(), workers + " workers");
        }
        final CoreTrace first = new ChipSimulation(program, RunOptions.defaults().withWorkers(2).withTraceTicks(50))
            .run().coreTrace();
        assertEquals(50, first.ticks());
        assertArrayEquals(java.util.Arrays.copyOf(trace.events(), first.events().length), first.events(),
            "the first 50 ticks");
        assertNull(new ChipSimulation(program, RunOptions.defaults().withWorkers(2)).run().coreTrace(),
            "nothing recorded unless asked");
    }

    @Test
    void shouldPriceTheSlowestCoreOfEveryBinAgainFromTheCoreTrace()
    {
        final ChipProgram compiled = Compiler.compile(HandComputedEnergyTest.model());
        final RunResult result = new ChipSimulation(compiled, RunOptions.defaults().withTicks(40_000).withWorkers(2)
            .withTraceTicks(40_000)).run();
        final TickTrace trace = result.tickTrace();
        assertEquals(3, trace.latencyBinTicks());
        final EnergyCosts costs = EnergyModel.of(compiled.getChip()).costs();
        assertArrayEquals(trace.maxBusyCycles(), result.coreTrace().maxBusyCyclesPerBin(costs, 40_000, 3));
        assertNull(result.coreTrace().maxBusyCyclesPerBin(costs, 40_001, 3), "a trace shorter than the run");
    }
}
