package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.StdpTriplet;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/** Triplet STDP (Pfister & Gerstner 2006) on the chip against a hand computation, and determinism across workers. */
class TripletStdpTest
{
    /** Weights into 'post' are 0.1 (learning) and 2.0 (drive): scale = 2 / 127 current units per step. */
    private static final double SCALE = 2.0 / 127;
    private static final float TAU_PLUS = 4f;
    private static final float TAU_MINUS = 6f;
    private static final float TAU_X = 15f;
    private static final float TAU_Y = 20f;

    private static Plasticity triplet(final float a2Plus, final float a3Plus, final float a2Minus,
        final float a3Minus)
    {
        return Plasticity.newBuilder().setStdpTriplet(StdpTriplet.newBuilder().setA2Plus(a2Plus).setA3Plus(a3Plus)
            .setA2Minus(a2Minus).setA3Minus(a3Minus).setTauPlusTicks(TAU_PLUS).setTauMinusTicks(TAU_MINUS)
            .setTauXTicks(TAU_X).setTauYTicks(TAU_Y)).build();
    }

    /** One learning synapse pre -> post; 'drive' makes post fire one tick after each of its spikes. */
    private static Model pattern(final int[] preTicks, final int[] driveTicks, final Plasticity plasticity,
        final long seed)
    {
        final SpikeTrain.Builder pre = SpikeTrain.newBuilder().setPopulation("pre").setNeuron(0);
        final SpikeTrain.Builder drive = SpikeTrain.newBuilder().setPopulation("drive").setNeuron(0);
        for (final int t : preTicks)
        {
            pre.addTicks(t);
        }
        for (final int t : driveTicks)
        {
            drive.addTicks(t);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(input("drive", 1))
                .addPopulations(lif("post", 1, neuron(1.0f).build()))
                .addProjections(dense("pre", "post", new float[] {0.1f}, 0).toBuilder().setPlasticity(plasticity))
                .addProjections(dense("drive", "post", new float[] {2.0f}, 0)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder().addTrains(pre)
                .addTrains(drive)))
            .setRun(RunConfig.newBuilder().setTicks(60).setSeed(seed))
            .build();
    }

    /**
     * Pattern (times at the core): pre at 11, post at 14 and 17, pre again at 20. By hand, with every trace read
     * before its own spike's jump:
     * <pre>
     *   post 14:  + x1(14) * (A2+ + A3+ * y2(14))   x1(14) = e^{-3/tau+},            y2(14) = 0
     *   post 17:  + x1(17) * (A2+ + A3+ * y2(17))   x1(17) = e^{-6/tau+},            y2(17) = e^{-3/tau_y}
     *   pre 20:   - y1(20) * (A2- + A3- * x2(20))   y1(20) = e^{-6/tau-} + e^{-3/tau-}, x2(20) = e^{-9/tau_x}
     *   (pre 11:  y1(11) = 0, no change)
     * </pre>
     * Each of the three changes rounds stochastically to a neighbouring integer step, so the learned weight is within
     * 3 steps of the exact value; the triplet terms alone are worth far more than that.
     */
    @Test
    void shouldMatchAHandComputationOnAKnownSpikePattern()
    {
        final float a2Plus = 0.1f;
        final float a3Plus = 0.8f;
        final float a2Minus = 0.05f;
        final float a3Minus = 0.2f;
        final double potentiation = Math.exp(-3 / TAU_PLUS) * a2Plus
            + Math.exp(-6 / TAU_PLUS) * (a2Plus + a3Plus * Math.exp(-3 / TAU_Y));
        final double y1 = Math.exp(-6 / TAU_MINUS) + Math.exp(-3 / TAU_MINUS);
        final double depression = y1 * (a2Minus + a3Minus * Math.exp(-9 / TAU_X));
        final double expected = Math.round(0.1 / SCALE) + (potentiation - depression) / SCALE;
        final double tripletPlus = Math.exp(-6 / TAU_PLUS) * a3Plus * Math.exp(-3 / TAU_Y) / SCALE;
        final double tripletMinus = y1 * a3Minus * Math.exp(-9 / TAU_X) / SCALE;
        assertTrue(tripletPlus > 6 && tripletMinus > 6, "each triplet term is worth more than the rounding: " +
            tripletPlus + ", " + tripletMinus);
        for (final long seed : new long[] {1, 2, 3, 4, 5})
        {
            final RunResult result = TestModels.run(pattern(new int[] {10, 19}, new int[] {13, 16},
                triplet(a2Plus, a3Plus, a2Minus, a3Minus), seed), 1);
            final int learned = result.learnedWeights(0)[0];
            assertTrue(Math.abs(learned - expected) < 3.0, "seed " + seed + ": learned " + learned + ", expected " +
                expected);
            assertEquals(3, result.total(CoreCounter.LEARN_UPDATES), "2 potentiations and 1 depression (the first " +
                "pre spike meets a zero post trace; the drive row does not learn)");
        }
    }

    /** 100 Poisson inputs learning into 300 neurons (two cores), with recurrent fixed weights. */
    private static Model network(final Plasticity plasticity)
    {
        final SplittableRandom random = new SplittableRandom(23);
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.3f), 0)
                    .toBuilder().setPlasticity(plasticity.toBuilder().setWMin(0f).setWMax(0.3f)))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.1, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
    }

    @Test
    void shouldLearnTheSameWeightsFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(network(triplet(0.005f, 0.01f, 0.006f, 0.002f)));
        TestModels.assertSameLearningFor1And2And4Workers(program);
    }

    @Test
    void shouldEqualPairStdpWhenTheTripletAmplitudesAreZero()
    {
        final Plasticity pair = Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder().setAPlus(0.01f)
            .setAMinus(0.012f).setTauPlusTicks(TAU_PLUS).setTauMinusTicks(TAU_MINUS)).build();
        final RunResult a = TestModels.run(network(pair), 1);
        final RunResult b = TestModels.run(network(triplet(0.01f, 0f, 0.012f, 0f)), 1);
        assertEquals(a.raster(), b.raster());
        for (int k = 0; k < a.coreCount(); k++)
        {
            assertArrayEquals(a.learnedWeights(k), b.learnedWeights(k), "core " + k);
        }
    }

    @Test
    void shouldRefuseNegativeAmplitudes()
    {
        final ModelException e = assertThrows(ModelException.class,
            () -> Compiler.compile(network(triplet(0.01f, -0.1f, 0.01f, 0f))));
        assertTrue(e.getMessage().contains("a3_plus"), e.getMessage());
    }
}
