package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.Compiler;
import org.chipsim.compiler.PlacementStrategy;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.NocOverflow;
import org.junit.jupiter.api.Test;

/**
 * A grid of 2 x 2 chips of 4 x 4 cores is the 8 x 8 mesh with its chip-crossing links made inter-chip links: the same
 * placement, spikes and hops, the crossings counted apart and charged their own energy and latency.
 */
class MultiChipTest
{
    private static ChipProgram program(final ChipSpec chip, final PlacementStrategy placement)
    {
        final Model model = TestModels.mappingNetwork(13);
        return Compiler.compile(model.toBuilder().setChip(chip).build(),
            CompileOptions.defaults().withPlacement(placement));
    }

    private static final ChipSpec EIGHT_BY_EIGHT = ChipSpec.newBuilder().setMeshWidth(8).setMeshHeight(8).build();
    private static final ChipSpec TWO_BY_TWO = ChipSpec.newBuilder().setMeshWidth(4).setMeshHeight(4).setChipsX(2)
        .setChipsY(2).build();
    // naive placement: tile k at grid position k, the same on both (the annealer weighs chip crossings, see below)
    private static final ChipProgram SINGLE = program(EIGHT_BY_EIGHT, PlacementStrategy.NAIVE);
    private static final ChipProgram TILED = program(TWO_BY_TWO, PlacementStrategy.NAIVE);

    @Test
    void shouldPlaceAndSpikeAsOneMeshAndCountTheChipCrossingsApart()
    {
        final RunResult one = NocCongestionTest.run(SINGLE, 2);
        final RunResult tiled = NocCongestionTest.run(TILED, 2);
        assertEquals(one.raster(), tiled.raster());
        for (int k = 0; k < one.coreCount(); k++)
        {
            assertEquals(one.coreId(k), tiled.coreId(k), "same placement");
            assertEquals(one.counter(k, CoreCounter.HOPS), tiled.counter(k, CoreCounter.HOPS));
            assertEquals(0, one.counter(k, CoreCounter.INTER_CHIP_HOPS));
        }
        long crossings = 0;
        for (int l = 0; l < tiled.mesh().linkCount(); l++)
        {
            assertEquals(one.linkPackets(l), tiled.linkPackets(l));
            if (tiled.mesh().interChip(l))
            {
                crossings += tiled.linkPackets(l);
            }
        }
        assertTrue(crossings > 1000, "traffic between chips: " + crossings);
        assertEquals(crossings, tiled.totalInterChipHops(), "inter-chip hops = packets on inter-chip links");
        // energy events: the crossings are INTER_CHIP_HOP, the rest HOP
        long hopEvents = 0;
        long interEvents = 0;
        for (int k = 0; k < tiled.coreCount(); k++)
        {
            hopEvents += tiled.energyEvents(k)[EnergyEvent.HOP.ordinal()];
            interEvents += tiled.energyEvents(k)[EnergyEvent.INTER_CHIP_HOP.ordinal()];
        }
        hopEvents += tiled.inputPortEnergyEvents()[EnergyEvent.HOP.ordinal()];
        interEvents += tiled.inputPortEnergyEvents()[EnergyEvent.INTER_CHIP_HOP.ordinal()];
        assertEquals(crossings, interEvents);
        assertEquals(tiled.totalHops() - tiled.inputPackets() - crossings, hopEvents);
        final TickTrace trace = tiled.tickTrace();
        long tracedInter = 0;
        long tracedHops = 0;
        for (int b = 0; b < trace.eventBins(); b++)
        {
            tracedInter += trace.events(b, EnergyEvent.INTER_CHIP_HOP);
            tracedHops += trace.events(b, EnergyEvent.HOP);
        }
        assertEquals(crossings, tracedInter, "per-tick events add up");
        assertEquals(hopEvents, tracedHops);
    }

    @Test
    void shouldPutTheInterChipLatencyOnTheTicksPath()
    {
        final RunResult one = NocCongestionTest.run(SINGLE, 1);
        final RunResult tiled = NocCongestionTest.run(TILED, 1);
        final EnergyCosts costs = EnergyModel.of(TILED.getChip()).costs();
        final TickTrace single = one.tickTrace();
        final TickTrace trace = tiled.tickTrace();
        assertNull(single.meshCycles());
        assertNotNull(trace.meshCycles());
        boolean slower = false;
        for (int b = 0; b < trace.latencyBins(); b++)
        {
            final double ideal = single.meshCycles(costs, b);
            // every path priced on one chip, and again with its chip crossings at 32 instead of 1 cycle
            assertTrue(trace.meshCycles()[b] >= ideal, "tick " + b + ": " + trace.meshCycles()[b] + " < " + ideal);
            assertTrue(trace.meshCycles()[b] <= ideal + 2 * (costs.interChipHopLatencyCycles() -
                costs.hopLatencyCycles()), "tick " + b + ": at most two chip crossings on a 2 x 2 grid");
            slower |= trace.meshCycles()[b] > ideal;
        }
        assertTrue(slower, "some tick's slowest path crosses a chip boundary");
    }

    @Test
    void shouldGiveIdenticalResultsFor1And2And4WorkersWithAndWithoutCongestion()
    {
        for (final ChipProgram program : new ChipProgram[] {TILED,
            NocCongestionTest.congested(TILED, 2, 1, NocOverflow.NOC_OVERFLOW_DROP)})
        {
            final RunResult one = NocCongestionTest.run(program, 1);
            for (final int workers : new int[] {2, 4})
            {
                final RunResult many = NocCongestionTest.run(program, workers);
                assertEquals(one.raster(), many.raster());
                for (int k = 0; k < one.coreCount(); k++)
                {
                    for (final CoreCounter counter : CoreCounter.values())
                    {
                        assertEquals(one.counter(k, counter), many.counter(k, counter), workers + " workers " +
                            counter);
                    }
                }
                assertEquals(one.inputInterChipHops(), many.inputInterChipHops());
                assertArrayEquals(one.tickTrace().meshCycles(), many.tickTrace().meshCycles());
                assertArrayEquals(one.tickTrace().binEvents(), many.tickTrace().binEvents());
            }
        }
    }

    @Test
    void shouldAnnealAwayFromChipCrossings()
    {
        // the 8 x 8 annealer's placement, run as 2 x 2 chips, against the annealer that weighs an inter-chip hop
        // as 32 hops (inter_chip_hop_latency_cycles / hop_latency_cycles): fewer packets cross between chips
        final ChipProgram unweighted = program(EIGHT_BY_EIGHT, PlacementStrategy.ANNEAL);
        final ChipProgram asTiles = unweighted.toBuilder().setChip(unweighted.getChip().toBuilder().setMeshWidth(4)
            .setMeshHeight(4).setChipsX(2).setChipsY(2)).build();
        final RunResult plain = NocCongestionTest.run(asTiles, 2);
        final RunResult weighted = NocCongestionTest.run(program(TWO_BY_TWO, PlacementStrategy.ANNEAL), 2);
        assertEquals(plain.raster(), weighted.raster(), "placement never changes the spikes");
        assertTrue(weighted.totalInterChipHops() < plain.totalInterChipHops(),
            weighted.totalInterChipHops() + " vs " + plain.totalInterChipHops());
    }

    @Test
    void shouldSlowTheCongestedNocDownOnInterChipLinks()
    {
        // back-pressure keeps the spikes; the 32-cycle inter-chip links make every tick's traffic take longer
        final RunResult one = NocCongestionTest.run(NocCongestionTest.congested(SINGLE, 4, 1,
            NocOverflow.NOC_OVERFLOW_BACK_PRESSURE), 2);
        final RunResult tiled = NocCongestionTest.run(NocCongestionTest.congested(TILED, 4, 1,
            NocOverflow.NOC_OVERFLOW_BACK_PRESSURE), 2);
        assertEquals(one.raster(), tiled.raster());
        double oneMax = 0;
        double tiledMax = 0;
        for (int b = 0; b < one.tickTrace().latencyBins(); b++)
        {
            oneMax = Math.max(oneMax, one.tickTrace().meshCycles()[b]);
            tiledMax = Math.max(tiledMax, tiled.tickTrace().meshCycles()[b]);
        }
        assertTrue(tiledMax >= oneMax + 31, tiledMax + " vs " + oneMax);
        assertEquals(one.total(CoreCounter.HOPS), tiled.total(CoreCounter.HOPS));
        assertTrue(tiled.total(CoreCounter.INTER_CHIP_HOPS) > 0);
    }
}
