package org.chipsim.compiler;

import java.util.List;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.ann.AnnQuantization;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.QuantizedAnn;
import org.chipsim.proto.v1.QuantizedLif;

/**
 * What the compiler does for ANN-mode populations (docs/ann-mode.md): the accumulator scale, the folded weights
 * (weight x real value of one input step, per projection), the biases in accumulator steps and the core's
 * {@link QuantizedAnn}; and the refusal of an ANN population that would need partial-sum cores.
 */
final class AnnCompiler
{
    /** The quantization of one ANN population. */
    record AnnQuantized(double accScale, double[] inputStepOfProjection, int[] biases, QuantizedAnn ann)
    {
        /** One folded weight of projection j in integer steps. */
        int weight(final float w, final int projection, final int weightBits)
        {
            return AnnQuantization.weight(w, inputStepOfProjection[projection], accScale, weightBits);
        }
    }

    /** Neuron parameters of an ANN core: unused by the chip, valid for the program validator (threshold 1). */
    static final QuantizedLif UNUSED_LIF = QuantizedLif.newBuilder().setThreshold(1).setDecayQ16(65536).build();

    private AnnCompiler()
    {
    }

    static AnnQuantized quantize(final Network network, final NetworkIndex index, final ChipSpec chip,
        final int population)
    {
        final AnnNeuron ann = network.getPopulations(population).getAnn();
        final double accScale = AnnQuantization.accumulatorScale(network, index, population, chip.getWeightBits());
        final double[] steps = new double[network.getProjectionsCount()];
        for (int j = 0; j < steps.length; j++)
        {
            steps[j] = AnnQuantization.inputStep(network, index.indexOf(network.getProjections(j).getSource()),
                population);
        }
        return new AnnQuantized(accScale, steps, AnnQuantization.quantizeBiases(index.name(population), ann,
            index.size(population), accScale), AnnQuantization.quantize(index.name(population), ann, accScale,
            AnnQuantization.spikingOutput(network, index, population)));
    }

    /** ANN cores have no partial sums: refuses an ANN population whose fan-in needs more than one core's axons. */
    static void checkTiles(final List<Tile> tiles, final Network network, final NetworkIndex index,
        final ChipSpec chip)
    {
        for (final Tile tile : tiles)
        {
            if (tile.role == CoreRole.CORE_ROLE_PARTIAL_SUM && network.getPopulations(tile.population).hasAnn())
            {
                throw new ModelException(ErrorCode.CHIP_TOO_SMALL, "ANN population '" + index.name(tile.population) +
                    "' needs more inputs than one core's " + chip.getAxonsPerCore() + " axons; ANN-mode cores have " +
                    "no partial sums: use fewer inputs, more axons per core (--axons) or a spiking population");
            }
        }
    }
}
