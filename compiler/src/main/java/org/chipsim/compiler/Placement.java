package org.chipsim.compiler;

import java.util.List;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;

/**
 * Puts tiles on the mesh. v1 places them in row-major order in the order the partitioner made them (population by
 * population, a soma tile followed by its partial-sum tiles), which keeps a block's partial sums near their soma.
 */
final class Placement
{
    private Placement()
    {
    }

    static void rowMajor(final List<Tile> tiles, final ChipSpec chip, final int somaTiles)
    {
        final int available = ChipSpecs.coreCount(chip);
        if (tiles.size() > available)
        {
            throw new ModelException("the network needs " + tiles.size() + " cores (" + somaTiles + " neuron cores + " +
                (tiles.size() - somaTiles) + " partial-sum cores of " + chip.getAxonsPerCore() + " axons x " +
                chip.getNeuronsPerCore() + " neurons) but the chip has " + available + " (" + chip.getMeshWidth() +
                " x " + chip.getMeshHeight() + " mesh); use a larger mesh (chip.mesh_width/mesh_height, --mesh WxH)");
        }
        for (int t = 0; t < tiles.size(); t++)
        {
            tiles.get(t).coreId = t;
        }
    }

    static int countSomaTiles(final List<Tile> tiles)
    {
        int count = 0;
        for (final Tile tile : tiles)
        {
            if (tile.role == CoreRole.CORE_ROLE_SOMA)
            {
                count++;
            }
        }
        return count;
    }
}
