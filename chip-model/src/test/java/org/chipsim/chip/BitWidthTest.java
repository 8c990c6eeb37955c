package org.chipsim.chip;

import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chip's configurable widths (ChipSpec.weight_bits, accumulator_bits, membrane_bits) saturate exactly where they
 * say, on the chip and in the fixed-point reference alike, for 1, 2 and 4 workers. The target populations have
 * weight_scale 1, so every weight, threshold and bias below is its own integer step count.
 */
class BitWidthTest
{
    /**
     * Input neurons 0..k-1 fire at the given ticks, each into the single neuron "n" with weight w (dense); n has the
     * given neuron model.
     */
    private static Model model(final ChipSpec chip, final LifNeuron n, final float[] weights, final int[]... ticks)
    {
        final Projection.Builder projection = Projection.newBuilder().setSource("in").setTarget("n");
        for (final float w : weights)
        {
            projection.addWeights(w);
        }
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder();
        for (int i = 0; i < ticks.length; i++)
        {
            final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation("in").setNeuron(i);
            for (final int t : ticks[i])
            {
                train.addTicks(t);
            }
            trains.addTrains(train);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", weights.length))
                .addPopulations(Population.newBuilder().setName("n").setSize(1).setLif(n).setWeightScale(1.0))
                .addProjections(projection))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(trains))
            .setChip(chip)
            .setRun(RunConfig.newBuilder().setTicks(100).addRecordPopulations("n"))
            .build();
    }

    /** Spike ticks of "n", after checking that 2 and 4 workers and the fixed-point reference give the same. */
    private static long[] spikeTicks(final Model model)
    {
        final ChipProgram program = Compiler.compile(model);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        for (final int workers : new int[] {2, 4})
        {
            assertEquals(one.raster(), new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run()
                .raster(), workers + " workers");
        }
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
            .run(one.ticks());
        final int first = one.index().firstGlobalId(1);
        assertEquals(reference.filter(first, first + 1), one.raster(), "chip vs fixed-point reference");
        final long[] ticks = new long[one.raster().size()];
        for (int k = 0; k < ticks.length; k++)
        {
            ticks[k] = one.raster().tick(k);
        }
        return ticks;
    }

    /** A memoryless neuron (decay 0): it fires in a tick iff that tick's input, as the soma reads it, >= threshold. */
    private static LifNeuron memoryless(final float threshold)
    {
        return neuron(threshold).setDecay(0f).setDecaySet(true).build();
    }

    /**
     * Four inputs of 100 steps in one tick sum to 400; the soma reads min(400, 2^(a-1) - 1). With two axons per core
     * the sum arrives as two partial sums of 200 that add wide before the saturation, so the result does not depend on
     * which partial sum arrives first.
     */
    @ParameterizedTest
    @CsvSource({"0, 400, true", "0, 401, false", "8, 127, true", "8, 128, false", "9, 255, true", "9, 256, false",
        "10, 400, true"})
    void shouldSaturateTheDendriteSumAtTheAccumulatorWidth(final int accumulatorBits, final float threshold,
        final boolean fires)
    {
        final float[] weights = {100f, 100f, 100f, 100f};
        final int[] zero = {0};
        for (final int axons : new int[] {256, 2})
        {
            final ChipSpec chip = ChipSpec.newBuilder().setAccumulatorBits(accumulatorBits).setAxonsPerCore(axons)
                .build();
            final Model model = model(chip, memoryless(threshold), weights, zero, zero, zero, zero);
            if (axons == 2)
            {
                assertTrue(Compiler.compile(model).getCoresList().stream()
                    .anyMatch(c -> c.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM), "partial sums exercised");
            }
            assertEquals(fires ? 1 : 0, spikeTicks(model).length, "accumulator " + accumulatorBits + " bits, " +
                axons + " axons per core");
        }
    }

    @Test
    void shouldSaturateANegativeDendriteSumAtTheAccumulatorWidth()
    {
        // -4 x 100 saturates to -128 at 8 bits; an IF neuron with bias 8 is at v = 8 + 8 - 128 = -112 in tick 1 and
        // reaches the threshold 100 when -112 + 8 k >= 100, k = 27: tick 28. With 32 bits v = 16 - 400 = -384 in
        // tick 1, then k = 61: tick 62. (A 16-bit membrane holds both.)
        final float[] weights = {-100f, -100f, -100f, -100f};
        final int[] zero = {0};
        final LifNeuron n = neuron(100f).setBias(8f).build();
        final ChipSpec membrane16 = ChipSpec.newBuilder().setMembraneBits(16).build();
        assertEquals(28, spikeTicks(model(membrane16.toBuilder().setAccumulatorBits(8).build(), n, weights, zero, zero,
            zero, zero))[0]);
        assertEquals(62, spikeTicks(model(membrane16, n, weights, zero, zero, zero, zero))[0]);
    }

    /**
     * Inhibition of -100 steps in ticks 1..5 against bias 8: an 8-bit membrane stops at -128 and recovers to the
     * threshold 100 by tick 34 (-128 + 8 k >= 100 at k = 29 after tick 5); a 32-bit one falls to -452 and needs until
     * tick 74.
     */
    @ParameterizedTest
    @CsvSource({"8, 34", "0, 74", "32, 74"})
    void shouldSaturateANegativeMembraneAtTheMembraneWidth(final int membraneBits, final long firstSpike)
    {
        final Model model = model(ChipSpec.newBuilder().setMembraneBits(membraneBits).build(),
            neuron(100f).setBias(8f).build(), new float[] {-100f}, new int[] {0, 1, 2, 3, 4});
        assertEquals(firstSpike, spikeTicks(model)[0]);
    }

    /**
     * Three inputs of 100 in one tick into a subtractive-reset neuron of threshold 100: a 32-bit membrane holds 300 and
     * fires three ticks in a row (300, 200, 100); an 8-bit one saturates at 127, fires once and keeps 27.
     */
    @ParameterizedTest
    @CsvSource({"8, 1", "0, 3"})
    void shouldSaturateAPositiveMembraneAtTheMembraneWidth(final int membraneBits, final int spikes)
    {
        final int[] zero = {0};
        final Model model = model(ChipSpec.newBuilder().setMembraneBits(membraneBits).build(),
            neuron(100f).setResetMode(ResetMode.RESET_SUBTRACT).build(), new float[] {100f, 100f, 100f}, zero, zero,
            zero);
        final long[] ticks = spikeTicks(model);
        assertEquals(spikes, ticks.length);
        assertEquals(1, ticks[0]);
    }

    /**
     * At weight_bits 4 the largest weight is 7: a weight of 10 steps is stored as 7 (and -10 as -7), so a memoryless
     * neuron of threshold 8 never fires from it, while at 8 bits it does.
     */
    @Test
    void shouldClipWeightsAtTheWeightWidth()
    {
        final float[] weights = {10f, -10f};
        final int[] zero = {0};
        final Model narrow = model(ChipSpec.newBuilder().setWeightBits(4).build(), memoryless(8f), weights, zero,
            new int[] {5});
        final CoreProgram core = Compiler.compile(narrow).getCores(0);
        assertEquals(7, core.getWeights().byteAt(0));
        assertEquals(-7, core.getWeights().byteAt(1));
        assertEquals(0, spikeTicks(narrow).length);
        assertEquals(1, spikeTicks(model(ChipSpec.newBuilder().setWeightBits(4).build(), memoryless(7f), weights,
            zero, new int[] {5})).length, "the clipped weight 7 still reaches threshold 7");
        assertEquals(1, spikeTicks(model(ChipSpec.getDefaultInstance(), memoryless(8f), weights, zero,
            new int[] {5})).length);
    }

    /**
     * 1-bit weights are binary: 10 steps clip to 1, 0.4 rounds to 0 (the synapse is lost), so of two inputs into a
     * memoryless neuron of threshold 1 only the first makes it fire; a negative weight is refused.
     */
    @Test
    void shouldStoreOneBitWeightsAsBinary()
    {
        final ChipSpec oneBit = ChipSpec.newBuilder().setWeightBits(1).build();
        final Model model = model(oneBit, memoryless(1f), new float[] {10f, 0.4f}, new int[] {0}, new int[] {5});
        final CoreProgram core = Compiler.compile(model).getCores(0);
        assertEquals(1, core.getWeights().byteAt(0));
        assertEquals(0, core.getWeights().byteAt(1));
        assertArrayEquals(new long[] {1}, spikeTicks(model));
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(model(oneBit,
            memoryless(1f), new float[] {1f, -1f}, new int[] {0}, new int[] {5})));
        assertTrue(e.getMessage().contains("1-bit weights are binary"), e.getMessage());
    }

    @Test
    void shouldRefuseWidthsOutOfRange()
    {
        final LifNeuron n = neuron(100f).build();
        final float[] w = {1f};
        final int[] t = {0};
        assertThrows(ModelException.class, () -> Compiler.compile(model(ChipSpec.newBuilder().setMembraneBits(1)
            .build(), n, w, t)));
        assertThrows(ModelException.class, () -> Compiler.compile(model(ChipSpec.newBuilder().setMembraneBits(33)
            .build(), n, w, t)));
        // narrower than one 8-bit weight
        assertThrows(ModelException.class, () -> Compiler.compile(model(ChipSpec.newBuilder().setAccumulatorBits(7)
            .build(), n, w, t)));
        // threshold 200 steps does not fit an 8-bit membrane (max 127)
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(model(
            ChipSpec.newBuilder().setMembraneBits(8).build(), neuron(200f).build(), w, t)));
        assertTrue(e.getMessage().contains("membrane_bits"), e.getMessage());
    }
}
