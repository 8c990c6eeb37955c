package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pair STDP on the chip against its closed form, bounds, determinism across workers, and write-back. */
class StdpTest
{
    private static final float TAU = 5f;
    /** Weights into 'post' are 0.1 (learning) and 2.0 (drive): scale = 2 / 127 current units per step. */
    private static final double SCALE = 2.0 / 127;

    private static Plasticity stdp(final float aPlus, final float aMinus)
    {
        return Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder().setAPlus(aPlus).setAMinus(aMinus)
            .setTauPlusTicks(TAU).setTauMinusTicks(TAU)).build();
    }

    /** One learning synapse pre -> post; 'drive' makes post fire when it spikes. */
    private static Model pair(final int preTick, final int driveTick, final Plasticity plasticity)
    {
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(input("drive", 1))
                .addPopulations(lif("post", 1, neuron(1.0f).build()))
                .addProjections(dense("pre", "post", new float[] {0.1f}, 0).toBuilder().setPlasticity(plasticity))
                .addProjections(dense("drive", "post", new float[] {2.0f}, 0)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("pre").setNeuron(0).addTicks(preTick))
                .addTrains(SpikeTrain.newBuilder().setPopulation("drive").setNeuron(0).addTicks(driveTick))))
            .setRun(RunConfig.newBuilder().setTicks(60).setSeed(3))
            .build();
    }

    private static int learnedPreWeight(final Model model)
    {
        final RunResult result = TestModels.run(model, 1);
        // core 0 holds 'post'; axon 0 carries projection 0 (pre), axon 1 projection 1 (drive)
        final int[] weights = result.learnedWeights(0);
        assertEquals(127, weights[1], "the drive projection does not learn");
        return weights[0];
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 12})
    void shouldPotentiateByAPlusTimesExpMinusDtOverTauWhenPostFollowsPre(final int dt)
    {
        final float aPlus = 0.5f;
        // pre arrives at 11; post fires when the drive arrives, at 11 + dt
        final int learned = learnedPreWeight(pair(10, 10 + dt, stdp(aPlus, 0f)));
        final double expected = Math.round(0.1 / SCALE) + aPlus / SCALE * Math.exp(-dt / TAU);
        assertTrue(Math.abs(learned - expected) < 1.0, "dt " + dt + ": learned " + learned + ", expected " + expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 7})
    void shouldDepressByAMinusTimesExpMinusDtOverTauWhenPreFollowsPost(final int dt)
    {
        final float aMinus = 0.3f;
        final int learned = learnedPreWeight(pair(10 + dt, 10, stdp(0f, aMinus)));
        final double expected = Math.round(0.1 / SCALE) - aMinus / SCALE * Math.exp(-dt / TAU);
        assertTrue(Math.abs(learned - expected) < 1.0, "dt " + dt + ": learned " + learned + ", expected " + expected);
    }

    @Test
    void shouldNotPairSpikesOfTheSameTick()
    {
        assertEquals(Math.round(0.1 / SCALE), learnedPreWeight(pair(10, 10, stdp(0.5f, 0.5f))));
    }

    @Test
    void shouldKeepWeightsWithinTheBounds()
    {
        final Plasticity bounded = stdp(5f, 0f).toBuilder().setWMin(0f).setWMax(0.2f).build();
        final int learned = learnedPreWeight(pair(10, 11, bounded));
        assertEquals((int)Math.floor(0.2 / SCALE), learned, "clipped at w_max");
    }

    /** 100 Poisson inputs learning into 300 neurons (two cores), with recurrent fixed weights. */
    private static Model learningNetwork()
    {
        final SplittableRandom random = new SplittableRandom(23);
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.3f), 0)
                    .toBuilder().setPlasticity(stdp(0.01f, 0.012f).toBuilder().setWMin(0f).setWMax(0.3f)))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.1, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
    }

    @Test
    void shouldLearnTheSameWeightsFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(learningNetwork());
        TestModels.assertSameLearningFor1And2And4Workers(program);
    }

    @Test
    void shouldSaveLearnedWeightsThatReloadToTheSameIntegers()
    {
        final Model model = learningNetwork();
        final ChipProgram program = Compiler.compile(model);
        final RunResult result = new ChipSimulation(program, RunOptions.defaults()).run();
        final Model saved = LearnedModel.apply(model, result);
        final ChipProgram reloaded = Compiler.compile(saved);
        int changed = 0;
        for (int k = 0; k < result.coreCount(); k++)
        {
            final int[] learned = result.learnedWeights(k);
            final CoreProgram before = program.getCores(k);
            final CoreProgram after = reloaded.getCores(k);
            if (learned == null)
            {
                assertNull(result.learnedWeights(k));
                continue;
            }
            for (int a = 0; a < after.getAxonCount(); a++)
            {
                for (int n = 0; n < after.getNeuronCount(); n++)
                {
                    final int cell = a * after.getNeuronCount() + n;
                    if (after.getAxonRule(a) != 0)
                    {
                        assertEquals(learned[cell], after.getWeights().byteAt(cell), "core " + k + " cell " + cell);
                        changed += learned[cell] != before.getWeights().byteAt(cell) ? 1 : 0;
                    }
                    else
                    {
                        assertEquals(before.getWeights().byteAt(cell), after.getWeights().byteAt(cell));
                    }
                }
            }
        }
        assertTrue(changed > 100, "weights changed: " + changed);
    }

    @Test
    void shouldRefuseLearningRowsOnPartialSumCores()
    {
        final Model model = learningNetwork().toBuilder()
            .setChip(org.chipsim.proto.v1.ChipSpec.newBuilder().setAxonsPerCore(64)).build();
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(model));
        assertTrue(e.getMessage().contains("partial-sum"), e.getMessage());
    }

    @Test
    void shouldLeaveMissingSparseSynapsesAlone()
    {
        final Projection sparse = Projection.newBuilder().setSource("pre").setTarget("post")
            .setSparse(org.chipsim.proto.v1.SparseWeights.newBuilder().addPre(0).addPost(1).addWeight(0.1f))
            .setPlasticity(stdp(0.5f, 0f)).build();
        final Model model = pair(10, 12, stdp(0.5f, 0f)).toBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(input("drive", 1))
                .addPopulations(lif("post", 2, neuron(1.0f).build()))
                .addProjections(sparse)
                .addProjections(dense("drive", "post", new float[] {2.0f, 2.0f}, 0)))
            .build();
        final RunResult result = TestModels.run(model, 1);
        final int[] weights = result.learnedWeights(0);
        assertEquals(0, weights[0], "pre -> post 0 is no synapse and stays 0 although post 0 fired");
        assertTrue(weights[1] > Math.round(0.1 / SCALE), "pre -> post 1 learned: " + weights[1]);
    }
}
