package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.NocOverflow;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * A network that mixes spiking and ANN-mode cores across several cores of the mesh: Poisson inputs -> a spiking layer
 * and, directly, an ANN layer (spike counts over the window) -> a second ANN layer (activation packets) -> spiking
 * outputs (rate-coded spikes), plus a CLAMP ANN layer. The chip must equal the fixed-point reference bit for bit, for
 * 1, 2 and 4 workers, and conserve every spike and activation packet.
 */
class AnnHybridTest
{
    private static final Model MODEL = hybrid(7);

    private static Population ann(final String name, final int size, final AnnActivation activation, final int bits,
        final float max, final float bias)
    {
        return Population.newBuilder().setName(name).setSize(size).setAnn(AnnNeuron.newBuilder()
            .setActivation(activation).setActivationBits(bits).setActivationMax(max).setBias(bias).setWindowTicks(8))
            .build();
    }

    static Model hybrid(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Network network = Network.newBuilder()
            .addPopulations(TestModels.input("in", 40))
            .addPopulations(TestModels.lif("a", 30, TestModels.neuron(1.0f).setDecay(0.9f).build()))
            .addPopulations(ann("h1", 30, AnnActivation.ANN_ACTIVATION_RELU, 8, 1.0f, 0.02f))
            .addPopulations(ann("h2", 20, AnnActivation.ANN_ACTIVATION_RELU, 4, 0.8f, 0.0f))
            .addPopulations(ann("c", 5, AnnActivation.ANN_ACTIVATION_CLAMP, 6, 0.5f, -0.01f))
            .addPopulations(TestModels.lif("out", 10, TestModels.neuron(1.5f).setResetMode(ResetMode.RESET_SUBTRACT)
                .build()))
            .addProjections(TestModels.dense("in", "a", TestModels.randomWeights(random, 40 * 30, 0.5, -0.2f, 0.6f), 1))
            .addProjections(TestModels.dense("a", "h1", TestModels.randomWeights(random, 30 * 30, 0.6, -0.5f, 1.0f), 0))
            .addProjections(TestModels.dense("in", "h1", TestModels.randomWeights(random, 40 * 30, 0.4, -0.4f, 0.8f),
                2))
            .addProjections(TestModels.dense("h1", "h2", TestModels.randomWeights(random, 30 * 20, 0.7, -0.2f, 0.22f),
                1))
            .addProjections(TestModels.dense("h1", "c", TestModels.randomWeights(random, 30 * 5, 0.8, -0.06f, 0.06f), 0))
            .addProjections(TestModels.dense("h2", "out", TestModels.randomWeights(random, 20 * 10, 0.8, -0.3f, 0.9f),
                0))
            .addProjections(TestModels.dense("a", "out", TestModels.randomWeights(random, 30 * 10, 0.3, -0.2f, 0.3f),
                1))
            .build();
        final Stimulus poisson = TestModels.poisson("in", 40, 6, 32, 0.3, seed);
        final Stimulus stimulus = Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder(poisson.getRateCoded())
            .setResetBetweenSamples(true)).build();
        return Model.newBuilder().setName("hybrid").setNetwork(network).setStimulus(stimulus)
            .setRun(RunConfig.newBuilder().setSeed(seed).addAllRecordPopulations(List.of("in", "a", "h1", "h2", "c",
                "out")))
            .setChip(ChipSpec.newBuilder().setMeshWidth(4).setMeshHeight(4).setNeuronsPerCore(16))
            .build();
    }

    @Test
    void shouldEqualTheFixedPointReferenceBitForBit()
    {
        final ChipProgram program = Compiler.compile(MODEL);
        assertTrue(program.getCoresList().stream().filter(CoreProgram::hasAnn).count() >= 5, "ANN layers span cores");
        final ChipSimulation simulation = new ChipSimulation(program, RunOptions.defaults().withWorkers(2));
        final RunResult chip = simulation.run();
        final ReferenceSimulator reference = new ReferenceSimulator(MODEL, ReferenceSimulator.Mode.FIXED_POINT);
        final SpikeRaster expected = reference.run(chip.ticks());
        final int h2 = chip.index().firstGlobalId(3);
        final int out = chip.index().firstGlobalId(5);
        assertTrue(expected.filter(h2, h2 + 20).size() > 200, "h2 spikes: " + expected.filter(h2, h2 + 20).size());
        assertTrue(expected.filter(out, out + 10).size() > 50, "out spikes: " + expected.filter(out, out + 10).size());
        assertTrue(chip.total(CoreCounter.MACS) > 10_000, "MACs: " + chip.total(CoreCounter.MACS));
        assertTrue(chip.total(CoreCounter.ACT_PACKETS_SENT) > 500, "activation packets: " +
            chip.total(CoreCounter.ACT_PACKETS_SENT));
        assertEquals(expected, chip.raster());
        // the CLAMP layer drives nothing: compare its last activations (signed) with the reference's
        final CoreProgram c = program.getCoresList().stream().filter(p -> p.getPopulation() == 4).findFirst()
            .orElseThrow();
        final double[] y = reference.activations(4);
        boolean negative = false;
        for (int j = 0; j < 5; j++)
        {
            assertEquals((int)y[j], simulation.core(c.getCoreId()).annOutput(j), "c[" + j + "]");
            negative |= y[j] < 0;
        }
        assertTrue(negative || y[0] != 0, "c is active");
    }

    @Test
    void shouldEqualTheReferenceForOtherWidthsWindowsAndDelays()
    {
        // 16-bit weights (the two-byte crossbar path), a 1-tick window, a 5-tick window not dividing the 32-tick
        // sample, delays up to window - 1; three seeds
        final int[][] settings = {{16, 1, 0}, {8, 5, 4}, {12, 3, 2}};
        for (int k = 0; k < settings.length; k++)
        {
            final int weightBits = settings[k][0];
            final int window = settings[k][1];
            final int delay = settings[k][2];
            final Model.Builder model = hybrid(11 + k).toBuilder();
            model.getChipBuilder().setWeightBits(weightBits);
            final Network.Builder network = model.getNetworkBuilder();
            for (int p = 0; p < network.getPopulationsCount(); p++)
            {
                if (network.getPopulations(p).hasAnn())
                {
                    network.getPopulationsBuilder(p).getAnnBuilder().setWindowTicks(window);
                }
            }
            for (int j = 0; j < network.getProjectionsCount(); j++)
            {
                final String target = network.getProjections(j).getTarget();
                if (target.startsWith("h") || target.equals("c"))
                {
                    network.getProjectionsBuilder(j).setDelayTicks(Math.min(delay, j % window));
                }
            }
            final Model built = model.build();
            final String what = weightBits + "-bit weights, window " + window + ", delays < " + (delay + 1);
            final RunResult chip = TestModels.run(built, 3);
            final SpikeRaster reference = new ReferenceSimulator(built, ReferenceSimulator.Mode.FIXED_POINT)
                .run(chip.ticks());
            assertTrue(chip.total(CoreCounter.MACS) > 1000, what + ": MACs " + chip.total(CoreCounter.MACS));
            assertTrue(chip.raster().size() > 1000, what + ": spikes " + chip.raster().size());
            assertEquals(reference, chip.raster(), what);
        }
    }

    @Test
    void shouldConserveSpikeAndActivationPackets()
    {
        final RunResult result = TestModels.run(MODEL, 2);
        TestModels.assertSpikePacketsConserved(result);
        assertEquals(result.total(CoreCounter.ACT_PACKETS_SENT), result.total(CoreCounter.ACT_PACKETS_DELIVERED) +
            result.total(CoreCounter.ACT_PENDING_AT_END), "activation packets delivered or pending");
        assertTrue(result.total(CoreCounter.ACT_PENDING_AT_END) > 0, "the last window's packets are pending");
    }

    @Test
    void shouldMatchSpikesAndCountersFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(MODEL);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)
                .withRingSize(64)).run();
            assertNull(RunComparison.firstDifference(one, many), workers + " workers");
        }
    }

    @Test
    void shouldCarryActivationPacketsThroughTheCongestedNocUnchangedAndIdenticallyForAnyWorkers()
    {
        final ChipProgram ideal = Compiler.compile(MODEL);
        final ChipProgram congested = NocCongestionTest.congested(ideal, 1, 1, NocOverflow.NOC_OVERFLOW_BACK_PRESSURE);
        final RunResult free = new ChipSimulation(ideal, RunOptions.defaults().withWorkers(1)).run();
        final RunResult one = new ChipSimulation(congested, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.NOC_STALL_CYCLES) > 0, "buffers of one packet must stall");
        assertEquals(free.raster(), one.raster(), "back-pressure delays packets, never changes them");
        for (final CoreCounter counter : new CoreCounter[] {CoreCounter.MACS, CoreCounter.ACT_PACKETS_SENT,
            CoreCounter.ACT_PACKETS_DELIVERED, CoreCounter.SOPS, CoreCounter.SPIKES_OUT})
        {
            assertEquals(free.total(counter), one.total(counter), counter.key());
        }
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(congested, RunOptions.defaults().withWorkers(workers)).run();
            assertNull(RunComparison.firstDifference(one, many), workers + " workers, congested");
        }
    }

    @Test
    void shouldRunTheFloatReferenceCloseToTheChip()
    {
        final RunResult chip = TestModels.run(MODEL, 1);
        final SpikeRaster real = new ReferenceSimulator(MODEL, ReferenceSimulator.Mode.FLOAT).run(chip.ticks());
        final int out = chip.index().firstGlobalId(5);
        final int h2 = chip.index().firstGlobalId(3);
        final double chipOut = chip.raster().filter(out, out + 10).size();
        final double chipH2 = chip.raster().filter(h2, h2 + 20).size();
        // quantization (8-bit weights, 4-bit h2 activations) moves spike counts by a few per cent, not more
        assertEquals(1.0, real.filter(out, out + 10).size() / chipOut, 0.15, "out spikes float / chip");
        assertEquals(1.0, real.filter(h2, h2 + 20).size() / chipH2, 0.15, "h2 spikes float / chip");
    }
}
