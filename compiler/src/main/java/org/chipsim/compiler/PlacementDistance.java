package org.chipsim.compiler;

import org.chipsim.core.NocSpecs;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.proto.v1.ChipSpec;

/**
 * The distance placement minimizes between two routers: XY hops, an inter-chip hop of a multi-chip grid counting
 * {@code interChipWeight} hops (docs/noc.md). On one chip it is the hop count, exactly as before.
 *
 * @param chipWidth       routers per chip along x
 * @param chipHeight      routers per chip along y
 * @param extraPerCrossing what an inter-chip hop costs on top of an on-chip hop (0 on one chip)
 */
record PlacementDistance(int chipWidth, int chipHeight, double extraPerCrossing)
{
    /**
     * The distance on a chip's grid: an inter-chip hop weighs inter_chip_hop_latency_cycles / hop_latency_cycles
     * on-chip hops (at least 1; 32 with every preset), so the annealer keeps chip crossings off busy edges.
     */
    static PlacementDistance of(final ChipSpec chip)
    {
        if (!NocSpecs.multiChip(chip))
        {
            return new PlacementDistance(NocSpecs.gridWidth(chip), NocSpecs.gridHeight(chip), 0.0);
        }
        final EnergyCosts costs = EnergyModel.of(chip).costs();
        final double weight = costs.hopLatencyCycles() > 0 ?
            Math.max(1.0, costs.interChipHopLatencyCycles() / costs.hopLatencyCycles()) : 1.0;
        return new PlacementDistance(chip.getMeshWidth(), chip.getMeshHeight(), weight - 1.0);
    }

    double between(final int x0, final int y0, final int x1, final int y1)
    {
        final int hops = Math.abs(x1 - x0) + Math.abs(y1 - y0);
        if (extraPerCrossing == 0.0)
        {
            return hops;
        }
        final int crossings = Math.abs(x1 / chipWidth - x0 / chipWidth) + Math.abs(y1 / chipHeight - y0 / chipHeight);
        return hops + extraPerCrossing * crossings;
    }
}
