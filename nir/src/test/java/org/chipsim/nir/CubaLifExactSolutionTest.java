package org.chipsim.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One NIR CubaLIF neuron, {@code tau_syn dI/dt = -I + w_in S}, {@code tau_mem dv/dt = -v + R I}, driven through a
 * Linear weight w by input spikes at known ticks. Convention (docs/nir.md): the input spike of tick s is an impulse of
 * charge w dt at time s dt, so I jumps by w_in w dt / tau_syn. Between events the state evolves exactly as
 *
 * <pre>
 *   I(t0 + D) = I0 exp(-D/tau_syn)
 *   v(t0 + D) = v0 exp(-D/tau_mem) + R I0 tau_syn (exp(-D/tau_syn) - exp(-D/tau_mem)) / (tau_syn - tau_mem)
 * </pre>
 *
 * (with tau_syn = tau_mem: {@code R I0 (D / tau) exp(-D/tau)}); the neuron spikes at the first tick end n dt where
 * v(n dt) >= threshold, and v (not I) resets to 0. The imported model, simulated in the float reference and in the
 * chip's fixed-point arithmetic, must spike at exactly those ticks.
 */
class CubaLifExactSolutionTest
{
    static final double DT = 1e-3;
    static final double R = 2.0;
    static final double W = 0.5;
    static final double W_IN = 1.5;
    static final int TICKS = 150;
    static final int[] INPUT = LifExactSolutionTest.INPUT;

    @TempDir
    Path dir;

    /** Exact spike ticks; margin[0] = the smallest |v(n dt) - threshold| / threshold at any tick. */
    static List<Long> exactSpikeTicks(final double tauSyn, final double tauMem, final double threshold,
        final double[] margin)
    {
        final List<Long> spikes = new ArrayList<>();
        margin[0] = Double.POSITIVE_INFINITY;
        double current = 0;
        double v = 0;
        int next = 0;
        for (int n = 1; n < TICKS; n++)
        {
            // the impulse of input tick n - 1 arrives at the start of the interval [(n - 1) dt, n dt]
            if (next < INPUT.length && INPUT[next] == n - 1)
            {
                current += W_IN * W * DT / tauSyn;
                next++;
            }
            final double es = Math.exp(-DT / tauSyn);
            final double em = Math.exp(-DT / tauMem);
            final double coupling = tauSyn == tauMem ? DT / tauMem * em : tauSyn * (es - em) / (tauSyn - tauMem);
            v = v * em + R * current * coupling;
            current *= es;
            margin[0] = Math.min(margin[0], Math.abs(v - threshold) / threshold);
            if (v >= threshold)
            {
                spikes.add((long)n);
                v = 0;
            }
        }
        return spikes;
    }

    @ParameterizedTest
    @CsvSource({"0.005, 0.01, 0.366", "0.02, 0.01, 0.2714", "0.01, 0.01, 0.0987", "0.003, 0.02, 0.0785"})
    void singleCubaLifSpikesAtTheExactSolutionsTimes(final double tauSyn, final double tauMem, final double threshold)
    {
        final double[] margin = new double[1];
        final List<Long> expected = exactSpikeTicks(tauSyn, tauMem, threshold, margin);
        assertTrue(expected.size() >= 3, "the stimulus should make the neuron fire several times: " + expected);
        assertTrue(margin[0] > 0.01, "test design: no tick within 1 % of the threshold, got " + margin[0]);

        final Path file = NirFixtures.write(dir, "single-cuba", NirFixtures.singleCubaLif(W, tauSyn, tauMem, R, W_IN,
            threshold));
        final NirImporter.Result result = NirImporter.importFile(file,
            new NirImporter.Options(DT, NirImporter.Reset.ZERO, NirImporter.Discretization.EXACT));
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        final Model model = LifExactSolutionTest.withInput(result.model());
        final LifNeuron lif = model.getNetwork().getPopulations(1).getLif();
        assertEquals((float)Math.exp(-DT / tauSyn), lif.getSynapticCurrent().getDecay(), 1e-7f);
        assertEquals((float)Math.exp(-DT / tauMem), lif.getDecay(), 1e-7f);

        final ReferenceSimulator exact = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT);
        final int cuba = exact.index().globalId(exact.index().indexOf("cuba"), 0);
        assertEquals(expected, LifExactSolutionTest.spikeTicks(exact.run(TICKS), cuba),
            "float reference vs exact solution");
        // 8-bit weights, 16-bit decays and current: every tick's potential is > 1 % away from the threshold
        final ReferenceSimulator chip = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT);
        assertEquals(expected, LifExactSolutionTest.spikeTicks(chip.run(TICKS), cuba),
            "fixed point (chip arithmetic) vs exact solution");
    }

    @Test
    void impulseFactorHasNoCancellationNearEqualTimeConstants()
    {
        final double tau = 0.01;
        final double equal = NirImporter.impulseFactor(DT, tau, tau);
        assertEquals(DT / (tau * tau) * Math.exp(-DT / tau), equal, 1e-12 * equal);
        final double near = NirImporter.impulseFactor(DT, tau * (1 + 1e-9), tau);
        assertEquals(equal, near, 1e-6 * equal);
        final double apart = NirImporter.impulseFactor(DT, 0.005, tau);
        assertEquals((Math.exp(-DT / 0.005) - Math.exp(-DT / tau)) / (0.005 - tau), apart, 1e-12 * apart);
    }

    @Test
    void eulerDiscretizationIsSnnTorchsSynaptic()
    {
        // snnTorch Synaptic: syn <- alpha syn + W S; mem <- beta mem + syn, exported as tau_syn = dt / (1 - alpha),
        // tau_mem = dt / (1 - beta), r = tau_mem / dt, w_in = tau_syn / dt. With forward Euler the chip gets exactly
        // d_u = alpha, d_v = beta and weight W.
        final double alpha = 0.8;
        final double beta = 0.9;
        final double tauSyn = DT / (1 - alpha);
        final double tauMem = DT / (1 - beta);
        final Model model = NirImporter.importGraph(NirFixtures.singleCubaLif(0.3, tauSyn, tauMem, tauMem / DT,
            tauSyn / DT, 1.0), "euler", new NirImporter.Options(DT, NirImporter.Reset.SUBTRACT,
            NirImporter.Discretization.EULER)).model();
        final LifNeuron lif = model.getNetwork().getPopulations(1).getLif();
        assertEquals((float)alpha, lif.getSynapticCurrent().getDecay(), 1e-6f);
        assertEquals((float)beta, lif.getDecay(), 1e-6f);
        assertEquals(0.3f, model.getNetwork().getProjections(0).getWeights(0), 1e-6f);
    }
}
