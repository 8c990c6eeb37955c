package org.chipsim.nir;

import java.nio.file.Path;
import java.util.Random;

/**
 * Small NIR graphs for the tests, one or more per primitive, written to HDF5 with {@link NirWriter} (jHDF) so that no
 * Python is needed. Parameters are arrays with one value per neuron, as nir-py writes them.
 */
final class NirFixtures
{
    private NirFixtures()
    {
    }

    static Path write(final Path dir, final String name, final NirGraph graph)
    {
        final Path file = dir.resolve(name + ".nir");
        NirWriter.write(graph, file);
        return file;
    }

    static double[] fill(final int n, final double v)
    {
        final double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static double[] random(final Random random, final int n)
    {
        final double[] a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = Math.round((random.nextDouble() * 2 - 1) * 8) / 8.0;
        }
        return a;
    }

    /** NIR LIF parameters for n neurons. */
    static Object[] lif(final int n, final double tau, final double r, final double vLeak, final double threshold)
    {
        return new Object[] {"tau", fill(n, tau), "r", fill(n, r), "v_leak", fill(n, vLeak), "v_threshold",
            fill(n, threshold), "v_reset", fill(n, 0)};
    }

    static Object[] ifNeuron(final int n, final double r, final double threshold)
    {
        return new Object[] {"r", fill(n, r), "v_threshold", fill(n, threshold), "v_reset", fill(n, 0)};
    }

    /** Input(1) -> Linear(w) -> LIF -> Output: the single-neuron graph of the exact-solution test. */
    static NirGraph singleLif(final double w, final double tau, final double r, final double threshold)
    {
        return NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("linear", "Linear", "weight", new double[][] {{w}})
            .node("lif", "LIF", lif(1, tau, r, 0, threshold))
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "linear", "lif", "output")
            .build();
    }

    /** Input(1) -> Linear(w) -> CubaLIF -> Output. */
    static NirGraph singleCubaLif(final double w, final double tauSyn, final double tauMem, final double r,
        final double wIn, final double threshold)
    {
        return NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("linear", "Linear", "weight", new double[][] {{w}})
            .node("cuba", "CubaLIF", "tau_syn", fill(1, tauSyn), "tau_mem", fill(1, tauMem), "r", fill(1, r),
                "v_leak", fill(1, 0), "v_threshold", fill(1, threshold), "v_reset", fill(1, 0), "w_in", fill(1, wIn))
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "linear", "cuba", "output")
            .build();
    }

    /** Input(n) -> Affine -> LIF -> Affine -> LIF -> Output: a two-layer perceptron. */
    static NirGraph mlp(final Random random, final int in, final int hidden, final int out)
    {
        return NirGraph.builder()
            .node("input", "Input", "shape", new int[] {in})
            .node("fc1", "Affine", "weight", NirValue.array(random(random, hidden * in), hidden, in), "bias",
                random(random, hidden))
            .node("lif1", "LIF", lif(hidden, 0.02, 1, 0, 0.5))
            .node("fc2", "Affine", "weight", NirValue.array(random(random, out * hidden), out, hidden), "bias",
                fill(out, 0))
            .node("lif2", "LIF", lif(out, 0.02, 1, 0, 0.5))
            .node("output", "Output", "shape", new int[] {out})
            .chain("input", "fc1", "lif1", "fc2", "lif2", "output")
            .build();
    }
}
