package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.CoreLearnedState;
import org.chipsim.proto.v1.Homeostasis;
import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RewardInput;
import org.chipsim.proto.v1.Rstdp;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * --save-model carries the whole learned state (weights, theta, traces, tags, draw counts): running 2N ticks equals
 * running N, saving, reloading and running the next N (the save falls on a sample boundary with reset between samples
 * and no spike in flight).
 */
class LearnedStateTest
{
    private static final int T = 50;
    private static final int SAMPLES = 4;

    /** Spikes of samples [from, to), shifted back by from * T ticks. */
    private static Stimulus stimulus(final int from, final int to)
    {
        final SplittableRandom random = new SplittableRandom(99);
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder().setTicksPerSample(T).setResetBetweenSamples(true);
        final String[] populations = {"in", "in2", "reward", "in3"};
        final int[] sizes = {20, 10, 2, 8};
        final double[] rates = {0.15, 0.15, 0.05, 0.2};
        for (int p = 0; p < populations.length; p++)
        {
            for (int i = 0; i < sizes[p]; i++)
            {
                final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation(populations[p]).setNeuron(i);
                for (int s = 0; s < SAMPLES; s++)
                {
                    for (int t = 0; t < T - 10; t++)
                    {
                        // drawn for every sample so every slice sees the same spikes
                        final boolean spike = random.nextDouble() < rates[p];
                        if (spike && s >= from && s < to)
                        {
                            train.addTicks((s - from) * T + t);
                        }
                    }
                }
                trains.addTrains(train);
            }
        }
        return Stimulus.newBuilder().setSpikeTrains(trains).build();
    }

    private static Model model(final int from, final int to)
    {
        final SplittableRandom random = new SplittableRandom(7);
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 20))
                .addPopulations(input("in2", 10))
                .addPopulations(input("reward", 2))
                .addPopulations(lif("n", 10, neuron(1.0f).setDecay(0.9f).setRefractoryTicks(1)
                    .setHomeostasis(Homeostasis.newBuilder().setThetaPlus(0.2f).setTauThetaTicks(60f)).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 200, 1.0, 0f, 0.5f), 0)
                    .toBuilder().setPlasticity(Plasticity.newBuilder().setRstdp(Rstdp.newBuilder().setAPlus(0.05f)
                        .setAMinus(0.04f).setTauPlusTicks(6).setTauMinusTicks(6).setTauETicks(30).setEta(1f))
                        .setWMin(0f).setWMax(0.6f)))
                .addProjections(dense("in2", "n", TestModels.randomWeights(random, 100, 1.0, 0f, 0.5f), 0)
                    .toBuilder().setPlasticity(Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder()
                        .setAPlus(0.03f).setAMinus(0.03f).setTauPlusTicks(8).setTauMinusTicks(6))
                        .setWMin(0f).setWMax(0.6f)))
                .addProjections(Projection.newBuilder().setSource("reward").setTarget("n")
                    .setReward(RewardInput.newBuilder().addValues(1f).addValues(-1f)))
                .addPopulations(input("in3", 8))
                .addProjections(dense("in3", "n", TestModels.randomWeights(random, 80, 1.0, 0.01f, 0.2f), 0)
                    .toBuilder().setPlasticity(Plasticity.newBuilder().setHybridGl(HybridGl.newBuilder()
                        .setAlpha(1f).setGamma(0.98f).addBeta(0.05f).addEta(0.3f).setPMax(0.3f)
                        .setTauPreTicks(5f).setEpochTicks(5)))))
            .setStimulus(stimulus(from, to))
            .setRun(RunConfig.newBuilder().setTicks((long)(to - from) * T).setSeed(11))
            .build();
    }

    private static RunResult run(final Model model)
    {
        return new ChipSimulation(Compiler.compile(model), RunOptions.defaults().withWorkers(1)).run();
    }

    @Test
    void shouldContinueBitIdenticallyFromASavedModel()
    {
        final RunResult whole = run(model(0, SAMPLES));
        final RunResult first = run(model(0, SAMPLES / 2));
        final Model saved = LearnedModel.apply(model(0, SAMPLES / 2), first).toBuilder()
            .setStimulus(stimulus(SAMPLES / 2, SAMPLES)).build();
        final RunResult second = run(saved);
        final CoreLearnedState end = whole.learnedState(0);
        assertTrue(end.getThetaQ16List().stream().anyMatch(v -> v > 1000), "theta learned: " + end.getThetaQ16List());
        assertTrue(end.getTagQ16List().stream().filter(v -> v != 0).count() > 20, "tags set");
        assertTrue(whole.total(CoreCounter.LEARN_UPDATES) > 1000, "learning happened");
        assertArrayEquals(whole.learnedWeights(0), second.learnedWeights(0), "weights");
        assertArrayEquals(whole.localWeights(0), second.localWeights(0), "hybrid P");
        assertTrue(end.getHybridDraws() > 100, "hybrid P rounded stochastically: " + end.getHybridDraws());
        assertEquals(end, second.learnedState(0), "theta, traces, tags and draw counts");
        assertEquals(whole.total(CoreCounter.SPIKES_OUT) - first.total(CoreCounter.SPIKES_OUT),
            second.total(CoreCounter.SPIKES_OUT), "the second half fires the same spikes");

        // without the state besides the weights, the continuation differs: the test can fail
        final Model.Builder weightsOnly = saved.toBuilder();
        weightsOnly.getRunBuilder().clearLearningDraws().clearHybridDraws();
        weightsOnly.getNetworkBuilder().getPopulationsBuilder(3).getLifBuilder().getHomeostasisBuilder()
            .clearThetaInit();
        for (int j = 0; j < 2; j++)
        {
            weightsOnly.getNetworkBuilder().getProjectionsBuilder(j).getPlasticityBuilder().clearLearnedTraces();
        }
        weightsOnly.getNetworkBuilder().getProjectionsBuilder(0).getPlasticityBuilder().getRstdpBuilder()
            .clearTagInit();
        final RunResult restarted = run(weightsOnly.build());
        assertNotEquals(end, restarted.learnedState(0));
    }
}
