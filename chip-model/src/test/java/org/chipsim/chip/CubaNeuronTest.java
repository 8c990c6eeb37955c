package org.chipsim.chip;

import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.neuron;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Homeostasis;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SynapticCurrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The current-based (CUBA) LIF neuron, {@code u <- d_u u + I; v <- d_v v + u}: closed-form responses, the chip against
 * the fixed-point reference for 1, 2 and 4 workers, and the fixed-point chip against the float reference.
 */
class CubaNeuronTest
{
    private static LifNeuron cuba(final float threshold, final float currentDecay, final float membraneDecay)
    {
        return neuron(threshold).setDecay(membraneDecay).setDecaySet(true)
            .setSynapticCurrent(SynapticCurrent.newBuilder().setDecay(currentDecay)).build();
    }

    /** One input neuron spiking at the given ticks into one CUBA neuron with weight 1. */
    private static Model single(final LifNeuron n, final ChipSpec chip, final long ticks, final int... inputTicks)
    {
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 1))
                .addPopulations(TestModels.lif("n", 1, n))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("n").addWeights(1f)))
            .setStimulus(TestModels.spikes("in", 0, inputTicks))
            .setChip(chip)
            .setRun(RunConfig.newBuilder().setTicks(ticks).addRecordPopulations("n"))
            .build();
    }

    /** v_n after an impulse of weight 1 integrated in tick 1: (d_v^n - d_u^n) / (d_v - d_u), or n d^(n-1) if equal. */
    private static double impulse(final double du, final double dv, final int n)
    {
        return du == dv ? n * Math.pow(dv, n - 1) : (Math.pow(dv, n) - Math.pow(du, n)) / (dv - du);
    }

    /** v_n with an input of weight 1 in every tick 1..n: sum_k d_v^(n-k) (1 - d_u^k) / (1 - d_u). */
    private static double step(final double du, final double dv, final int n)
    {
        return ((1 - Math.pow(dv, n)) / (1 - dv) - du * impulse(du, dv, n)) / (1 - du);
    }

    /** First tick n >= 1 whose closed-form potential reaches theta, checked not to be a near tie. */
    private static int firstCrossing(final boolean stepInput, final double du, final double dv, final double theta)
    {
        for (int n = 1; n < 1000; n++)
        {
            final double v = stepInput ? step(du, dv, n) : impulse(du, dv, n);
            if (v >= theta)
            {
                final double before = stepInput ? step(du, dv, n - 1) : impulse(du, dv, n - 1);
                assertTrue(v - theta > 0.02 * theta && theta - before > 0.02 * theta, "not a near tie");
                return n;
            }
        }
        throw new AssertionError("never reaches " + theta);
    }

    private static SpikeRaster floatReference(final Model model, final long ticks)
    {
        return new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT).run(ticks).filter(1, 2);
    }

    /**
     * An impulse into the synaptic current gives the double-exponential membrane response; the neuron fires once, at
     * the first tick it reaches the threshold (after the reset the decaying current cannot bring it back), on the chip
     * (8-bit weights, 16-bit fixed-point current) and in the float reference.
     */
    @ParameterizedTest
    @CsvSource({"0.8, 0.9, 2.3", "0.5, 0.95, 1.5", "0.9, 0.8, 2.0", "0.9, 0.9, 3.0"})
    void shouldFireWhenTheDoubleExponentialImpulseResponseCrossesTheThreshold(final float du, final float dv,
        final float theta)
    {
        final int n = firstCrossing(false, du, dv, theta);
        final Model model = single(cuba(theta, du, dv), ChipSpec.getDefaultInstance(), 100, 0);
        final RunResult chip = TestModels.run(model, 1);
        assertEquals(1, chip.raster().size());
        assertEquals(n, chip.raster().tick(0), "chip");
        final SpikeRaster exact = floatReference(model, 100);
        assertEquals(1, exact.size());
        assertEquals(n, exact.tick(0), "float reference");
    }

    /** An input spike every tick (a step of current into the synapse): the first spike where the closed form says. */
    @ParameterizedTest
    @CsvSource({"0.8, 0.9, 20", "0.5, 0.95, 10", "0.9, 0.8, 30", "0.9, 0.9, 40"})
    void shouldFireWhenTheStepResponseCrossesTheThreshold(final float du, final float dv, final float theta)
    {
        final int n = firstCrossing(true, du, dv, theta);
        final int[] every = new int[200];
        for (int t = 0; t < every.length; t++)
        {
            every[t] = t;
        }
        final Model model = single(cuba(theta, du, dv), ChipSpec.getDefaultInstance(), 200, every);
        assertEquals(n, TestModels.run(model, 1).raster().tick(0), "chip");
        assertEquals(n, floatReference(model, 200).tick(0), "float reference");
    }

    /** The synaptic current keeps integrating while the neuron is refractory (Lava's LIF with refractoriness). */
    @Test
    void shouldIntegrateTheCurrentWhileRefractory()
    {
        // d_u = 1, d_v = 0: v = bias + u. Bias 2 against threshold 1.5 fires at tick 0; refractory in ticks 1..3. Two
        // inhibitory inputs of -1 arrive in ticks 1 and 2, inside the refractory period: u = -2 stays, so from tick 4
        // on v = 2 - 2 = 0 and the neuron never fires again. (Had the current ignored them, it would fire at 4, 8, ...)
        final LifNeuron n = cuba(1.5f, 1f, 0f).toBuilder().setBias(2f).setRefractoryTicks(3).build();
        final Model base = single(n, ChipSpec.getDefaultInstance(), 20, 0, 1);
        final Model model = base.toBuilder().setNetwork(base.getNetwork().toBuilder()
            .setProjections(0, Projection.newBuilder().setSource("in").setTarget("n").addWeights(-1f))).build();
        final SpikeRaster chip = TestModels.run(model, 1).raster();
        assertEquals(1, chip.size());
        assertEquals(0, chip.tick(0));
        assertEquals(chip, floatReference(model, 20));
    }

    /**
     * The current saturates at the membrane width: with d_u = 1 and d_v = 0 (v = u), inputs -100, -100, +100, +100 in
     * ticks 1..4 leave u at -128 + 200 = 72 with an 8-bit membrane (fires at threshold 50 from tick 4 on), at 0 with
     * 32 bits (never fires).
     */
    @ParameterizedTest
    @CsvSource({"8, 4", "0, -1"})
    void shouldSaturateTheCurrentAtTheMembraneWidth(final int membraneBits, final long firstSpike)
    {
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 2))
                .addPopulations(Population.newBuilder().setName("n").setSize(1).setLif(cuba(50f, 1f, 0f))
                    .setWeightScale(1.0))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("n").addWeights(-100f)
                    .addWeights(100f)))
            .setStimulus(org.chipsim.proto.v1.Stimulus.newBuilder().setSpikeTrains(
                org.chipsim.proto.v1.SpikeTrains.newBuilder()
                    .addTrains(org.chipsim.proto.v1.SpikeTrain.newBuilder().setPopulation("in").setNeuron(0)
                        .addTicks(0).addTicks(1))
                    .addTrains(org.chipsim.proto.v1.SpikeTrain.newBuilder().setPopulation("in").setNeuron(1)
                        .addTicks(2).addTicks(3))))
            .setChip(ChipSpec.newBuilder().setMembraneBits(membraneBits))
            .setRun(RunConfig.newBuilder().setTicks(10).addRecordPopulations("n"))
            .build();
        final RunResult chip = TestModels.run(model, 1);
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT).run(10)
            .filter(2, 3);
        assertEquals(reference, chip.raster());
        assertEquals(firstSpike, chip.raster().size() == 0 ? -1 : chip.raster().tick(0));
    }

    /** The mapping network (partial sums, delays, recurrence, refractoriness) with CUBA neurons. */
    private static Model cubaNetwork(final long seed, final float currentDecay)
    {
        final Model model = TestModels.mappingNetwork(seed);
        final Network.Builder network = model.getNetwork().toBuilder();
        for (int p = 1; p < network.getPopulationsCount(); p++)
        {
            final Population.Builder population = network.getPopulationsBuilder(p);
            population.setLif(population.getLif().toBuilder()
                .setSynapticCurrent(SynapticCurrent.newBuilder().setDecay(currentDecay)));
        }
        return model.toBuilder().setNetwork(network).build();
    }

    @Test
    void shouldMatchTheFixedPointReferenceForOneTwoAndFourWorkers()
    {
        final Model model = cubaNetwork(5, 0.7f);
        final ChipProgram program = Compiler.compile(model);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
            .run(one.ticks());
        assertTrue(reference.size() > 1000, "active: " + reference.size());
        assertTrue(one.total(CoreCounter.PSUM_PACKETS_SENT) > 0, "partial sums exercised");
        assertEquals(reference, one.raster());
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            assertEquals(one.raster(), many.raster(), workers + " workers");
            for (final CoreCounter counter : CoreCounter.values())
            {
                assertEquals(one.total(counter), many.total(counter), counter + ", " + workers + " workers");
            }
        }
    }

    @Test
    void shouldBeThePlainLifWhenTheCurrentHasNoMemory()
    {
        // d_u = 0: u is the tick's input, so the CUBA loop must give the LIF loop's spikes exactly
        final RunResult lif = TestModels.run(TestModels.mappingNetwork(9), 2);
        final RunResult cuba = TestModels.run(cubaNetwork(9, 0f), 2);
        assertTrue(lif.raster().size() > 1000);
        assertEquals(lif.raster(), cuba.raster());
    }

    /**
     * The fixed-point chip (8-bit weights, 16-bit fixed-point current, integer membrane) against the float reference:
     * the hidden layer's spike count within 1 % (measured: 0.07 %).
     */
    @Test
    void shouldStayCloseToTheFloatReference()
    {
        final Model model = cubaNetwork(11, 0.6f);
        final RunResult chip = TestModels.run(model, 1);
        final SpikeRaster exact = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT).run(chip.ticks());
        final NetworkIndex index = chip.index();
        final int hidden = index.indexOf("hidden");
        final long chipSpikes = chip.populationSpikes(hidden);
        final long floatSpikes = exact.filter(index.firstGlobalId(hidden), index.firstGlobalId(hidden + 1)).size();
        assertTrue(floatSpikes > 1000, "active: " + floatSpikes);
        assertTrue(Math.abs(chipSpikes - floatSpikes) <= 0.01 * floatSpikes,
            "chip " + chipSpikes + " vs float " + floatSpikes);
    }

    @Test
    void shouldRefuseBadCurrentParameters()
    {
        final ModelException range = assertThrows(ModelException.class, () -> Compiler.compile(single(
            cuba(1f, 1.5f, 0.9f), ChipSpec.getDefaultInstance(), 10, 0)));
        assertTrue(range.getMessage().contains("synaptic_current.decay"), range.getMessage());
        final LifNeuron adaptive = cuba(1f, 0.5f, 0.9f).toBuilder()
            .setHomeostasis(Homeostasis.newBuilder().setThetaPlus(0.1f).setTauThetaTicks(10f)).build();
        final ModelException both = assertThrows(ModelException.class, () -> Compiler.compile(single(adaptive,
            ChipSpec.getDefaultInstance(), 10, 0)));
        assertTrue(both.getMessage().contains("homeostasis"), both.getMessage());
    }
}
