package org.chipsim.compiler;

import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.IntArrayList;
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

    static List<Tile> partition(final Network network, final NetworkIndex index, final ChipSpec chip,
        final ProjectionMatrix[] matrices)
    {
        final int neuronsPerCore = chip.getNeuronsPerCore();
        final int axonsPerCore = chip.getAxonsPerCore();
        final List<Tile> tiles = new ArrayList<>();
        final IntArrayList blockProjection = new IntArrayList();
        final IntArrayList blockSource = new IntArrayList();
        for (int p = 0; p < index.populationCount(); p++)
        {
            if (index.isInput(p))
            {
                continue;
            }
            final int size = index.size(p);
            for (int offset = 0; offset < size; offset += neuronsPerCore)
            {
                final int count = Math.min(neuronsPerCore, size - offset);
                blockProjection.clear();
                blockSource.clear();
                for (int j = 0; j < network.getProjectionsCount(); j++)
                {
                    if (index.indexOf(network.getProjections(j).getTarget()) != p)
                    {
                        continue;
                    }
                    final int sourceSize = index.size(index.indexOf(network.getProjections(j).getSource()));
                    for (int i = 0; i < sourceSize; i++)
                    {
                        if (matrices[j].rowHasNonZero(i, offset, offset + count))
                        {
                            blockProjection.addInt(j);
                            blockSource.addInt(i);
                        }
                    }
                }
                final int somaIndex = tiles.size();
                final int groups = Math.max(1, (blockProjection.size() + axonsPerCore - 1) / axonsPerCore);
                for (int g = 0; g < groups; g++)
                {
                    final Tile tile = new Tile(p, offset, count, g == 0 ? CoreRole.CORE_ROLE_SOMA :
                        CoreRole.CORE_ROLE_PARTIAL_SUM);
                    tile.somaTile = somaIndex;
                    final int to = Math.min(blockProjection.size(), (g + 1) * axonsPerCore);
                    for (int a = g * axonsPerCore; a < to; a++)
                    {
                        tile.axonProjection.addInt(blockProjection.getInt(a));
                        tile.axonSource.addInt(blockSource.getInt(a));
                    }
                    tiles.add(tile);
                }
            }
        }
        return tiles;
    }
}
