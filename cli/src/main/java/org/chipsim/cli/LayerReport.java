package org.chipsim.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.ProjectionLayout;

/**
 * The parts of {@code compile}'s and {@code inspect}'s report about quantization and layers: per population the weight
 * rounding, and per layer projection (conv2d, pooling, flatten) what weight sharing would store against what the
 * crossbars store. A Tianjic-style crossbar holds one weight per (axon, neuron) cell and shares nothing, so a conv's
 * kernel is stored once per output position it reaches.
 */
final class LayerReport
{
    private LayerReport()
    {
    }

    /** The text of a non-input population's row: cores, weight scale and rounding error. */
    static String population(final PopulationLayout population)
    {
        final String cores = String.format(Locale.ROOT, "%,d neurons on %d cores + %d partial-sum",
            population.getSize(), population.getSomaCoresCount(), population.getPartialSumCoresCount());
        if (population.getWeightCount() == 0)
        {
            // no incoming weight, or a program written before the rounding figures existed
            return cores + String.format(Locale.ROOT, "; weight scale %.4g, max rounding error %.3g",
                population.getWeightScale(), population.getMaxWeightError());
        }
        final double max = population.getMaxAbsWeight();
        return cores + String.format(Locale.ROOT, "; %,d weights, scale %.4g (max |w| %.4g): rounding error max %.3g " +
            "(%.2f %% of max |w|), RMS %.3g (%.2f %%)%s", population.getWeightCount(), population.getWeightScale(),
            max, population.getMaxWeightError(), percent(population.getMaxWeightError(), max),
            population.getRmsWeightError(), percent(population.getRmsWeightError(), max),
            population.getWeightsRoundedToZero() == 0 ? "" : String.format(Locale.ROOT, "; %,d round to 0",
                population.getWeightsRoundedToZero()));
    }

    /** The row of an ANN-mode population (docs/ann-mode.md): cores and its fixed-point parameters. */
    static String annPopulation(final PopulationLayout population, final org.chipsim.proto.v1.QuantizedAnn ann)
    {
        return String.format(Locale.ROOT, "%,d neurons on %d ANN-mode cores; %s, %d-bit activations (step %.4g), " +
            "window %d ticks, accumulator step %.4g, output x %d / 2^%d, %s", population.getSize(),
            population.getSomaCoresCount(), ann.getActivation() ==
                org.chipsim.proto.v1.AnnActivation.ANN_ACTIVATION_CLAMP ? "CLAMP" : "RELU", ann.getActivationBits(),
            ann.getActivationStep(), ann.getWindowTicks(), ann.getAccumulatorScale(),
            Integer.toUnsignedLong(ann.getOutMultiplier()), ann.getOutShift(), ann.getSpikingOutput() ?
                "rate-coded spikes out" : "activation packets out");
    }

    private static double percent(final double error, final double max)
    {
        return max == 0 ? 0 : 100.0 * error / max;
    }

    /** Crossbar use of every projection: axon rows, cells (rows x neurons of their cores) and non-zero weights. */
    static long[][] crossbarUse(final ChipProgram program)
    {
        final int projections = program.getProjectionsCount();
        final long[] rows = new long[projections];
        final long[] cells = new long[projections];
        final long[] nonZero = new long[projections];
        final ChipSpec chip = program.getChip();
        final int bytes = chip.getWeightBits() <= 8 ? 1 : 2;
        for (final CoreProgram core : program.getCoresList())
        {
            final byte[] weights = core.getWeights().toByteArray();
            final int n = core.getNeuronCount();
            for (int a = 0; a < core.getAxonProjectionCount(); a++)
            {
                final int j = core.getAxonProjection(a);
                if (j < 0 || j >= projections)
                {
                    continue;
                }
                rows[j]++;
                cells[j] += n;
                for (int c = 0; c < n; c++)
                {
                    final int at = (a * n + c) * bytes;
                    if (at + bytes <= weights.length && (weights[at] != 0 || (bytes == 2 && weights[at + 1] != 0)))
                    {
                        nonZero[j]++;
                    }
                }
            }
        }
        return new long[][] {rows, cells, nonZero};
    }

    /** A "layers" row and one row per layer projection; nothing when the program has no layer. */
    static void print(final ChipProgram program, final PrintWriter out)
    {
        long unique = 0;
        long stored = 0;
        int layers = 0;
        for (final ProjectionLayout projection : program.getProjectionsList())
        {
            if (projection.getUniqueParameters() > 0)
            {
                layers++;
                unique += projection.getUniqueParameters();
                stored += projection.getSynapses();
            }
        }
        if (layers == 0)
        {
            return;
        }
        final long[][] use = crossbarUse(program);
        Summary.row(out, "layers", String.format(Locale.ROOT, "%d layer projection%s: %,d shared parameters stored " +
            "as %,d crossbar weights (%.1fx; a crossbar cannot share weights)", layers, layers == 1 ? "" : "s", unique,
            stored, (double)stored / Math.max(1, unique)));
        for (int j = 0; j < program.getProjectionsCount(); j++)
        {
            final ProjectionLayout projection = program.getProjections(j);
            if (projection.getUniqueParameters() == 0)
            {
                continue;
            }
            Summary.row(out, "  " + projection.getName(), String.format(Locale.ROOT, "%s: %,d parameter%s -> %,d " +
                "crossbar weights (%.1fx), on %,d axon rows = %,d crossbar cells (%.1f %% non-zero)",
                projection.getDescription(), projection.getUniqueParameters(),
                projection.getUniqueParameters() == 1 ? "" : "s", projection.getSynapses(),
                (double)projection.getSynapses() / projection.getUniqueParameters(), use[0][j], use[1][j],
                use[1][j] == 0 ? 0.0 : 100.0 * use[2][j] / use[1][j]));
        }
    }
}
