package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.ShortTermPlasticity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tsodyks-Markram short-term plasticity: effective weights of a regular spike train against the closed form. */
class StpTest
{
    private static final int[] WEIGHTS = {100, 50, -25};

    private static ShortTermPlasticity stp(final double u, final double tauF, final double tauD)
    {
        return ShortTermPlasticity.newBuilder().setU((float)u).setTauFTicks((float)tauF).setTauDTicks((float)tauD)
            .build();
    }

    /** The soma core of 'post' (3 neurons), weights 100, 50, -25 steps from 'pre' (scale 0.01), with STP. */
    private static CoreProgram core(final ShortTermPlasticity stp)
    {
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(Population.newBuilder().setName("post").setSize(3)
                    .setLif(neuron(1000f)).setWeightScale(0.01))
                .addProjections(dense("pre", "post", new float[] {1.0f, 0.5f, -0.25f}, 0).toBuilder().setStp(stp)))
            .build();
        final ChipProgram program = Compiler.compile(model);
        assertEquals(1, program.getCoresCount());
        return program.getCores(0);
    }

    @ParameterizedTest
    @CsvSource({"0.2, 20, 50, 5", "0.5, 3, 100, 2", "0.05, 200, 10, 7", "1.0, 10, 30, 4"})
    void shouldDeliverTheClosedFormEffectiveWeightsOnARegularTrain(final double bigU, final double tauF,
        final double tauD, final int interval)
    {
        final Core core = new Core(core(stp(bigU, tauF, tauD)), 1, 17, 0, false);
        final double df = Math.exp(-interval / tauF);
        final double dd = Math.exp(-interval / tauD);
        double u = bigU;
        double x = 1;
        double lastGain = 0;
        for (int k = 0; k < 200; k++)
        {
            final long tick = 3 + (long)k * interval;
            if (k > 0)
            {
                u = bigU + (u - bigU) * df;
                x = 1 + (x - 1) * dd;
            }
            u += bigU * (1 - u);
            final double gain = u * x;
            x -= gain;
            lastGain = gain;
            final int[] before = {core.dendrite(0), core.dendrite(1), core.dendrite(2)};
            core.fileSpike(0, tick);
            core.deliver(tick);
            for (int j = 0; j < 3; j++)
            {
                final double expected = WEIGHTS[j] * gain;
                final int got = core.dendrite(j) - before[j];
                assertTrue(Math.abs(got - expected) <= 0.5 + 0.01, "spike " + k + ", neuron " + j + ": delivered " +
                    got + ", closed form w u x = " + expected);
            }
        }
        // steady state of the recurrence: u+ = (U + (1-U) U (1-df)) / (1 - (1-U) df), x- = (1-dd) / (1-(1-u+) dd)
        final double uStar = (bigU + (1 - bigU) * bigU * (1 - df)) / (1 - (1 - bigU) * df);
        final double xStar = (1 - dd) / (1 - (1 - uStar) * dd);
        assertEquals(uStar * xStar, lastGain, 1e-6, "the train reached the closed-form steady state");
    }

    @Test
    void shouldDeliverTheFirstSpikeAtWUTwoMinusUAndRecoverAfterALongPause()
    {
        final Core core = new Core(core(stp(0.3, 10, 20)), 1, 17, 0, false);
        core.fileSpike(0, 5);
        core.deliver(5);
        assertEquals(Math.round(100 * 0.3 * 1.7), core.dendrite(0), "first spike: w U (2 - U)");
        core.fileSpike(0, 6);
        core.deliver(6);
        final int second = core.dendrite(0) - (int)Math.round(100 * 0.3 * 1.7);
        assertTrue(second < 100 * 0.3 * 1.7, "depressed right after: " + second);
        core.fileSpike(0, 100_005);
        core.deliver(100_005);
        assertEquals(Math.round(100 * 0.3 * 1.7), core.dendrite(0) - (int)Math.round(100 * 0.3 * 1.7) - second,
            "fully recovered after a long pause");
    }

    @Test
    void shouldLeaveStaticRowsAndRunsWithoutStpUnchangedAndBeTheSameFor1And2And4Workers()
    {
        final SplittableRandom random = new SplittableRandom(9);
        final Projection in = dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.5f), 0);
        final Network.Builder network = Network.newBuilder()
            .addPopulations(input("in", 100))
            .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
            .addProjections(in.toBuilder().setStp(stp(0.2, 30, 80)))
            .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1));
        final Model model = Model.newBuilder().setNetwork(network)
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.2, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
        final ChipProgram program = Compiler.compile(model);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.raster().size() > 50, "active: " + one.raster().size());
        for (final int workers : new int[] {2, 4})
        {
            assertEquals(one.raster(), new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run()
                .raster(), workers + " workers");
        }
        final Model plain = model.toBuilder().setNetwork(network.setProjections(0, in)).build();
        assertTrue(Compiler.compile(plain).getCores(0).getAxonStpCount() == 0, "no STP table without STP");
        final RunResult without = TestModels.run(plain, 1);
        assertTrue(!without.raster().equals(one.raster()), "STP changes the dynamics");
    }
}
