package org.chipsim.core.ann;

import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.QuantizedAnn;

/**
 * The fixed-point arithmetic of ANN-mode populations (docs/ann-mode.md), shared by the compiler, the chip model and
 * the fixed-point reference so that all three compute the same integers.
 *
 * <p>An input i of an ANN population delivers an integer x_i per window: a spike count (one step = 1 / window_ticks
 * of rate) from a spiking source, an activation (one step = the source's activation step) from an ANN source. The
 * crossbar stores the folded weight W_ij x (real value of one input step), quantized with one scale per target
 * population, the accumulator scale: the largest folded |weight| maps to the largest signed weight integer. Biases are
 * in accumulator steps; the output multiplier/shift turns accumulator steps into output activation steps.
 */
public final class AnnQuantization
{
    /** The accumulator is clamped to 40 signed bits before the output multiply (so the product fits in 64 bits). */
    public static final long ACCUMULATOR_LIMIT = (1L << 39) - 1;
    /** The output multiplier is below 2^24. */
    public static final int MULTIPLIER_BITS = 24;
    public static final int MAX_SHIFT = 62;
    public static final int DEFAULT_BITS = 8;

    private AnnQuantization()
    {
    }

    public static boolean isAnn(final Network network, final int population)
    {
        return network.getPopulations(population).hasAnn();
    }

    public static int bits(final AnnNeuron ann)
    {
        return ann.getActivationBits() == 0 ? DEFAULT_BITS : ann.getActivationBits();
    }

    public static double activationMax(final AnnNeuron ann)
    {
        return ann.getActivationMax() == 0f ? 1.0 : ann.getActivationMax();
    }

    public static int windowTicks(final AnnNeuron ann)
    {
        return ann.getWindowTicks() == 0 ? 1 : ann.getWindowTicks();
    }

    /** Largest activation integer: 2^bits - 1 (RELU) or 2^(bits-1) - 1 (CLAMP). */
    public static int maxActivation(final AnnActivation activation, final int bits)
    {
        return activation == AnnActivation.ANN_ACTIVATION_CLAMP ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    /** Smallest activation integer: 0 (RELU) or -(2^(bits-1) - 1) (CLAMP). */
    public static int minActivation(final AnnActivation activation, final int bits)
    {
        return activation == AnnActivation.ANN_ACTIVATION_CLAMP ? -maxActivation(activation, bits) : 0;
    }

    /** Real value of one activation step of an ANN population. */
    public static double activationStep(final AnnNeuron ann)
    {
        return activationMax(ann) / maxActivation(ann.getActivation(), bits(ann));
    }

    /** Real value of one integer input step on a projection from {@code source} into the ANN population {@code target}. */
    public static double inputStep(final Network network, final int source, final int target)
    {
        final Population from = network.getPopulations(source);
        return from.hasAnn() ? activationStep(from.getAnn()) : 1.0 / windowTicks(network.getPopulations(target).getAnn());
    }

    /** A folded weight W x inputStep in integer steps of accScale, rounded half away from zero, clamped. */
    public static int weight(final float weight, final double inputStep, final double accScale, final int weightBits)
    {
        final int max = Quantization.maxWeight(weightBits);
        final long q = Math.round(Math.abs(weight) * inputStep / accScale);
        final int magnitude = (int)Math.min(q, max);
        return weight < 0 ? -magnitude : magnitude;
    }

    /** The accumulator scale (real value of one accumulator step) of an ANN population. */
    public static double accumulatorScale(final Network network, final NetworkIndex index, final int population,
        final int weightBits)
    {
        double maxAbs = 0.0;
        final String name = index.name(population);
        for (final Projection projection : network.getProjectionsList())
        {
            if (!projection.getTarget().equals(name))
            {
                continue;
            }
            final int source = index.indexOf(projection.getSource());
            final double step = inputStep(network, source, population);
            final SynapseView view = new SynapseView(projection, index.size(source), index.size(population));
            for (long k = 0; k < view.size(); k++)
            {
                maxAbs = Math.max(maxAbs, Math.abs(view.weight((int)k)) * step);
            }
        }
        if (maxAbs == 0.0)
        {
            // no input: one accumulator step is one output step (only the bias matters)
            return activationStep(network.getPopulations(population).getAnn());
        }
        return maxAbs / Quantization.maxWeight(weightBits);
    }

    /** Real bias of every neuron of an ANN population. */
    public static double[] biases(final AnnNeuron ann, final int size)
    {
        final double[] biases = new double[size];
        for (int i = 0; i < size; i++)
        {
            biases[i] = ann.getBiasesCount() == 0 ? ann.getBias() : ann.getBiases(i);
        }
        return biases;
    }

    /** Biases in accumulator steps, rounded half to even (Math.rint), as LIF biases are. */
    public static int[] quantizeBiases(final String name, final AnnNeuron ann, final int size, final double accScale)
    {
        final double[] real = biases(ann, size);
        final int[] q = new int[size];
        for (int i = 0; i < size; i++)
        {
            final double steps = Math.rint(real[i] / accScale);
            if (Math.abs(steps) > Quantization.MAX_PARAMETER_STEPS)
            {
                throw new ModelException("population '" + name + "': ann bias " + real[i] + " is " +
                    String.format("%.3g", Math.abs(steps)) + " accumulator steps, beyond 2^30; its incoming weights " +
                    "are too small for this bias at the chip's weight_bits");
            }
            q[i] = (int)steps;
        }
        return q;
    }

    /**
     * The core parameters of an ANN population: out_multiplier / 2^out_shift = accScale / activation step, with the
     * largest shift that keeps the multiplier below 2^24 (most precision).
     */
    public static QuantizedAnn quantize(final String name, final AnnNeuron ann, final double accScale,
        final boolean spikingOutput)
    {
        final double step = activationStep(ann);
        final double ratio = accScale / step;
        long multiplier = -1;
        int shift = MAX_SHIFT;
        for (; shift >= 0; shift--)
        {
            final long m = Math.round(Math.scalb(ratio, shift));
            if (m < (1L << MULTIPLIER_BITS))
            {
                multiplier = m;
                break;
            }
        }
        if (multiplier < 0)
        {
            throw new ModelException("population '" + name + "': one accumulator step (" +
                String.format("%.3g", accScale) + ") is worth more than 2^24 activation steps (" +
                String.format("%.3g", step) + "); raise ann.activation_max or activation_bits' range");
        }
        return QuantizedAnn.newBuilder()
            .setActivation(ann.getActivation())
            .setActivationBits(bits(ann))
            .setWindowTicks(windowTicks(ann))
            .setOutMultiplier((int)multiplier)
            .setOutShift(shift)
            .setSpikingOutput(spikingOutput)
            .setAccumulatorScale(accScale)
            .setActivationStep(step)
            .build();
    }

    /** True when an ANN population's projections go to spiking populations (its output is rate-coded spikes). */
    public static boolean spikingOutput(final Network network, final NetworkIndex index, final int population)
    {
        final String name = index.name(population);
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.getSource().equals(name) && !network.getPopulations(index.indexOf(projection.getTarget()))
                .hasAnn())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The output activation of one neuron: the sum (weighted inputs + bias, exact in 64 bits) clamped to 40 bits,
     * times the multiplier, shifted right with rounding half up, clamped to [min, max].
     */
    public static int activate(final long sum, final long multiplier, final int shift, final int min, final int max)
    {
        final long acc = Math.max(-ACCUMULATOR_LIMIT, Math.min(ACCUMULATOR_LIMIT, sum));
        long r = acc * multiplier;
        if (shift > 0)
        {
            r = (r + (1L << (shift - 1))) >> shift;
        }
        return (int)Math.max(min, Math.min(max, r));
    }

    /** The same in double precision: RELU min(max(z, 0), activation_max), CLAMP min(max(z, -max), max). */
    public static double activateFloat(final double z, final AnnNeuron ann)
    {
        final double max = activationMax(ann);
        final double min = ann.getActivation() == AnnActivation.ANN_ACTIVATION_CLAMP ? -max : 0.0;
        return Math.max(min, Math.min(max, z));
    }
}
