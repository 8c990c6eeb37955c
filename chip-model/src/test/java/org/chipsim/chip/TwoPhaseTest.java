package org.chipsim.chip;

import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Sbp;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.TwoPhase;
import org.junit.jupiter.api.Test;

/**
 * Two-phase contrastive learning against a hand computation. One input neuron into two integrate-and-fire outputs
 * (threshold 4, no leak, weight_scale 1, weights 2 and 1 steps), phases of T = 10 ticks, beta = 10, eta = 250, one
 * sample of 20 ticks labelled 1. The input spikes at ticks 0..18, so its spikes arrive at 1..19.
 *
 * <pre>
 *   free phase (ticks 0..9):   c-_in = 9 arrivals (ticks 1..9); out 0 (+2 a tick) fires at 2, 4, 6, 8: c-_0 = 4;
 *                              out 1 (+1 a tick) fires at 4, 8: c-_1 = 2
 *   label 1 arrives before tick 10; teaching current per tick beta (target T - c-) / T, in steps: out 0: -4, out 1: +8
 *   nudged phase (10..19):     out 0 gets 2 - 4 < 0 a tick: silent, c+_0 = 0; out 1 gets 1 + 8 = 9: fires every
 *                              tick, c+_1 = 10
 *   dw = eta h-_in (h+_j - h-_j) / beta = eta / (beta T^2) c-_in (c+_j - c-_j) = 0.25 x 9 x (-4, +8) = (-9, +18)
 *   learned weights: 2 - 9 = -7, 1 + 18 = 19  (exact: no rounding draw)
 * </pre>
 */
class TwoPhaseTest
{
    private static Plasticity twoPhase(final int phaseTicks, final float eta, final float beta)
    {
        return Plasticity.newBuilder().setTwoPhase(TwoPhase.newBuilder().setPhaseTicks(phaseTicks).setEta(eta)
            .setBeta(beta)).build();
    }

    static Model tiny(final Plasticity plasticity)
    {
        final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation("in").setNeuron(0);
        for (int t = 0; t <= 18; t++)
        {
            train.addTicks(t);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 1))
                .addPopulations(lif("out", 2, neuron(4f).build()).toBuilder().setWeightScale(1.0))
                .addProjections(TestModels.dense("in", "out", new float[] {2f, 1f}, 0).toBuilder()
                    .setPlasticity(plasticity)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder().addTrains(train)
                .setTicksPerSample(20).addLabels(1)))
            .setRun(RunConfig.newBuilder().setSeed(3).addRecordPopulations("out"))
            .build();
    }

    @Test
    void shouldChangeWeightsByEtaTimesPreRateTimesPostDifferenceOverBeta()
    {
        final ChipProgram program = Compiler.compile(tiny(twoPhase(10, 250f, 10f)));
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertArrayEquals(new int[] {-7, 19}, result.learnedWeights(0));
        assertEquals(1, result.total(CoreCounter.LABEL_PACKETS_RECEIVED), "one label packet for the readout core");
        assertEquals(2, result.total(CoreCounter.LEARN_UPDATES), "two synapses changed");
        // the label travelled as an input packet: 19 input spikes + 1 label
        assertEquals(20, result.inputPackets());
        // out 0: 4 free-phase spikes; out 1: 2 free + 10 nudged
        assertEquals(16, result.populationSpikes(1));
    }

    @Test
    void shouldNotTeachOrLearnOnAnUnlabelledSampleBeyondTheFreeDifference()
    {
        final Model unlabelled = tiny(twoPhase(10, 250f, 10f)).toBuilder().setStimulus(tiny(twoPhase(10, 250f, 10f))
            .getStimulus().toBuilder().setSpikeTrains(tiny(twoPhase(10, 250f, 10f)).getStimulus().getSpikeTrains()
                .toBuilder().setLabels(0, -1))).build();
        final RunResult result = TestModels.run(unlabelled, 1);
        assertEquals(0, result.total(CoreCounter.LABEL_PACKETS_RECEIVED));
        // no teaching: the nudged phase repeats the free one up to the phase of the integrator. out 0 fires at
        // 10, 12, ..., 18 (5 spikes), out 1 at 12, 16 (2): dw = 0.25 x 9 x (5 - 4, 2 - 2) = (2.25, 0), one draw
        final int[] w = result.learnedWeights(0);
        assertTrue(w[0] == 4 || w[0] == 5, "w0 " + w[0]);
        assertEquals(1, w[1]);
    }

    /** 20 rate-coded inputs -> 30 hidden -> 4 outputs, feedback from the outputs to the hidden layer, SBP on top. */
    static Model network(final boolean sbp)
    {
        final SplittableRandom random = new SplittableRandom(7);
        Plasticity plasticity = twoPhase(15, 0.5f, 0.5f).toBuilder().setWMin(-1f).setWMax(1f).build();
        if (sbp)
        {
            plasticity = plasticity.toBuilder().setSbp(Sbp.newBuilder().setEpochTicks(30)).build();
        }
        final RateCoded.Builder rates = RateCoded.newBuilder().setPopulation("in").setTicksPerSample(30);
        for (int s = 0; s < 8; s++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(s % 4).setHasLabel(true);
            for (int i = 0; i < 20; i++)
            {
                sample.addRates((float)(0.4 * random.nextDouble()));
            }
            rates.addSamples(sample);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 20))
                .addPopulations(lif("hid", 30, neuron(1f).setDecay(0.9f).build()))
                .addPopulations(lif("out", 4, neuron(1f).setDecay(0.9f).build()))
                .addProjections(TestModels.dense("in", "hid", TestModels.randomWeights(random, 600, 1, -0.2f, 0.6f),
                    0).toBuilder().setPlasticity(plasticity))
                .addProjections(TestModels.dense("hid", "out", TestModels.randomWeights(random, 120, 1, -0.2f, 0.6f),
                    0).toBuilder().setPlasticity(plasticity))
                .addProjections(TestModels.dense("out", "hid", TestModels.randomWeights(random, 120, 1, -0.3f, 0.3f),
                    0)))
            .setStimulus(Stimulus.newBuilder().setRateCoded(rates))
            .setChip(ChipSpec.newBuilder().setNeuronsPerCore(16))
            .setRun(RunConfig.newBuilder().setReadoutPopulation("out"))
            .build();
    }

    @Test
    void shouldLearnTheSameFor1And2And4WorkersWithAndWithoutSbp()
    {
        for (final boolean sbp : new boolean[] {false, true})
        {
            final ChipProgram program = Compiler.compile(network(sbp));
            final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
            assertEquals(8, one.total(CoreCounter.LABEL_PACKETS_RECEIVED), "one label per sample and readout core");
            assertTrue(one.total(CoreCounter.LEARN_UPDATES) > 500, "updates " + one.total(CoreCounter.LEARN_UPDATES));
            if (sbp)
            {
                assertTrue(one.total(CoreCounter.SBP_PACKETS_SENT) > 0);
            }
            for (final int workers : new int[] {2, 4})
            {
                final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
                assertEquals(one.raster(), many.raster());
                for (int k = 0; k < one.coreCount(); k++)
                {
                    assertArrayEquals(one.learnedWeights(k), many.learnedWeights(k), workers + " workers, core " + k);
                    for (final CoreCounter counter : CoreCounter.values())
                    {
                        assertEquals(one.counter(k, counter), many.counter(k, counter), counter + " core " + k);
                    }
                }
            }
        }
    }

    @Test
    void shouldRefuseSamplesThatAreNotTwoPhasesLongAndAReadoutThatDoesNotLearn()
    {
        final ModelException length = assertThrows(ModelException.class,
            () -> Compiler.compile(tiny(twoPhase(8, 1f, 1f))));
        assertTrue(length.getMessage().contains("2 x phase_ticks = 16"), length.getMessage());
        final ModelException beta = assertThrows(ModelException.class,
            () -> Compiler.compile(tiny(twoPhase(10, 1f, 0f))));
        assertTrue(beta.getMessage().contains("beta must be"), beta.getMessage());
        final Model noReadout = network(false).toBuilder().setRun(RunConfig.newBuilder().setReadoutPopulation("in"))
            .build();
        assertThrows(ModelException.class, () -> Compiler.compile(noReadout));
    }
}
