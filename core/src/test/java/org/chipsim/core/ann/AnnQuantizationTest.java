package org.chipsim.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.core.ModelException;
import org.chipsim.core.ModelValidator;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.QuantizedAnn;
import org.junit.jupiter.api.Test;

/** The ANN-mode fixed-point steps (docs/ann-mode.md, section 2) and the ANN validation rules. */
class AnnQuantizationTest
{
    @Test
    void shouldRoundHalfUpAndClampToTheActivationRange()
    {
        assertEquals(7, AnnQuantization.activate(13, 8421634, 24, 0, 255));        // 6.53 -> 7
        assertEquals(15, AnnQuantization.activate(5, 3, 0, 0, 255));                // shift 0: no rounding term
        assertEquals(2, AnnQuantization.activate(3, 1 << 15, 16, 0, 255));          // 1.5 -> 2 (half up)
        assertEquals(0, AnnQuantization.activate(-1, 1 << 15, 16, -127, 127));      // -0.5 -> 0 (half up)
        assertEquals(-1, AnnQuantization.activate(-3, 1 << 15, 16, -127, 127));     // -1.5 -> -1 (half up)
        assertEquals(255, AnnQuantization.activate(1000, 1 << 23, 16, 0, 255));     // saturates at 2^B - 1
        assertEquals(0, AnnQuantization.activate(-1000, 1 << 23, 16, 0, 255));      // RELU
        assertEquals(-127, AnnQuantization.activate(-1_000_000, 1 << 20, 20, -127, 127));
    }

    @Test
    void shouldSaturateTheAccumulatorAt40BitsBeforeTheMultiply()
    {
        // 2^50 x 2^23 would overflow 64 bits; clamped to 2^39 - 1 first, the product fits and the result saturates
        assertEquals(Integer.MAX_VALUE, AnnQuantization.activate(1L << 50, (1 << 24) - 1, 23, Integer.MIN_VALUE,
            Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, AnnQuantization.activate(-(1L << 50), (1 << 24) - 1, 23, Integer.MIN_VALUE,
            Integer.MAX_VALUE));
        // 2^45 clamps to 2^39 - 1: (2^39 - 1 + 2^9) >> 10 = 2^29 (unclamped it would be 2^35, beyond int)
        assertEquals(1 << 29, AnnQuantization.activate(1L << 45, 1, 10, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void shouldPickTheLargestShiftThatKeepsTheMultiplierBelow2To24()
    {
        final AnnNeuron relu8 = AnnNeuron.getDefaultInstance();     // RELU, 8 bits, max 1.0: step 1/255
        final QuantizedAnn half = AnnQuantization.quantize("p", relu8, 0.5 / 255, false);
        assertEquals(1 << 23, half.getOutMultiplier());
        assertEquals(24, half.getOutShift());
        final QuantizedAnn big = AnnQuantization.quantize("p", relu8, 1000.0 / 255, true);
        assertEquals(Math.round(1000.0 * (1 << 14)), big.getOutMultiplier());      // 1000 x 2^14 < 2^24 <= 2^15 x 1000
        assertEquals(14, big.getOutShift());
        final ModelException tooBig = assertThrows(ModelException.class,
            () -> AnnQuantization.quantize("p", relu8, (1 << 25) / 255.0, false));
        assertTrue(tooBig.getMessage().contains("worth more than 2^24 activation steps"), tooBig.getMessage());
    }

    @Test
    void shouldFoldTheInputStepIntoTheWeight()
    {
        // W = 0.3, a spike count step of 1/4, accumulator step 0.25/127: 0.3 x 127 = 38.1 -> 38
        assertEquals(38, AnnQuantization.weight(0.3f, 0.25, 0.25 / 127, 8));
        assertEquals(-127, AnnQuantization.weight(-9f, 0.25, 0.25 / 127, 8), "clamped to the weight range");
        assertEquals(255, AnnQuantization.maxActivation(AnnActivation.ANN_ACTIVATION_RELU, 8));
        assertEquals(-127, AnnQuantization.minActivation(AnnActivation.ANN_ACTIVATION_CLAMP, 8));
        assertEquals(2.0 / 127, AnnQuantization.activationStep(AnnNeuron.newBuilder()
            .setActivation(AnnActivation.ANN_ACTIVATION_CLAMP).setActivationMax(2f).build()));
    }

    private static Population ann(final String name, final AnnNeuron.Builder ann)
    {
        return Population.newBuilder().setName(name).setSize(2).setAnn(ann).build();
    }

    private static String refusal(final Network.Builder network)
    {
        return assertThrows(ModelException.class,
            () -> ModelValidator.validate(Model.newBuilder().setNetwork(network).build())).getMessage();
    }

    private static Projection link(final String source, final String target)
    {
        return Projection.newBuilder().setSource(source).setTarget(target).addWeights(1f).addWeights(0.5f)
            .addWeights(0.2f).addWeights(0.1f).build();
    }

    @Test
    void shouldRefuseWhatAnAnnPopulationCannotDo()
    {
        final Population in = Population.newBuilder().setName("in").setSize(2).setInput(true).build();
        final Population lif = Population.newBuilder().setName("s").setSize(2)
            .setLif(LifNeuron.newBuilder().setThreshold(1f)).build();
        assertTrue(refusal(Network.newBuilder().addPopulations(in)
            .addPopulations(ann("a", AnnNeuron.newBuilder().setWindowTicks(4)))
            .addPopulations(ann("b", AnnNeuron.newBuilder().setWindowTicks(8)))
            .addProjections(link("in", "a")).addProjections(link("a", "b")))
            .contains("ann.window_ticks 8 differs from population 'a' (4)"));
        assertTrue(refusal(Network.newBuilder().addPopulations(in).addPopulations(lif)
            .addPopulations(ann("a", AnnNeuron.newBuilder()))
            .addPopulations(ann("b", AnnNeuron.newBuilder()))
            .addProjections(link("in", "a")).addProjections(link("a", "s")).addProjections(link("a", "b")))
            .contains("has both spiking ('s') and ANN ('b') targets"));
        assertTrue(refusal(Network.newBuilder().addPopulations(in.toBuilder().setAnn(AnnNeuron.getDefaultInstance())))
            .contains("an input population has no neuron model"));
        assertTrue(refusal(Network.newBuilder().addPopulations(in)
            .addPopulations(ann("a", AnnNeuron.newBuilder()).toBuilder().setWeightScale(0.1)))
            .contains("weight_scale is not supported for ANN populations"));
        assertTrue(refusal(Network.newBuilder().addPopulations(in)
            .addPopulations(ann("a", AnnNeuron.newBuilder().setActivationMax(-1f))))
            .contains("ann.activation_max must be a finite number > 0"));
        assertTrue(refusal(Network.newBuilder().addPopulations(in)
            .addPopulations(ann("a", AnnNeuron.newBuilder().addBiases(0.1f))))
            .contains("ann.biases has 1 entries"));
    }
}
