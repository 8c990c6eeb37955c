package org.chipsim.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.collections.LongArrayList;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.Projection;
import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Network;

/**
 * Splits every non-input population into blocks of at most {@code neurons_per_core} neurons, and each block's fan-in
 * into groups of at most {@code axons_per_core} axons.
 *
 * <p>An axon carries one (projection, source neuron) pair into a block, and only pairs with at least one non-zero
 * weight into the block get one, so sparse projections use few axons. A block whose fan-in fits one core is a single
 * soma tile. A larger fan-in is split Tianjic-style: the soma tile holds the first group of axons, and each further
 * group becomes a partial-sum tile whose dendrite sums travel to the soma core within the same tick.
 */
final class Partitioner
{
    private Partitioner()
    {
    }

    static List<Tile> partition(final Network network, final NetworkIndex index, final ChipSpec chip)
    {
        // a time-multiplexed soma hosts neurons_per_core x neuron_time_multiplex neurons
        final int neuronsPerCore = ChipSpecs.hostedNeuronsPerCore(chip);
        final int axonsPerCore = chip.getAxonsPerCore();
        final List<Tile> tiles = new ArrayList<>();
        for (int p = 0; p < index.populationCount(); p++)
        {
            if (index.isInput(p))
            {
                continue;
            }
            final int size = index.size(p);
            final long[][] blockAxons = axonsPerBlock(network, index, p, neuronsPerCore);
            for (int b = 0; b < blockAxons.length; b++)
            {
                final int offset = b * neuronsPerCore;
                final int count = Math.min(neuronsPerCore, size - offset);
                final long[] axons = blockAxons[b];
                final int somaIndex = tiles.size();
                final int groups = Math.max(1, (axons.length + axonsPerCore - 1) / axonsPerCore);
                for (int g = 0; g < groups; g++)
                {
                    final Tile tile = new Tile(p, offset, count, g == 0 ? CoreRole.CORE_ROLE_SOMA :
                        CoreRole.CORE_ROLE_PARTIAL_SUM);
                    tile.somaTile = somaIndex;
                    final int to = Math.min(axons.length, (g + 1) * axonsPerCore);
                    for (int a = g * axonsPerCore; a < to; a++)
                    {
                        tile.axonProjection.addInt((int)(axons[a] >>> 32));
                        tile.axonSource.addInt((int)axons[a]);
                    }
                    tiles.add(tile);
                }
            }
        }
        return tiles;
    }

    /**
     * For each block of population p, its axons as sorted, distinct (projection << 32 | source neuron) keys: one pass
     * over every synapse into p, so the cost is the number of synapses, not sources x blocks.
     */
    private static long[][] axonsPerBlock(final Network network, final NetworkIndex index, final int p,
        final int neuronsPerCore)
    {
        final int size = index.size(p);
        final int blocks = (size + neuronsPerCore - 1) / neuronsPerCore;
        final LongArrayList[] keys = new LongArrayList[blocks];
        for (int b = 0; b < blocks; b++)
        {
            keys[b] = new LongArrayList();
        }
        for (int j = 0; j < network.getProjectionsCount(); j++)
        {
            final Projection projection = network.getProjections(j);
            if (index.indexOf(projection.getTarget()) != p)
            {
                continue;
            }
            if (projection.hasReward())
            {
                // reward packets go to every block of the target: one axon per (source neuron, block)
                final int sources = index.size(index.indexOf(projection.getSource()));
                for (int b = 0; b < blocks; b++)
                {
                    for (int k = 0; k < sources; k++)
                    {
                        keys[b].addLong(((long)j << 32) | k);
                    }
                }
                continue;
            }
            final SynapseView view = new SynapseView(projection, index.size(index.indexOf(projection.getSource())),
                size);
            final long projectionKey = (long)j << 32;
            // consecutive synapses often share (source, block): skip the repeats before sorting
            long last = -1;
            for (int k = 0; k < view.size(); k++)
            {
                if (view.weight(k) == 0f)
                {
                    continue;
                }
                final int block = view.post(k) / neuronsPerCore;
                final long key = projectionKey | view.pre(k);
                final long blockKey = key * blocks + block;
                if (blockKey != last)
                {
                    keys[block].addLong(key);
                    last = blockKey;
                }
            }
        }
        final long[][] result = new long[blocks][];
        for (int b = 0; b < blocks; b++)
        {
            final long[] sorted = keys[b].toLongArray();
            Arrays.sort(sorted);
            int distinct = 0;
            for (int k = 0; k < sorted.length; k++)
            {
                if (distinct == 0 || sorted[distinct - 1] != sorted[k])
                {
                    sorted[distinct++] = sorted[k];
                }
            }
            result[b] = Arrays.copyOf(sorted, distinct);
            keys[b] = null;
        }
        return result;
    }
}
