package org.chipsim.compiler;

/**
 * What the placer estimated. Traffic is in expected packets per tick under the rate estimate {@code rates}; cost is
 * the placement objective, Σ over traffic-graph edges of packets per tick x XY hops on the mesh (spikes, input
 * spikes from the input port, partial sums; the off-chip link of input packets is not included: it does not depend
 * on placement).
 *
 * @param strategy       the strategy used
 * @param seed           the annealer's seed
 * @param rates          how rates were estimated (for reports)
 * @param tiles          tiles placed (cores used)
 * @param spikePackets   expected spike packets per tick sent by neuron cores
 * @param inputPackets   expected input packets per tick entering at the input port
 * @param psumPackets    expected partial-sum packets per tick
 * @param naiveCost      the objective for row-major (naive) placement
 * @param cost           the objective for the chosen placement
 * @param placementNanos wall time spent placing (not part of the program)
 */
public record PlacementReport(PlacementStrategy strategy, long seed, String rates, int tiles, double spikePackets,
    double inputPackets, double psumPackets, double naiveCost, double cost, long placementNanos)
{
    /** Relative reduction of the objective against naive, in percent (0 when naive costs nothing). */
    public double improvementPercent()
    {
        return naiveCost <= 0 ? 0.0 : 100.0 * (naiveCost - cost) / naiveCost;
    }

    /** Expected packets per tick of every kind. */
    public double packetsPerTick()
    {
        return spikePackets + inputPackets + psumPackets;
    }
}
