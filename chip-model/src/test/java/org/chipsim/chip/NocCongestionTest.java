package org.chipsim.chip;

import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;
import static org.chipsim.chip.TestModels.poisson;
import static org.chipsim.chip.TestModels.randomWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.NocModel;
import org.chipsim.proto.v1.NocOverflow;
import org.chipsim.proto.v1.Routes;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;

/** The NoC congestion model on whole runs: what it changes, what it keeps, conservation and worker determinism. */
class NocCongestionTest
{
    private static final ChipProgram MAPPING = Compiler.compile(TestModels.mappingNetwork(13));

    static ChipProgram congested(final ChipProgram program, final int depth, final int bandwidth,
        final NocOverflow overflow)
    {
        return program.toBuilder().setChip(program.getChip().toBuilder().setNocModel(NocModel.NOC_MODEL_CONGESTION)
            .setNocBufferDepthPackets(depth).setNocLinkPacketsPerCycle(bandwidth).setNocOverflow(overflow)).build();
    }

    static RunResult run(final ChipProgram program, final int workers)
    {
        return new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
    }

    @Test
    void shouldDeliverTheIdealNocsSpikesOverTheSameLinksButLaterWithBackPressure()
    {
        final RunResult ideal = run(MAPPING, 2);
        final RunResult congested = run(congested(MAPPING, 1, 1, NocOverflow.NOC_OVERFLOW_BACK_PRESSURE), 2);
        // back-pressure loses nothing and every packet still arrives within its tick: the same spikes
        assertEquals(ideal.raster(), congested.raster());
        for (int k = 0; k < ideal.coreCount(); k++)
        {
            for (final CoreCounter counter : new CoreCounter[] {CoreCounter.PACKETS_SENT, CoreCounter.PACKETS_RECEIVED,
                CoreCounter.HOPS, CoreCounter.SOPS, CoreCounter.PSUM_PACKETS_RECEIVED})
            {
                assertEquals(ideal.counter(k, counter), congested.counter(k, counter), "core " + k + " " + counter);
            }
            assertEquals(0, congested.counter(k, CoreCounter.DROPPED));
        }
        for (int l = 0; l < ideal.mesh().linkCount(); l++)
        {
            assertEquals(ideal.linkPackets(l), congested.linkPackets(l), "link " + ideal.mesh().linkName(l));
        }
        assertEquals(ideal.inputHops(), congested.inputHops());
        assertEquals(ideal.inputSpikes(), congested.inputSpikes());
        assertEquals(ideal.inputPackets(), congested.inputPackets());
        for (int p = 0; p < ideal.index().populationCount(); p++)
        {
            assertEquals(ideal.populationSpikes(p), congested.populationSpikes(p), "population " + p);
        }
        long linkStalls = 0;
        for (int l = 0; l < congested.mesh().linkCount(); l++)
        {
            linkStalls += congested.linkStallCycles(l);
        }
        assertTrue(linkStalls > 0, "one-packet buffers must stall links");
        assertTrue(congested.total(CoreCounter.NOC_STALL_CYCLES) > 0, "and cores");
        // one packet per link per cycle: a tick cannot take fewer cycles than its busiest link has packets
        final TickTrace trace = congested.tickTrace();
        assertNotNull(trace.meshCycles());
        assertNull(ideal.tickTrace().meshCycles());
        double slowest = 0;
        for (int b = 0; b < trace.latencyBins(); b++)
        {
            slowest = Math.max(slowest, trace.meshCycles()[b]);
            assertTrue(trace.meshCycles()[b] >= trace.maxHops()[b], "tick " + b);
        }
        assertTrue(slowest > 2 * ideal.mesh().width(), "congestion stretches the longest tick: " + slowest);
    }

    @Test
    void shouldGiveIdenticalStallsDropsAndSpikesFor1And2And4Workers()
    {
        for (final NocOverflow overflow : new NocOverflow[] {NocOverflow.NOC_OVERFLOW_BACK_PRESSURE,
            NocOverflow.NOC_OVERFLOW_DROP})
        {
            final ChipProgram program = congested(MAPPING, 2, 1, overflow);
            final RunResult one = run(program, 1);
            if (overflow == NocOverflow.NOC_OVERFLOW_DROP)
            {
                assertTrue(one.total(CoreCounter.DROPPED) > 100, "drops exercised: " + one.total(CoreCounter.DROPPED));
            }
            for (final int workers : new int[] {2, 4})
            {
                final RunResult many = run(program, workers);
                final String what = overflow + ", " + workers + " workers";
                assertEquals(one.raster(), many.raster(), what);
                for (int k = 0; k < one.coreCount(); k++)
                {
                    for (final CoreCounter counter : CoreCounter.values())
                    {
                        assertEquals(one.counter(k, counter), many.counter(k, counter), what + " core " + k + " " +
                            counter);
                    }
                }
                for (int l = 0; l < one.mesh().linkCount(); l++)
                {
                    assertEquals(one.linkPackets(l), many.linkPackets(l), what);
                    assertEquals(one.linkStallCycles(l), many.linkStallCycles(l), what);
                }
                for (int r = 0; r < one.mesh().width() * one.mesh().height(); r++)
                {
                    assertEquals(one.routerDropped(r), many.routerDropped(r), what);
                }
                assertEquals(one.inputHops(), many.inputHops(), what);
                assertArrayEquals(one.tickTrace().meshCycles(), many.tickTrace().meshCycles(), what);
            }
        }
    }

    /** Inputs and one hidden layer on a 3 x 3 mesh, all fan-ins below a core's axons: no partial sums. */
    private static ChipProgram crowded()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final Network network = Network.newBuilder()
            .addPopulations(input("in", 200))
            .addPopulations(lif("hidden", 600, neuron(1.0f).setDecay(0.9f).build()))
            .addPopulations(lif("out", 200, neuron(1.5f).setDecay(0.9f).build()))
            .addProjections(dense("in", "hidden", randomWeights(random, 200 * 600, 0.4, -0.1f, 0.5f), 0))
            .addProjections(dense("hidden", "out", randomWeights(random, 600 * 200, 0.05, -0.2f, 0.6f), 1))
            .build();
        final Model model = Model.newBuilder().setName("crowded").setNetwork(network)
            .setStimulus(poisson("in", 200, 2, 40, 0.1, 5))
            .setRun(RunConfig.newBuilder().setSeed(5).addAllRecordPopulations(List.of("in", "hidden", "out")))
            .setChip(ChipSpec.newBuilder().setMeshWidth(4).setMeshHeight(4).setAxonsPerCore(1024)
                .setNeuronsPerCore(128))
            .build();
        final ChipProgram program = Compiler.compile(model);
        assertTrue(program.getCoresList().stream().allMatch(c -> c.getRole() == CoreRole.CORE_ROLE_SOMA));
        return program;
    }

    @Test
    void shouldConserveEveryPacketPerCoreAndInTotalInBothModes()
    {
        final ChipProgram base = crowded();
        for (final NocOverflow overflow : new NocOverflow[] {NocOverflow.NOC_OVERFLOW_BACK_PRESSURE,
            NocOverflow.NOC_OVERFLOW_DROP})
        {
            final RunResult result = run(congested(base, 1, 1, overflow), 2);
            final long sent = result.total(CoreCounter.PACKETS_SENT) + result.inputPackets();
            final long dropped = result.total(CoreCounter.DROPPED);
            assertEquals(sent, result.total(CoreCounter.SPIKES_DELIVERED) + result.total(CoreCounter.PENDING_AT_END) +
                dropped, overflow + ": sent = delivered + pending + dropped");
            if (overflow == NocOverflow.NOC_OVERFLOW_DROP)
            {
                assertTrue(dropped > 50, "drops exercised: " + dropped);
            }
            else
            {
                assertEquals(0, dropped);
            }
            long droppedByRouters = 0;
            for (int r = 0; r < result.mesh().width() * result.mesh().height(); r++)
            {
                droppedByRouters += result.routerDropped(r);
            }
            assertEquals(dropped, droppedByRouters, "every drop has the router that dropped it");
            // per destination core, from the spikes fired and the routing tables alone
            final Map<Integer, Long> addressed = addressed(result.program(), result.raster(), result.index(),
                result.ticks());
            for (int k = 0; k < result.coreCount(); k++)
            {
                final int id = result.coreId(k);
                final long received = result.counter(k, CoreCounter.PACKETS_RECEIVED);
                assertEquals(addressed.getOrDefault(id, 0L), received + result.counter(k, CoreCounter.DROPPED),
                    overflow + ": core " + id + " addressed = received + dropped");
                assertEquals(received, result.counter(k, CoreCounter.SPIKES_DELIVERED) +
                    result.counter(k, CoreCounter.PENDING_AT_END), overflow + ": core " + id);
            }
            // per source core: the packets of its spikes
            for (int k = 0; k < result.coreCount(); k++)
            {
                assertEquals(routedFrom(result.program(), result.coreId(k), result.raster(), result.index()),
                    result.counter(k, CoreCounter.PACKETS_SENT), overflow + ": core " + result.coreId(k) + " sent");
            }
        }
    }

    @Test
    void shouldConservePartialSumsAndSpikesTogetherWhenDropping()
    {
        // the mapping network has partial-sum cores: their packets cross the mesh in the tick's first phase (placed
        // next to their soma core, one hop: a packet is only ever dropped at a router it passes through, so these
        // arrive; the identity below holds whichever kind is dropped)
        final RunResult result = run(congested(MAPPING, 1, 1, NocOverflow.NOC_OVERFLOW_DROP), 3);
        final long dropped = result.total(CoreCounter.DROPPED);
        assertTrue(dropped > 100, "drops: " + dropped);
        assertTrue(result.total(CoreCounter.PSUM_PACKETS_SENT) > 10_000);
        assertEquals(result.total(CoreCounter.PACKETS_SENT) + result.inputPackets() +
            result.total(CoreCounter.PSUM_PACKETS_SENT), result.total(CoreCounter.PACKETS_RECEIVED) +
            result.total(CoreCounter.PSUM_PACKETS_RECEIVED) + dropped, "sent = received + dropped, both kinds");
        assertEquals(result.total(CoreCounter.PACKETS_RECEIVED), result.total(CoreCounter.SPIKES_DELIVERED) +
            result.total(CoreCounter.PENDING_AT_END));
    }

    /** Packets each core was sent: every spike of the run (all populations recorded) times its routing entries. */
    private static Map<Integer, Long> addressed(final ChipProgram program, final SpikeRaster raster,
        final NetworkIndex index, final long ticks)
    {
        final Map<Integer, Long> count = new HashMap<>();
        for (int i = 0; i < raster.size(); i++)
        {
            final int global = raster.globalId(i);
            final int population = index.populationOf(global);
            final int neuron = global - index.firstGlobalId(population);
            final Routes routes = routesOf(program, population, neuron);
            final int local = localIndex(program, population, neuron);
            for (int e = routes.getStart(local); e < routes.getStart(local + 1); e++)
            {
                count.merge(routes.getCore(e), 1L, Long::sum);
            }
        }
        return count;
    }

    private static long routedFrom(final ChipProgram program, final int coreId, final SpikeRaster raster,
        final NetworkIndex index)
    {
        final CoreProgram core = program.getCoresList().stream().filter(c -> c.getCoreId() == coreId).findFirst()
            .orElseThrow();
        long packets = 0;
        for (int i = 0; i < raster.size(); i++)
        {
            final int global = raster.globalId(i);
            final int population = index.populationOf(global);
            final int neuron = global - index.firstGlobalId(population);
            if (population == core.getPopulation() && neuron >= core.getNeuronOffset() &&
                neuron < core.getNeuronOffset() + core.getNeuronCount())
            {
                final int local = neuron - core.getNeuronOffset();
                packets += core.getRoutes().getStart(local + 1) - core.getRoutes().getStart(local);
            }
        }
        return packets;
    }

    private static Routes routesOf(final ChipProgram program, final int population, final int neuron)
    {
        for (final InputSource input : program.getInputsList())
        {
            if (input.getPopulation() == population)
            {
                return input.getRoutes();
            }
        }
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getPopulation() == population && neuron >= core.getNeuronOffset() &&
                neuron < core.getNeuronOffset() + core.getNeuronCount())
            {
                return core.getRoutes();
            }
        }
        throw new AssertionError("no routes for population " + population + " neuron " + neuron);
    }

    private static int localIndex(final ChipProgram program, final int population, final int neuron)
    {
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getPopulation() == population && neuron >= core.getNeuronOffset() &&
                neuron < core.getNeuronOffset() + core.getNeuronCount())
            {
                return neuron - core.getNeuronOffset();
            }
        }
        return neuron; // an input population: its routes are indexed by neuron
    }
}
