package org.chipsim.core.neuron;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.Network;

/**
 * How much quantization changes the weights into one population: over its non-zero incoming weights {@code w} (layers
 * lowered, every stored copy of a shared conv weight counted), the rounding error {@code q(w) * scale - w} of the
 * integer {@code q(w)} the chip stores ({@link Quantization#quantizeWeight}, clamping included).
 *
 * @param scale         current units per integer weight step
 * @param weights       non-zero weights into the population
 * @param maxAbsWeight  the largest |w|
 * @param maxError      the largest |rounding error|
 * @param rmsError      the root mean square rounding error
 * @param roundedToZero weights that round to 0 on the chip (synapses the chip loses)
 */
public record WeightRounding(double scale, long weights, double maxAbsWeight, double maxError, double rmsError,
    long roundedToZero)
{
    /** The rounding of the weights into {@code population} at {@code scale} with {@code weightBits}-bit weights. */
    public static WeightRounding of(final Network network, final NetworkIndex index, final int population,
        final double scale, final int weightBits)
    {
        long count = 0;
        long zero = 0;
        double maxAbs = 0;
        double maxError = 0;
        double sumSquares = 0;
        for (final SynapseView view : Quantization.incomingSynapses(network, index, population))
        {
            for (int k = 0; k < view.size(); k++)
            {
                final float w = view.weight(k);
                if (w == 0f)
                {
                    continue;
                }
                final int q = Quantization.quantizeWeight(w, scale, weightBits);
                final double error = Math.abs(q * scale - w);
                count++;
                zero += q == 0 ? 1 : 0;
                maxAbs = Math.max(maxAbs, Math.abs(w));
                maxError = Math.max(maxError, error);
                sumSquares += error * error;
            }
        }
        return new WeightRounding(scale, count, maxAbs, maxError, count == 0 ? 0 : Math.sqrt(sumSquares / count),
            zero);
    }

    /** An error as a percentage of the largest |weight| (0 when there is no weight). */
    public double percentOfMax(final double error)
    {
        return maxAbsWeight == 0 ? 0 : 100.0 * error / maxAbsWeight;
    }
}
