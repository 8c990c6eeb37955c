package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RewardInput;
import org.chipsim.proto.v1.Rstdp;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reward-modulated STDP: eligibility tags, rewards as counted packets, w += eta * r * e by hand. */
class RstdpTest
{
    /** Weights into 'post' are 0.1 (learning) and 2.0 (drive): scale = 2 / 127 current units per step. */
    private static final double SCALE = 2.0 / 127;
    private static final float TAU = 5f;
    private static final float TAU_E = 20f;
    private static final float A_PLUS = 0.5f;

    private static Plasticity rstdp(final float eta)
    {
        return Plasticity.newBuilder().setRstdp(Rstdp.newBuilder().setAPlus(A_PLUS).setAMinus(0.2f)
            .setTauPlusTicks(TAU).setTauMinusTicks(TAU).setTauETicks(TAU_E).setEta(eta)).build();
    }

    /** pre arrives at 11, post fires at 14, reward spikes (input ticks) arrive one tick later, worth rewardValue. */
    private static Model model(final float eta, final float rewardValue, final int... rewardTicks)
    {
        final SpikeTrain.Builder reward = SpikeTrain.newBuilder().setPopulation("reward").setNeuron(0);
        for (final int t : rewardTicks)
        {
            reward.addTicks(t);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(input("drive", 1))
                .addPopulations(input("reward", 1))
                .addPopulations(lif("post", 1, neuron(1.0f).build()))
                .addProjections(dense("pre", "post", new float[] {0.1f}, 0).toBuilder().setPlasticity(rstdp(eta)))
                .addProjections(dense("drive", "post", new float[] {2.0f}, 0))
                .addProjections(Projection.newBuilder().setSource("reward").setTarget("post")
                    .setReward(RewardInput.newBuilder().addValues(rewardValue))))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("pre").setNeuron(0).addTicks(10))
                .addTrains(SpikeTrain.newBuilder().setPopulation("drive").setNeuron(0).addTicks(13))
                .addTrains(reward)))
            .setRun(RunConfig.newBuilder().setTicks(60).setSeed(3))
            .build();
    }

    private static final int INITIAL = (int)Math.round(0.1 / SCALE);

    @Test
    void shouldNotChangeWeightsWithoutReward()
    {
        final RunResult none = TestModels.run(model(2f, 1f), 1);
        assertEquals(INITIAL, none.learnedWeights(0)[0], "no reward packet: the tag never reaches the weight");
        final RunResult zero = TestModels.run(model(2f, 0f, 20, 25), 1);
        assertEquals(INITIAL, zero.learnedWeights(0)[0], "reward packets worth 0");
        assertEquals(none.total(CoreCounter.PACKETS_RECEIVED) + 2, zero.total(CoreCounter.PACKETS_RECEIVED),
            "each reward spike is one packet received");
    }

    /**
     * The pair at dt = 3 puts e = A+ e^{-3/tau+} (in steps) into the tag at tick 14; at the reward's tick R it has
     * decayed to e e^{-(R-14)/tau_e}, and the weight changes by eta r e (one stochastic rounding: within 1 step).
     */
    @ParameterizedTest
    @CsvSource({"1.0, 1.0, 14", "2.0, 0.5, 29", "0.5, -3.0, 19", "1.5, 2.0, 44"})
    void shouldChangeTheWeightByEtaTimesRewardTimesTag(final float eta, final float r, final int rewardArrival)
    {
        final RunResult result = TestModels.run(model(eta, r, rewardArrival - 1), 1);
        final double tag = A_PLUS / SCALE * Math.exp(-3 / TAU) * Math.exp(-(rewardArrival - 14) / TAU_E);
        final double expected = INITIAL + eta * r * tag;
        final int learned = result.learnedWeights(0)[0];
        assertTrue(Math.abs(learned - expected) < 1.0, "learned " + learned + ", expected " + expected);
        assertTrue(Math.abs(eta * r * tag) > 2, "the change is visible: " + eta * r * tag);
    }

    @Test
    void shouldLearnTheSameWeightsFor1And2And4Workers()
    {
        final SplittableRandom random = new SplittableRandom(31);
        final RewardInput.Builder values = RewardInput.newBuilder();
        for (int k = 0; k < 100; k++)
        {
            values.addValues(k % 3 == 0 ? -1f : k % 3 == 1 ? 1f : 0f);
        }
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.3f), 0)
                    .toBuilder().setPlasticity(rstdp(0.5f).toBuilder().setWMin(0f).setWMax(0.3f)))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("n").setReward(values))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.1, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
        final ChipProgram program = Compiler.compile(model);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.LEARN_UPDATES) > 10_000, "learning happened");
        int changed = 0;
        for (int k = 0; k < one.coreCount(); k++)
        {
            final int[] learned = one.learnedWeights(k);
            if (learned == null)
            {
                continue;
            }
            for (int a = 0; a < program.getCores(k).getAxonRuleCount(); a++)
            {
                for (int n = 0; n < program.getCores(k).getNeuronCount(); n++)
                {
                    final int cell = a * program.getCores(k).getNeuronCount() + n;
                    changed += learned[cell] != program.getCores(k).getWeights().byteAt(cell) ? 1 : 0;
                }
            }
        }
        assertTrue(changed > 100, "rewards changed weights: " + changed);
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            assertEquals(one.raster(), many.raster());
            for (int k = 0; k < one.coreCount(); k++)
            {
                assertArrayEquals(one.learnedWeights(k), many.learnedWeights(k), workers + " workers, core " + k);
            }
        }
    }
}
