package org.chipsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.Mesh;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;
import org.chipsim.core.energy.Preset;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * A run small enough to count by hand, for every preset: energy and per-tick latency must come out exactly as
 * computed here from the costs.
 *
 * <p>The network: 2 inputs -> 3 "hidden" LIF neurons (threshold 1) -> 1 "out" LIF neuron (threshold 10, never fires).
 * Weights in -> hidden: in0 = [1.0, 0.6, 0], in1 = [0, 0, 0.25]; hidden -> out: 1.0 each. Input 0 spikes at ticks 1
 * and 3, input 1 at tick 5; 8 ticks on a 2 x 2 mesh with the input port at (1, 1). Hops depend on where the
 * compiler placed the two cores: {@code dIn} links from the port to the hidden core, {@code d} from hidden to out
 * (row-major placement: hidden at (0, 0), out at (1, 0), so dIn = 2 and d = 1).
 *
 * <pre>
 * tick  input packet      hidden core (3 updates)                       out core (1 update)
 *  0    -                 -                                              -
 *  1    in0 -> hidden     -                                              -
 *  2    -                 in0 row: 2 SOPs; h0 = 1.0 fires -> 1 packet    -
 *  3    in0 -> hidden     -                                              h0 packet: 1 SOP
 *  4    -                 in0 row: 2 SOPs; h0 fires, h1 = 1.2 fires: 2   -
 *  5    in1 -> hidden     -                                              2 packets: 2 SOPs
 *  6    -                 in1 row: 1 SOP (h2 = 0.25, no spike)           -
 *  7    -                 -                                              -
 * </pre>
 * Hidden: 5 SOPs, 24 updates, 3 spikes, 3 packets x d hops. Out: 3 SOPs, 8 updates. Input port: 3 packets over the
 * off-chip link, dIn hops each.
 */
class HandComputedEnergyTest
{
    static Model model()
    {
        final LifNeuron hidden = LifNeuron.newBuilder().setThreshold(1.0f).build();
        final LifNeuron out = LifNeuron.newBuilder().setThreshold(10.0f).build();
        return Model.newBuilder()
            .setName("hand")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(2).setInput(true))
                .addPopulations(Population.newBuilder().setName("hidden").setSize(3).setLif(hidden))
                .addPopulations(Population.newBuilder().setName("out").setSize(1).setLif(out))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("hidden")
                    .addWeights(1.0f).addWeights(0.6f).addWeights(0f)
                    .addWeights(0f).addWeights(0f).addWeights(0.25f))
                .addProjections(Projection.newBuilder().setSource("hidden").setTarget("out")
                    .addWeights(1f).addWeights(1f).addWeights(1f)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(1).addTicks(3))
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(5))))
            .setChip(ChipSpec.newBuilder().setMeshWidth(2).setMeshHeight(2).setInputPortX(1).setInputPortY(1))
            .setRun(RunConfig.newBuilder().setTicks(8))
            .build();
    }

    static RunResult run(final String preset, final int workers)
    {
        final ChipProgram compiled = Compiler.compile(model());
        final ChipProgram program = compiled.toBuilder()
            .setChip(EnergyModel.withPreset(compiled.getChip(), preset)).build();
        return new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
    }

    /** Index (program order) of the core holding a population. */
    static int core(final RunResult result, final String population)
    {
        for (int k = 0; k < result.coreCount(); k++)
        {
            if (result.index().name(result.program().getCores(k).getPopulation()).equals(population))
            {
                return k;
            }
        }
        throw new AssertionError("no core holds " + population);
    }

    /** Links from the input port to the hidden core. */
    static int inputHops(final RunResult result)
    {
        final CoreProgram hidden = result.program().getCores(core(result, "hidden"));
        return Mesh.hops(1, 1, hidden.getX(), hidden.getY());
    }

    /** Links from the hidden core to the out core. */
    static int hiddenToOutHops(final RunResult result)
    {
        final CoreProgram hidden = result.program().getCores(core(result, "hidden"));
        final CoreProgram out = result.program().getCores(core(result, "out"));
        return Mesh.hops(hidden.getX(), hidden.getY(), out.getX(), out.getY());
    }

    @Test
    void shouldCountTheEventsAsWorkedOutByHand()
    {
        final RunResult result = run("tianjic", 1);
        assertEquals(2, result.coreCount());
        final int h = core(result, "hidden");
        final int o = core(result, "out");
        final int d = hiddenToOutHops(result);
        final long[] hidden = {5, 24, 3, 3, 3 * d};
        final long[] out = {3, 8, 0, 0, 0};
        final CoreCounter[] counters = {CoreCounter.SOPS, CoreCounter.NEURON_UPDATES, CoreCounter.SPIKES_OUT,
            CoreCounter.PACKETS_SENT, CoreCounter.HOPS};
        for (int i = 0; i < counters.length; i++)
        {
            assertEquals(hidden[i], result.counter(h, counters[i]), "hidden " + counters[i]);
            assertEquals(out[i], result.counter(o, counters[i]), "out " + counters[i]);
        }
        assertEquals(3, result.inputPackets());
        assertEquals(3 * (1 + inputHops(result)), result.inputHops());
    }

    @Test
    void shouldGiveTheHandComputedEnergyAndLatencyForEveryPreset()
    {
        for (final Preset preset : Preset.values())
        {
            for (final int workers : new int[] {1, 2})
            {
                check(preset, workers);
            }
        }
    }

    private static void check(final Preset preset, final int workers)
    {
        final RunResult result = run(preset.key(), workers);
        final EnergyReport r = EnergyReports.of(result);
        final EnergyCosts c = r.model().costs();
        assertEquals(preset.costs(300e6), c, "no overrides");
        final String what = preset.key() + ", " + workers + " worker(s): ";
        final int d = hiddenToOutHops(result);
        final int dIn = inputHops(result);
        final int h = core(result, "hidden");
        final int o = core(result, "out");
        final double staticPj = c.staticPowerMwPerCore() * (8 * 1e-3) * 1e9;
        final long hiddenRead = result.counter(h, CoreCounter.MEM_READ_BYTES);
        final long hiddenWrite = result.counter(h, CoreCounter.MEM_WRITE_BYTES);
        final long outRead = result.counter(o, CoreCounter.MEM_READ_BYTES);
        final long outWrite = result.counter(o, CoreCounter.MEM_WRITE_BYTES);

        // every component not listed for a core (input link, partial sums, learning, MACs, inter-chip
        // links on one chip, ...) is 0 on it
        final List<Map<Component, Double>> expected = List.of(
            // hidden core
            Map.of(Component.SOP, 5 * c.sopEnergyPj(), Component.NEURON, 24 * c.neuronUpdateEnergyPj(),
                Component.SPIKE_OUT, 3 * c.spikeOutEnergyPj() + 3 * c.packetOutEnergyPj(),
                Component.HOP, 3 * d * c.hopEnergyPj(),
                Component.MEMORY, hiddenRead * c.memReadEnergyPjPerByte() + hiddenWrite * c.memWriteEnergyPjPerByte(),
                Component.STATIC, staticPj),
            // out core
            Map.of(Component.SOP, 3 * c.sopEnergyPj(), Component.NEURON, 8 * c.neuronUpdateEnergyPj(),
                Component.MEMORY, outRead * c.memReadEnergyPjPerByte() + outWrite * c.memWriteEnergyPjPerByte(),
                Component.STATIC, staticPj));
        BigDecimal total = BigDecimal.ZERO;
        final int[] coreOf = {h, o};
        for (int k = 0; k < 2; k++)
        {
            for (final Component component : Component.values())
            {
                final double e = expected.get(k).getOrDefault(component, 0.0);
                assertEquals(e, r.coreEnergyPj(coreOf[k], component), what + "core " + k + " " + component.key());
                total = total.add(new BigDecimal(e));
            }
        }
        assertEquals(3 * c.offChipHopEnergyPj(), r.inputPortEnergyPj(Component.INPUT_LINK), what + "input link");
        assertEquals(3 * dIn * c.hopEnergyPj(), r.inputPortEnergyPj(Component.HOP), what + "input hops");
        total = total.add(new BigDecimal(3 * c.offChipHopEnergyPj())).add(new BigDecimal(3 * dIn * c.hopEnergyPj()));
        assertEquals(total.doubleValue(), r.totalPj(), what + "total");
        assertEquals(r.totalPj() / 8, r.energyPerSopPj(), what + "per SOP");
        assertEquals(r.totalPj() / 3, r.energyPerSpikePj(), what + "per spike");
        assertEquals(r.totalPj(), r.energyPerInferencePj(), what + "one inference");

        // latency: per tick, slowest core + longest path + sync (see the table in the class comment)
        final double sync = c.tickSyncLatencyCycles();
        final double inputPath = c.offChipHopLatencyCycles() + dIn * c.hopLatencyCycles();
        final double idle = busy(c, 0, 3, 0);
        final double[] expectedCycles = {
            idle + 0.0 + sync,
            idle + inputPath + sync,
            Math.max(busy(c, 2, 3, 1), busy(c, 0, 1, 0)) + d * c.hopLatencyCycles() + sync,
            Math.max(idle, busy(c, 1, 1, 0)) + inputPath + sync,
            Math.max(busy(c, 2, 3, 2), busy(c, 0, 1, 0)) + d * c.hopLatencyCycles() + sync,
            Math.max(idle, busy(c, 2, 1, 0)) + inputPath + sync,
            busy(c, 1, 3, 0) + 0.0 + sync,
            idle + 0.0 + sync};
        final double[] critical = r.criticalPathCycles();
        assertEquals(8, critical.length);
        for (int t = 0; t < 8; t++)
        {
            assertEquals(expectedCycles[t], critical[t], what + "tick " + t);
        }
        final LatencySummary latency = r.latency();
        BigDecimal sum = BigDecimal.ZERO;
        double max = 0;
        for (final double cycles : expectedCycles)
        {
            sum = sum.add(new BigDecimal(cycles));
            max = Math.max(max, cycles);
        }
        assertEquals(sum.doubleValue() / 8, latency.meanCycles(), what + "mean");
        assertEquals(max, latency.maxCycles(), what + "max");
        assertEquals(max, latency.p99Cycles(), what + "p99 of 8 ticks is the max");
        assertEquals(busy(c, 5, 24, 3), r.coreBusyCycles(h), what + "hidden busy");
        assertEquals(busy(c, 3, 8, 0), r.coreBusyCycles(o), what + "out busy");
    }

    private static double busy(final EnergyCosts c, final long sops, final long updates, final long packets)
    {
        return sops * c.sopLatencyCycles() + updates * c.neuronUpdateLatencyCycles() +
            packets * c.packetOutLatencyCycles() + 0 * c.partialSumLatencyCycles();
    }

    @Test
    void shouldGiveTianjicLatencyInRoundNumbers()
    {
        // tianjic: 1/16 cycle per SOP, 1 per update, packet and hop, 32 for the off-chip link, no sync;
        // with row-major placement (dIn = 2, d = 1):
        // 3, 3 + 34, 3.125 + 1 + 1, 3 + 34, 3.125 + 2 + 1, 3 + 34, 3.0625, 3
        final RunResult tianjic = run("tianjic", 1);
        final int d = hiddenToOutHops(tianjic);
        final int dIn = inputHops(tianjic);
        final EnergyReport r = EnergyReports.of(tianjic);
        assertEquals(java.util.List.of(3.0, 35.0 + dIn, 4.125 + d, 35.0 + dIn, 5.125 + d, 35.0 + dIn, 3.0625, 3.0),
            java.util.Arrays.stream(r.criticalPathCycles()).boxed().toList());
        assertEquals((123.3125 + 3 * dIn + 2 * d) / 8, r.latency().meanCycles());
        assertEquals(35.0 + dIn, r.latency().maxCycles());
        // loihi energy by hand: hidden 5 x 23.6 + 24 x 52 + 3 x 1.7 + 3d x 3.5, out 3 x 23.6 + 8 x 52,
        // input 3 x 320 + 3 dIn x 3.5, no static
        final EnergyReport loihi = EnergyReports.of(run("loihi", 1));
        assertEquals(118 + 1248 + 5.1 + 10.5 * d + 70.8 + 416 + 960 + 10.5 * dIn, loihi.totalPj(), 1e-9);
        // truenorth: 8 SOPs x 26 pJ + the off-chip link 3 x 320
        assertEquals(8 * 26.0 + 960, EnergyReports.of(run("truenorth", 1)).totalPj());
        assertEquals(0.0, EnergyReports.of(run("custom", 1)).totalPj());
        assertEquals(Cost.count(), EnergyModel.of(ChipSpec.getDefaultInstance()).costs().toArray().length);
    }
}
