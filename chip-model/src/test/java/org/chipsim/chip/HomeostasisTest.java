package org.chipsim.chip;

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
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Homeostasis;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;

/** Adaptive threshold (homeostasis) on the chip: the firing rate under constant drive, and determinism. */
class HomeostasisTest
{
    private static final double THRESHOLD = 10;
    private static final double THETA_PLUS = 5;
    private static final double TAU_THETA = 50;
    private static final int TICKS = 3000;
    private static final int FROM = 1000;

    /** Two integrate-and-fire neurons driven by constant biases 1.0 and 0.7, units of 0.01 (exact integers). */
    private static Model driven(final boolean homeostasis)
    {
        final LifNeuron.Builder lif = neuron((float)THRESHOLD).addBiases(1.0f).addBiases(0.7f);
        if (homeostasis)
        {
            lif.setHomeostasis(Homeostasis.newBuilder().setThetaPlus((float)THETA_PLUS)
                .setTauThetaTicks((float)TAU_THETA));
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder().addPopulations(Population.newBuilder().setName("n").setSize(2)
                .setLif(lif).setWeightScale(0.01)))
            .setRun(RunConfig.newBuilder().setTicks(TICKS).setSeed(1).addRecordPopulations("n"))
            .build();
    }

    /** The equations in double precision: spikes of an IF neuron with drive b in ticks [FROM, TICKS). */
    private static int predictedSpikes(final double drive)
    {
        final double d = Math.exp(-1 / TAU_THETA);
        double v = 0;
        double theta = 0;
        int spikes = 0;
        for (int t = 0; t < TICKS; t++)
        {
            v += drive;
            final boolean fires = v >= THRESHOLD + theta - 1e-9;
            if (fires)
            {
                v = 0;
                spikes += t >= FROM ? 1 : 0;
            }
            theta = theta * d + (fires ? THETA_PLUS : 0);
        }
        return spikes;
    }

    /**
     * Steady state in closed form: firing every P ticks, theta just after a spike is theta+ / (1 - d^P), and the
     * neuron reaches threshold P ticks later when P b = v_th + theta+ d^(P-1) / (1 - d^P). The integer-tick neuron
     * fires at the first tick at or after that P*, so its mean interval lies in [P*, ceil(P*)] up to the alternation.
     */
    private static double steadyInterval(final double drive)
    {
        final double d = Math.exp(-1 / TAU_THETA);
        double lo = 1;
        double hi = 1000;
        for (int k = 0; k < 100; k++)
        {
            final double p = (lo + hi) / 2;
            if (p * drive < THRESHOLD + THETA_PLUS * Math.pow(d, p - 1) / (1 - Math.pow(d, p)))
            {
                lo = p;
            }
            else
            {
                hi = p;
            }
        }
        return lo;
    }

    @Test
    void shouldLowerTheRateUnderConstantDriveToWhatTheEquationsPredict()
    {
        final RunResult fixed = TestModels.run(driven(false), 1);
        final RunResult adaptive = TestModels.run(driven(true), 1);
        final double[] drives = {1.0, 0.7};
        for (int n = 0; n < 2; n++)
        {
            final int without = fixed.raster().counts(n, 1, FROM, TICKS)[0];
            final int with = adaptive.raster().counts(n, 1, FROM, TICKS)[0];
            assertEquals((TICKS - FROM) / Math.ceil(THRESHOLD / drives[n]), without, 1.0, "fixed threshold");
            final int predicted = predictedSpikes(drives[n]);
            assertEquals(predicted, with, 1, "neuron " + n + ": equations predict " + predicted + " spikes");
            final double p = steadyInterval(drives[n]);
            final double interval = (double)(TICKS - FROM) / with;
            assertTrue(interval >= Math.floor(p) && interval <= Math.ceil(p) + 0.05, "neuron " + n + ": mean interval " +
                interval + ", closed-form steady state " + p);
            assertTrue(with < 0.6 * without, "the rate fell: " + with + " vs " + without);
        }
    }

    @Test
    void shouldBeTheSameFor1And2And4Workers()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f)
                    .setHomeostasis(Homeostasis.newBuilder().setThetaPlus(0.3f).setTauThetaTicks(40)).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.3f), 0))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.1, 23))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
        final ChipProgram program = Compiler.compile(model);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.raster().size() > 100, "active: " + one.raster().size());
        for (final int workers : new int[] {2, 4})
        {
            assertEquals(one.raster(), new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run()
                .raster(), workers + " workers");
        }
    }

    @Test
    void shouldRefuseResetSubtractAndTheFloatReference()
    {
        final Model subtract = driven(true).toBuilder().setNetwork(driven(true).getNetwork().toBuilder()
            .setPopulations(0, driven(true).getNetwork().getPopulations(0).toBuilder()
                .setLif(driven(true).getNetwork().getPopulations(0).getLif().toBuilder()
                    .setResetMode(ResetMode.RESET_SUBTRACT)))).build();
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(subtract));
        assertTrue(e.getMessage().contains("RESET_TO_VALUE"), e.getMessage());
        assertThrows(ModelException.class, () -> new ReferenceSimulator(driven(true),
            ReferenceSimulator.Mode.values()[0]));
    }
}
