package org.chipsim.core.neuron;

import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.layers.Layers;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.QuantizedLif;


/**
 * Per-population quantization: every weight into a population, its threshold, bias, leak and potentials share one
 * scale (current per integer step), chosen so the largest absolute incoming weight maps to the largest signed
 * {@code weightBits} integer.
 *
 * <p>Why per target population and not per tile: the neurons of a population sum contributions from every tile that
 * feeds them into one membrane; tiles with different scales would need a multiplier per dendrite, which a
 * Tianjic-style crossbar does not have. One scale per population keeps the membrane's unit exact.
 */
public final class Quantization
{
    /** Integer steps given to the threshold of a population that receives no non-zero weight. */
    public static final int SILENT_THRESHOLD_STEPS = 1 << 10;
    /** Largest integer a threshold or potential may quantize to, leaving headroom below int32 saturation. */
    public static final long MAX_PARAMETER_STEPS = 1L << 30;

    private Quantization()
    {
    }

    /**
     * Largest value of a weight with this many bits: 2^(bits-1) - 1 for signed weights (2..16 bits, symmetric range
     * -max..max), 1 for 1-bit weights, which are binary (a synapse of one step, or none).
     */
    public static int maxWeight(final int weightBits)
    {
        return weightBits == 1 ? 1 : (1 << (weightBits - 1)) - 1;
    }

    /** Smallest value of a weight with this many bits: -{@link #maxWeight}, or 0 for binary 1-bit weights. */
    public static int minWeight(final int weightBits)
    {
        return weightBits == 1 ? 0 : -maxWeight(weightBits);
    }

    /** Scale (current per integer step) of one target population. */
    public static double populationScale(final Network network, final NetworkIndex index, final int population,
        final int weightBits)
    {
        final double fixedScale = network.getPopulations(population).getWeightScale();
        if (fixedScale > 0)
        {
            // set by the model (e.g. written back after learning): learned weights reload to the same integers
            return fixedScale;
        }
        double maxAbs = 0.0;
        for (final SynapseView view : incomingSynapses(network, index, population))
        {
            for (int k = 0; k < view.size(); k++)
            {
                maxAbs = Math.max(maxAbs, Math.abs(view.weight(k)));
            }
        }
        final LifNeuron lif = network.getPopulations(population).getLif();
        if (maxAbs == 0.0)
        {
            return lif.getThreshold() / SILENT_THRESHOLD_STEPS;
        }
        return maxAbs / maxWeight(weightBits);
    }

    /** Views of every projection into one population, in model order. */
    static java.util.List<SynapseView> incomingSynapses(final Network network, final NetworkIndex index,
        final int population)
    {
        final java.util.List<SynapseView> views = new java.util.ArrayList<>();
        final String name = index.name(population);
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.getTarget().equals(name))
            {
                views.add(new SynapseView(projection, index.size(index.indexOf(projection.getSource())),
                    index.size(population)));
            }
        }
        return views;
    }

    /**
     * A weight in integer steps, rounded half away from zero and clamped to [minWeight, maxWeight] (1-bit weights:
     * [0, 1]; the validator refuses negative weights at 1 bit, so no inhibitory synapse vanishes silently).
     */
    public static int quantizeWeight(final float weight, final double scale, final int weightBits)
    {
        final int max = maxWeight(weightBits);
        final long q = Math.round(Math.abs(weight) / scale);
        final int magnitude = (int)Math.min(q, max);
        return weight < 0 ? Math.max(-magnitude, minWeight(weightBits)) : magnitude;
    }

    /** The population's neuron parameters in integer steps of {@code scale}, for a 32-bit membrane and dendrite. */
    public static QuantizedLif quantizeLif(final String populationName, final LifNeuron lif, final double scale)
    {
        return quantizeLif(populationName, lif, scale, 0, 0);
    }

    /**
     * The population's neuron parameters in integer steps of {@code scale}, for the chip's membrane and accumulator
     * widths (ChipSpec.membrane_bits, accumulator_bits; 0 = 32). Threshold, reset, bias, leak, v_min and v_init must
     * fit in the membrane (below 2^30 at 32 bits, leaving headroom below saturation).
     */
    public static QuantizedLif quantizeLif(final String populationName, final LifNeuron lif, final double scale,
        final int membraneBits, final int accumulatorBits)
    {
        final double decay = FloatLif.effectiveDecay(lif);
        final QuantizedLif.Builder q = QuantizedLif.newBuilder();
        final long limit = FixedPointLif.bits(membraneBits) == 32 ? MAX_PARAMETER_STEPS :
            FixedPointLif.maxOf(membraneBits);
        if (membraneBits != 0 && membraneBits != 32)
        {
            q.setMembraneBits(membraneBits);
        }
        if (accumulatorBits != 0 && accumulatorBits != 32)
        {
            q.setAccumulatorBits(accumulatorBits);
        }
        if (lif.hasSynapticCurrent())
        {
            q.setCurrentBased(true).setCurrentDecayQ16((int)Math.round(lif.getSynapticCurrent().getDecay() *
                FixedPointLif.DECAY_ONE_Q16));
        }
        if (lif.hasHomeostasis())
        {
            q.setAdaptiveThreshold(true)
                .setThetaPlusQ16(Math.round(lif.getHomeostasis().getThetaPlus() / scale * FixedPointLif.DECAY_ONE_Q16))
                .setThetaDecayQ16((int)Math.round(Math.exp(-1.0 / lif.getHomeostasis().getTauThetaTicks()) *
                    FixedPointLif.DECAY_ONE_Q16));
        }
        return q
            .setThreshold(Math.max(1, steps(populationName, "threshold", lif.getThreshold(), scale, limit)))
            .setDecayQ16((int)Math.round(decay * FixedPointLif.DECAY_ONE_Q16))
            .setLeak(steps(populationName, "leak", lif.getLeak(), scale, limit))
            .setVReset(steps(populationName, "v_reset", lif.getVReset(), scale, limit))
            .setResetMode(lif.getResetMode())
            .setRefractoryTicks(lif.getRefractoryTicks())
            .setVMin(steps(populationName, "v_min", lif.getVMin(), scale, limit))
            .setVMinSet(lif.getVMinSet())
            .setVInit(steps(populationName, "v_init", lif.getVInit(), scale, limit))
            .setScale(scale)
            .build();
    }

    /** Per-neuron biases in integer steps (the population bias repeated when no per-neuron bias is given). */
    public static int[] quantizeBiases(final String populationName, final LifNeuron lif, final int size,
        final double scale)
    {
        final int[] biases = new int[size];
        for (int i = 0; i < size; i++)
        {
            final float bias = lif.getBiasesCount() == 0 ? lif.getBias() : lif.getBiases(i);
            biases[i] = steps(populationName, "bias", bias, scale);
        }
        return biases;
    }

    /**
     * The real constant input of each neuron of a population: its LIF bias (or per-neuron biases) plus the per-channel
     * bias of every conv2d layer into it. Both the float reference and {@link #quantizeBiases(Network, NetworkIndex,
     * int, double)} use it.
     */
    public static double[] biases(final Network network, final NetworkIndex index, final int population)
    {
        final LifNeuron lif = network.getPopulations(population).getLif();
        final int size = index.size(population);
        final double[] biases = new double[size];
        for (int i = 0; i < size; i++)
        {
            biases[i] = lif.getBiasesCount() == 0 ? lif.getBias() : lif.getBiases(i);
        }
        final String name = index.name(population);
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.getTarget().equals(name) && Layers.isLayer(projection) &&
                projection.getConv2D().getBiasCount() > 0)
            {
                final int source = index.indexOf(projection.getSource());
                Layers.addBias(projection, Layers.geometry("projection '" +
                    org.chipsim.core.ModelValidator.projectionName(projection) + "'", projection, index.size(source),
                    size), biases);
            }
        }
        return biases;
    }

    /** {@link #biases} in integer steps of {@code scale}. */
    public static int[] quantizeBiases(final Network network, final NetworkIndex index, final int population,
        final double scale)
    {
        final double[] real = biases(network, index, population);
        final int[] biases = new int[real.length];
        for (int i = 0; i < real.length; i++)
        {
            biases[i] = steps(index.name(population), "bias", real[i], scale);
        }
        return biases;
    }

    private static int steps(final String populationName, final String field, final double value, final double scale)
    {
        return steps(populationName, field, value, scale, MAX_PARAMETER_STEPS);
    }

    private static int steps(final String populationName, final String field, final double value, final double scale,
        final long limit)
    {
        final double steps = Math.rint(value / scale);
        if (Math.abs(steps) > limit)
        {
            throw new ModelException("population '" + populationName + "': lif." + field + " = " +
                (value == (float)value ? Float.toString((float)value) : Double.toString(value)) +
                " is " + String.format("%.3g", Math.abs(steps)) + " weight steps (scale " +
                String.format("%.3g", scale) + "), beyond the membrane's range" + (limit == MAX_PARAMETER_STEPS ?
                "; its incoming weights are too small for this " + field + " at the chip's weight_bits" :
                " (chip.membrane_bits allows |value| <= " + limit + " steps); widen the membrane or rescale"));
        }
        return (int)steps;
    }
}
