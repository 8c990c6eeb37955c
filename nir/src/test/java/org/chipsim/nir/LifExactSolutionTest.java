package org.chipsim.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One NIR LIF neuron, {@code tau dv/dt = -v + R I}, driven through a Linear weight w by input spikes at known times.
 * Convention: an input spike at time s*dt is a current w held over [s*dt, (s+1)*dt). Then the exact solution is
 *
 * <pre>
 *   v(t) = R w sum over spikes s since the last reset of ( exp(-(t - (s+1) dt)/tau) - exp(-(t - s dt)/tau) ),  t >= (s+1) dt
 * </pre>
 *
 * and the neuron spikes at the first tick end n*dt where v(n*dt) >= threshold, resetting v to 0. The imported model,
 * simulated, must spike at exactly those ticks (tick n = time n*dt: the chip's one-tick synaptic delay is the tick in
 * which the input current flows).
 */
class LifExactSolutionTest
{
    static final double DT = 1e-3;
    static final double TAU = 10e-3;
    static final double R = 2.0;
    static final double W = 0.5;
    static final double THRESHOLD = 0.25;
    static final int TICKS = 120;
    /** Input spike ticks: bursts of different density, so some cross the threshold and some decay away. */
    static final int[] INPUT = {0, 1, 2, 3, 10, 12, 14, 16, 18, 30, 31, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 80, 83,
        86, 89, 92, 95, 98};

    @TempDir
    Path dir;

    /** The analytic spike ticks, and the smallest distance |v(n dt) - threshold| / threshold seen at any tick. */
    static List<Long> exactSpikeTicks(final double[] margin)
    {
        final List<Long> spikes = new ArrayList<>();
        int first = 0;
        margin[0] = Double.POSITIVE_INFINITY;
        for (int n = 1; n < TICKS; n++)
        {
            final double t = n * DT;
            double v = 0;
            for (int k = first; k < INPUT.length && INPUT[k] < n; k++)
            {
                final double s = INPUT[k] * DT;
                v += R * W * (Math.exp(-(t - (s + DT)) / TAU) - Math.exp(-(t - s) / TAU));
            }
            margin[0] = Math.min(margin[0], Math.abs(v - THRESHOLD) / THRESHOLD);
            if (v >= THRESHOLD)
            {
                spikes.add((long)n);
                while (first < INPUT.length && INPUT[first] < n)
                {
                    first++;
                }
            }
        }
        return spikes;
    }

    static Model withInput(final Model model)
    {
        final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation("input").setNeuron(0);
        for (final int t : INPUT)
        {
            train.addTicks(t);
        }
        return model.toBuilder().setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
            .addTrains(train))).build();
    }

    static List<Long> spikeTicks(final SpikeRaster raster, final int globalId)
    {
        final List<Long> ticks = new ArrayList<>();
        for (int i = 0; i < raster.size(); i++)
        {
            if (raster.globalId(i) == globalId)
            {
                ticks.add(raster.tick(i));
            }
        }
        return ticks;
    }

    @Test
    void singleLifSpikesAtTheExactSolutionsTimes()
    {
        final double[] margin = new double[1];
        final List<Long> expected = exactSpikeTicks(margin);
        assertTrue(expected.size() >= 4, "the stimulus should make the neuron fire several times: " + expected);
        assertTrue(margin[0] > 0.01, "test design: no tick within 1 % of the threshold, got " + margin[0]);

        final Path file = NirFixtures.write(dir, "single-lif", NirFixtures.singleLif(W, TAU, R, THRESHOLD));
        final Model model = withInput(NirImporter.importFile(file,
            new NirImporter.Options(DT, NirImporter.Reset.ZERO, NirImporter.Discretization.EXACT)).model());

        final ReferenceSimulator exact = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT);
        final int lif = exact.index().globalId(exact.index().indexOf("lif"), 0);
        assertEquals(expected, spikeTicks(exact.run(TICKS), lif), "float reference vs exact solution");

        // The chip's integer arithmetic (8-bit weights, 16-bit decay) must give the same ticks here: every tick's
        // potential is more than 1 % away from the threshold, far more than the quantization error.
        final ReferenceSimulator chip = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT);
        assertEquals(expected, spikeTicks(chip.run(TICKS), lif), "fixed point (chip arithmetic) vs exact solution");
        System.out.println("exact-solution spike ticks " + expected + ", smallest threshold margin " +
            String.format("%.3f", margin[0] * 100) + " %");
    }

    @Test
    void eulerDiscretizationIsTheFrameworkStep()
    {
        // snnTorch-style export: tau = dt / (1 - beta), r = tau / dt; with forward Euler this is v <- beta v + w S.
        final double beta = 0.9;
        final double tau = DT / (1 - beta);
        final NirGraph graph = NirFixtures.singleLif(0.3, tau, tau / DT, 1.0);
        final Model model = NirImporter.importGraph(graph, "euler",
            new NirImporter.Options(DT, NirImporter.Reset.SUBTRACT, NirImporter.Discretization.EULER)).model();
        assertEquals((float)beta, model.getNetwork().getPopulations(1).getLif().getDecay(), 1e-6f);
        assertEquals(0.3f, model.getNetwork().getProjections(0).getWeights(0), 1e-6f);
    }
}
