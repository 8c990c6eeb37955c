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
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.ShortTermPlasticity;
import org.chipsim.proto.v1.SparseWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hybrid global-local plasticity: P by hand, the current W + alpha P, determinism, write-back, bad input. */
class HybridTest
{
    private static Plasticity hybrid(final HybridGl.Builder rule)
    {
        return Plasticity.newBuilder().setHybridGl(rule).build();
    }

    /** pre -> post (one synapse, weight W) with the given rule; the population's scale is 1 (one step = 1.0). */
    private static Model single(final float w, final HybridGl.Builder rule, final Population.Builder post,
        final int ticks, final int... preTicks)
    {
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(post.setName("post").setSize(1).setWeightScale(1.0))
                .addProjections(dense("pre", "post", new float[] {w}, 0).toBuilder().setPlasticity(hybrid(rule))))
            .setStimulus(TestModels.spikes("pre", 0, preTicks))
            .setRun(RunConfig.newBuilder().setTicks(ticks).setSeed(5).addRecordPopulations("post"))
            .build();
    }

    /**
     * One pre spike (stimulus tick 4, delivered at tick 5), sbar = s (tau_pre = 0), gamma = 0.5, P(0) = 4 steps:
     * after ticks 0..7 P = 4 * 0.5^8 + beta * tanh(v/v_th - eta) * 0.5^2, with v = W (no fire) or v_th (fire),
     * in units of 1/256 step within the 2 units that eight stochastic roundings allow (sum of 0.5^k).
     */
    @ParameterizedTest
    @CsvSource({"30, -0.2", "120, 0.5", "30, 0.8", "60, 0.1"})
    void shouldUpdatePAsComputedByHand(final float w, final float eta)
    {
        final float beta = 8f;
        final HybridGl.Builder rule = HybridGl.newBuilder().setAlpha(0f).setGamma(0.5f).addBeta(beta).addEta(eta)
            .setPMax(50f).addPInit(4f);
        final RunResult result = TestModels.run(single(w, rule, Population.newBuilder()
            .setLif(neuron(100f).build()), 8, 4), 1);
        final double v = Math.min(w, 100) / 100.0;
        final double expected = 256 * (4 * Math.pow(0.5, 8) + beta * Math.tanh(v - eta) * 0.25);
        final int p = result.localWeights(0)[0];
        assertTrue(Math.abs(p - expected) < 2.0, "P " + p + ", expected " + expected);
        assertTrue(Math.abs(expected) > 100, "the update is visible: " + expected);
        assertEquals(8, result.total(CoreCounter.LEARN_UPDATES), "one update per tick");
        assertEquals(w >= 100 ? 1 : 0, result.raster().size(), "the neuron fired as intended");
    }

    /** A decaying pre trace: sbar = (1 - d) * d^k, P after one update at the end of an epoch of 6 ticks. */
    @Test
    void shouldUseThePreTraceSampledAtTheEndOfTheEpoch()
    {
        final HybridGl.Builder rule = HybridGl.newBuilder().setAlpha(0f).setGamma(1f).addBeta(40f).addEta(-0.49f)
            .setPMax(50f).setTauPreTicks(4f).setEpochTicks(6);
        // pre delivered at tick 2 (v = W = 1 from then on: v / v_th - eta = 0.5); the epoch's update runs at tick 5
        final RunResult result = TestModels.run(single(1f, rule, Population.newBuilder()
            .setLif(neuron(100f).build()), 6, 1), 1);
        final double d = Math.exp(-1 / 4.0);
        final double expected = 256 * 40 * (1 - d) * Math.pow(d, 3) * Math.tanh(0.5);
        final int p = result.localWeights(0)[0];
        assertTrue(Math.abs(p - expected) < 1.5, "P " + p + ", expected " + expected);
        assertEquals(1, result.total(CoreCounter.LEARN_UPDATES), "one update in one epoch");
    }

    /**
     * Pre spikes every tick for 20 ticks into an IF neuron (threshold 100, reset by subtraction): the current per
     * spike is W + alpha P = 30 + alpha * 20, so the neuron fires floor(20 (30 + 20 alpha) / 100) times (P frozen:
     * gamma = 1, beta = 0).
     */
    @ParameterizedTest
    @CsvSource({"0, 6", "0.5, 8", "-0.5, 4", "1.0, 10"})
    void shouldDriveTheNeuronWithWPlusAlphaP(final float alpha, final int spikes)
    {
        final HybridGl.Builder rule = HybridGl.newBuilder().setAlpha(alpha).setGamma(1f).addBeta(0f)
            .setPMax(50f).addPInit(20f);
        final int[] ticks = new int[20];
        for (int t = 0; t < ticks.length; t++)
        {
            ticks[t] = t;
        }
        final RunResult result = TestModels.run(single(30f, rule, Population.newBuilder()
            .setLif(neuron(100f).setResetMode(ResetMode.RESET_SUBTRACT).build()), 30, ticks), 1);
        assertEquals(spikes, result.raster().size());
        assertEquals(20 * 256 * 20, result.localWeights(0)[0] * 20, "P is unchanged (gamma 1, beta 0)");
        assertEquals(20, result.total(CoreCounter.SOPS), "one SOP per delivered spike and synapse");
    }

    /** 100 Poisson inputs -> 300 LIF neurons, dense hybrid plus a sparse hybrid projection and a static recurrent one. */
    static Model network()
    {
        final SplittableRandom random = new SplittableRandom(17);
        final HybridGl.Builder rule = HybridGl.newBuilder().setAlpha(0.8f).addBeta(0.05f).setPMax(0.2f)
            .setTauPreTicks(5f);
        for (int j = 0; j < 300; j++)
        {
            rule.addEta((float)(random.nextDouble() * 0.5));
        }
        final SparseWeights.Builder sparse = SparseWeights.newBuilder();
        final HybridGl.Builder sparseRule = rule.clone().setAlpha(0.3f).setGamma(0.9f).clearBeta().addBeta(0.02f);
        for (int k = 0; k < 2000; k++)
        {
            final int pre = k % 50;
            final int post = (k * 7 + k / 50) % 300;
            sparse.addPre(pre).addPost(post).addWeight((float)(random.nextDouble() * 0.2));
            sparseRule.addPInit((float)(random.nextDouble() * 0.1 - 0.05));
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(input("in2", 50))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, -0.1f, 0.3f), 0)
                    .toBuilder().setPlasticity(hybrid(rule)))
                .addProjections(Projection.newBuilder().setSource("in2").setTarget("n").setSparse(sparse)
                    .setPlasticity(hybrid(sparseRule)))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 3, 60, 0.1, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
    }

    @Test
    void shouldLearnTheSameLocalWeightsFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(network());
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.LEARN_UPDATES) > 10_000, "learning happened");
        int changed = 0;
        for (int k = 0; k < one.coreCount(); k++)
        {
            final short[] p = one.localWeights(k);
            if (p == null)
            {
                continue;
            }
            final byte[] initial = program.getCores(k).getHybridPInitQ8().toByteArray();
            for (int c = 0; c < p.length; c++)
            {
                changed += p[c] != (short)((initial[2 * c] & 0xFF) | initial[2 * c + 1] << 8) ? 1 : 0;
            }
        }
        assertTrue(changed > 1000, "P changed: " + changed);
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            assertEquals(one.raster(), many.raster());
            for (int k = 0; k < one.coreCount(); k++)
            {
                assertArrayEquals(one.localWeights(k), many.localWeights(k), workers + " workers, core " + k);
            }
            assertEquals(one.total(CoreCounter.LEARN_UPDATES), many.total(CoreCounter.LEARN_UPDATES));
            assertEquals(one.total(CoreCounter.MEM_READ_BYTES), many.total(CoreCounter.MEM_READ_BYTES));
        }
    }

    @Test
    void shouldSaveWAndPThatReloadToTheSameIntegers()
    {
        final Model model = network();
        final ChipProgram program = Compiler.compile(model);
        final RunResult result = new ChipSimulation(program, RunOptions.defaults()).run();
        final ChipProgram reloaded = Compiler.compile(LearnedModel.apply(model, result));
        int nonZero = 0;
        for (int k = 0; k < result.coreCount(); k++)
        {
            final CoreProgram before = program.getCores(k);
            final CoreProgram after = reloaded.getCores(k);
            assertEquals(before.getWeights(), after.getWeights(), "W is frozen and reloads the same, core " + k);
            assertEquals(before.getHybridMask(), after.getHybridMask());
            final short[] p = result.localWeights(k);
            if (p == null)
            {
                assertEquals(0, after.getAxonHybridCount(), "core " + k + " has no hybrid row");
                continue;
            }
            final byte[] saved = after.getHybridPInitQ8().toByteArray();
            for (int c = 0; c < p.length; c++)
            {
                assertEquals(p[c], (short)((saved[2 * c] & 0xFF) | saved[2 * c + 1] << 8), "core " + k + " cell " + c);
                nonZero += p[c] != 0 ? 1 : 0;
            }
        }
        assertTrue(nonZero > 1000, "P learned: " + nonZero);
    }

    @Test
    void shouldRefuseBadHybridRules()
    {
        final HybridGl.Builder good = HybridGl.newBuilder().setAlpha(1f).addBeta(1f).setPMax(1f);
        final Population.Builder post = Population.newBuilder().setLif(neuron(1f).build());
        assertThrows(ModelException.class, () -> Compiler.compile(single(1f, good.clone().setPMax(0f), post, 5)));
        assertThrows(ModelException.class, () -> Compiler.compile(single(1f, good.clone().addBeta(2f), post, 5)));
        assertThrows(ModelException.class, () -> Compiler.compile(single(1f, good.clone().setGamma(1.5f), post, 5)));
        assertThrows(ModelException.class, () -> Compiler.compile(single(1f, good.clone().addPInit(1f).addPInit(1f),
            post, 5)));
        final Model withStp = single(1f, good, post, 5);
        final Model.Builder b = withStp.toBuilder();
        b.getNetworkBuilder().getProjectionsBuilder(0).setStp(ShortTermPlasticity.newBuilder().setU(0.5f)
            .setTauFTicks(5).setTauDTicks(5));
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(b.build()));
        assertTrue(e.getMessage().contains("hybrid_gl and stp"), e.getMessage());
    }
}
