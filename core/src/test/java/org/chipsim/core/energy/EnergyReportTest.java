package org.chipsim.core.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.chipsim.proto.v1.ChipSpec;
import org.junit.jupiter.api.Test;

/** Energy is counts x costs, totals add up to the last bit, latency is the per-tick critical path. */
class EnergyReportTest
{
    private static long[] events(final long... pairs)
    {
        final long[] e = new long[EnergyEvent.count()];
        for (int i = 0; i < pairs.length; i += 2)
        {
            e[(int)pairs[i]] = pairs[i + 1];
        }
        return e;
    }

    private static int ord(final EnergyEvent event)
    {
        return event.ordinal();
    }

    /**
     * Costs that are powers of two so every product and sum below is exact; costs added after these reuse the list
     * from its start (they are powers of two too).
     */
    private static EnergyModel exactCosts()
    {
        ChipSpec chip = EnergyModel.withPreset(ChipSpec.getDefaultInstance(), "custom");
        // in Cost order: the 19 first costs, then mac 4 / 0.5, activation packet 8 / 2, inter-chip hop 256 / 32, SBP 64
        final double[] values = {2, 4, 8, 16, 32, 64, 128, 0.5, 0.25, 1, 0.125, 1, 2, 4, 1, 32, 8, 16, 2, 4, 0.5, 8, 2,
            256, 32, 64};
        for (final Cost cost : Cost.values())
        {
            chip = EnergyModel.withCost(chip, cost.key(), Double.toString(values[cost.ordinal() % values.length]));
        }
        return EnergyModel.of(chip);
    }

    @Test
    void shouldChargeEveryEventToItsComponent()
    {
        final long[] core = events(ord(EnergyEvent.SOP), 10, ord(EnergyEvent.NEURON_UPDATE), 3,
            ord(EnergyEvent.SPIKE_OUT), 2, ord(EnergyEvent.PACKET_OUT), 5, ord(EnergyEvent.HOP), 7,
            ord(EnergyEvent.PARTIAL_SUM_SENT), 4, ord(EnergyEvent.PARTIAL_SUM_RECEIVED), 9,
            ord(EnergyEvent.MEM_READ_BYTE), 100, ord(EnergyEvent.MEM_WRITE_BYTE), 40);
        final long[] port = events(ord(EnergyEvent.OFF_CHIP_PACKET), 3, ord(EnergyEvent.HOP), 6,
            ord(EnergyEvent.INTER_CHIP_HOP), 2);
        final long[] ann = events(ord(EnergyEvent.MAC), 11, ord(EnergyEvent.ACTIVATION_PACKET), 3);
        final EnergyReport annReport = EnergyReport.of(exactCosts(), new Activity(4, 1e-3, 2, new long[][] {ann},
            new long[EnergyEvent.count()], null));
        assertEquals(11 * 4.0, annReport.coreEnergyPj(0, Component.MAC), "mac_energy_pj per MAC");
        assertEquals(3 * 8.0, annReport.coreEnergyPj(0, Component.SPIKE_OUT), "activation packets are packets out");
        assertEquals(11 * 0.5 + 3 * 2.0, annReport.coreBusyCycles(0), "mac and activation packet latencies");
        // 4 ticks of 1 ms: static = 1 mW x 4 ms = 4 uJ = 4e6 pJ per core
        final Activity activity = new Activity(4, 1e-3, 2, new long[][] {core}, port, null);
        final EnergyReport r = EnergyReport.of(exactCosts(), activity);
        assertEquals(10 * 2.0, r.coreEnergyPj(0, Component.SOP));
        assertEquals(3 * 4.0, r.coreEnergyPj(0, Component.NEURON));
        assertEquals(2 * 8.0 + 5 * 16.0, r.coreEnergyPj(0, Component.SPIKE_OUT));
        assertEquals(7 * 32.0, r.coreEnergyPj(0, Component.HOP));
        assertEquals(0.0, r.coreEnergyPj(0, Component.INPUT_LINK));
        assertEquals(4 * 128.0, r.coreEnergyPj(0, Component.PARTIAL_SUM), "received partial sums cost no energy");
        assertEquals(100 * 0.5 + 40 * 0.25, r.coreEnergyPj(0, Component.MEMORY));
        assertEquals(1.0 * (4 * 1e-3) * 1e9, r.coreEnergyPj(0, Component.STATIC));
        assertEquals(3 * 64.0, r.inputPortEnergyPj(Component.INPUT_LINK));
        assertEquals(6 * 32.0, r.inputPortEnergyPj(Component.HOP));
        assertEquals(0.0, r.inputPortEnergyPj(Component.STATIC));
        assertEquals(2 * 256.0, r.inputPortEnergyPj(Component.INTER_CHIP_LINK), "inter-chip links at their own cost");
        assertEquals(0.0, r.coreEnergyPj(0, Component.INTER_CHIP_LINK));
        assertEquals(13 * 32.0, r.componentTotalPj(Component.HOP));
        final double dynamic = 20 + 12 + 96 + 224 + 512 + 60 + 192 + 192 + 512;
        assertEquals(dynamic, r.dynamicPj());
        assertEquals(dynamic + 4e6, r.totalPj());
        assertEquals(r.totalPj() / 10, r.energyPerSopPj());
        assertEquals(r.totalPj() / 2, r.energyPerSpikePj());
        assertEquals(r.totalPj() / 2, r.energyPerInferencePj());
        assertEquals(r.totalPj() * 1e-9 / 4e-3, r.powerMw());
        // busy cycles: 10 x 0.125 + 3 x 1 + 5 x 2 + (4 + 9) x 4
        assertEquals(10 * 0.125 + 3 + 10 + 52, r.coreBusyCycles(0));
        assertNull(r.latency());
    }

    @Test
    void shouldMakeTheTotalTheSumOverCoresAndComponentsToTheLastBit()
    {
        final SplittableRandom random = new SplittableRandom(42);
        // awkward costs (Loihi at an odd clock) and many cores: naive double sums would depend on the order
        final EnergyModel model = EnergyModel.of(EnergyModel.withPreset(ChipSpec.newBuilder()
            .setClockHz(287.3e6).build(), "loihi"));
        final ChipSpec withLeak = EnergyModel.withCost(EnergyModel.withCost(EnergyModel.withPreset(
            ChipSpec.getDefaultInstance(), "loihi"), "static_power_mw_per_core", "0.0173"),
            "mem_read_energy_pj_per_byte", "0.0117");
        for (final EnergyModel m : new EnergyModel[] {model, EnergyModel.of(withLeak), exactCosts(),
            EnergyModel.of(ChipSpec.getDefaultInstance())})
        {
            final long[][] cores = new long[157][EnergyEvent.count()];
            for (final long[] core : cores)
            {
                for (int e = 0; e < core.length; e++)
                {
                    core[e] = e == ord(EnergyEvent.OFF_CHIP_PACKET) ? 0 : random.nextLong(1L << 40);
                }
            }
            final long[] port = events(ord(EnergyEvent.OFF_CHIP_PACKET), random.nextLong(1L << 30),
                ord(EnergyEvent.HOP), random.nextLong(1L << 32));
            final EnergyReport r = EnergyReport.of(m, new Activity(12_345, 1.1e-3, 7, cores, port, null));

            BigDecimal byCores = BigDecimal.ZERO;
            for (int k = 0; k < r.coreCount(); k++)
            {
                for (final Component c : Component.values())
                {
                    byCores = byCores.add(new BigDecimal(r.coreEnergyPj(k, c)));
                }
            }
            BigDecimal byComponents = BigDecimal.ZERO;
            for (final Component c : Component.values())
            {
                for (int k = 0; k < r.coreCount(); k++)
                {
                    byComponents = byComponents.add(new BigDecimal(r.coreEnergyPj(k, c)));
                }
                byComponents = byComponents.add(new BigDecimal(r.inputPortEnergyPj(c)));
            }
            for (final Component c : Component.values())
            {
                byCores = byCores.add(new BigDecimal(r.inputPortEnergyPj(c)));
            }
            assertEquals(0, byCores.compareTo(byComponents));
            assertEquals(byCores.doubleValue(), r.totalPj(), "total = sum over cores and components, every bit");

            // and the per-core and per-component totals are the exact sums of their own figures
            BigDecimal ofCoreTotals = BigDecimal.ZERO;
            for (int k = 0; k < r.coreCount(); k++)
            {
                BigDecimal core = BigDecimal.ZERO;
                for (final Component c : Component.values())
                {
                    core = core.add(new BigDecimal(r.coreEnergyPj(k, c)));
                }
                assertEquals(core.doubleValue(), r.coreTotalPj(k));
                ofCoreTotals = ofCoreTotals.add(core);
            }
            for (final Component c : Component.values())
            {
                BigDecimal component = new BigDecimal(r.inputPortEnergyPj(c));
                for (int k = 0; k < r.coreCount(); k++)
                {
                    component = component.add(new BigDecimal(r.coreEnergyPj(k, c)));
                }
                assertEquals(component.doubleValue(), r.componentTotalPj(c), c.key());
            }
            assertEquals(ofCoreTotals.add(portTotal(r)).doubleValue(), r.totalPj());
        }
    }

    private static BigDecimal portTotal(final EnergyReport r)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (final Component c : Component.values())
        {
            sum = sum.add(new BigDecimal(r.inputPortEnergyPj(c)));
        }
        return sum;
    }

    @Test
    void shouldSummarizeTheCriticalPathPerTick()
    {
        final EnergyModel model = exactCosts();
        final EnergyCosts c = model.costs();
        // 4 ticks: busiest core, longest core packet path, longest input path (-1: no input)
        final double[] busy = {3, 10, 0, 6};
        final int[] hops = {0, 2, 5, 1};
        final int[] inputHops = {-1, 3, -1, 0};
        final long[] binEvents = new long[EnergyEvent.count()];
        binEvents[ord(EnergyEvent.SOP)] = 8;
        final TickTrace trace = new TickTrace(4, 1, busy, hops, inputHops, 4, binEvents);
        final long[][] cores = {events(ord(EnergyEvent.SOP), 8)};
        final EnergyReport r = EnergyReport.of(model, new Activity(4, 1e-3, 1, cores,
            new long[EnergyEvent.count()], trace));
        // hop 1 cycle, off-chip 32, sync 8: tick 0: 3 + 0 + 8; tick 1: 10 + max(2, 32 + 3) + 8; tick 2: 0 + 5 + 8;
        // tick 3: 6 + max(1, 32 + 0) + 8
        assertEquals(1.0, c.hopLatencyCycles());
        assertEquals(32.0, c.offChipHopLatencyCycles());
        assertEquals(8.0, c.tickSyncLatencyCycles());
        final double[] expected = {11, 53, 13, 46};
        final double[] critical = r.criticalPathCycles();
        for (int t = 0; t < 4; t++)
        {
            assertEquals(expected[t], critical[t], "tick " + t);
        }
        final LatencySummary latency = r.latency();
        assertEquals((11 + 53 + 13 + 46) / 4.0, latency.meanCycles());
        assertEquals(53.0, latency.p99Cycles());
        assertEquals(53.0, latency.maxCycles());
        assertEquals(10.0, latency.maxCoreBusyCycles());
        assertEquals(35.0, latency.maxMeshCycles());
        assertEquals(123 / 300e6, latency.unpacedSeconds());
        assertEquals(53 / 300e6 * 1e9, latency.maxNs());
        assertTrue(latency.realTime());
        assertEquals(8 * 2.0, r.binDynamicEnergyPj()[0]);
        assertEquals(1.0 * 1 * 1e-3 * 1e9, r.staticPjPerTick());
        assertEquals(1.0 * 123 / 300e6 * 1e9, r.staticPjIfUnpaced(), 1e-6);
    }

    @Test
    void shouldFlagTicksThatOverrunTheirPeriod()
    {
        final ChipSpec chip = EnergyModel.withCost(ChipSpec.getDefaultInstance(), "tick_sync_latency_cycles", "4e5");
        final TickTrace trace = new TickTrace(1, 1, new double[] {0}, new int[] {0}, new int[] {-1}, 1,
            new long[EnergyEvent.count()]);
        final EnergyReport r = EnergyReport.of(EnergyModel.of(chip), new Activity(1, 1e-3, 1, new long[0][],
            new long[EnergyEvent.count()], trace));
        assertFalse(r.latency().realTime(), "400,000 cycles at 300 MHz is longer than 1 ms");
        assertTrue(Double.isNaN(r.energyPerSopPj()));
    }

    @Test
    void shouldBinLongRuns()
    {
        assertEquals(1, TickTrace.binTicks(1 << 14, TickTrace.MAX_LATENCY_BINS));
        assertEquals(2, TickTrace.binTicks((1 << 14) + 1, TickTrace.MAX_LATENCY_BINS));
        assertEquals(5, TickTrace.binTicks(10_000, TickTrace.MAX_EVENT_BINS));
        assertEquals(2000, TickTrace.bins(10_000, 5));
        final TickTrace trace = new TickTrace(10, 4, new double[3], new int[3], new int[3], 4,
            new long[3 * EnergyEvent.count()]);
        assertEquals(4, trace.ticksInBin(0, 4));
        assertEquals(2, trace.ticksInBin(2, 4));
    }

    @Test
    void shouldPriceEnergyPerTickWithoutLatencyWhenTheSlowestCoresAreUnknown()
    {
        final long[] binEvents = new long[EnergyEvent.count()];
        binEvents[ord(EnergyEvent.SOP)] = 8;
        final TickTrace trace = new TickTrace(4, 1, new double[] {3, 10, 0, 6}, new int[] {0, 2, 5, 1},
            new int[] {-1, 3, -1, 0}, 4, binEvents).withMaxBusyCycles(null);
        final EnergyReport r = EnergyReport.of(exactCosts(), new Activity(4, 1e-3, 1,
            new long[][] {events(ord(EnergyEvent.SOP), 8)}, new long[EnergyEvent.count()], trace));
        assertNull(r.latency(), "no latency rather than a wrong one");
        assertEquals(0, r.criticalPathCycles().length);
        assertEquals(4, trace.latencyBins(), "bins still known from the path lengths");
        assertEquals(8 * 2.0, r.binDynamicEnergyPj()[0]);
        assertTrue(Double.isNaN(r.staticPjIfUnpaced()));
    }
}
