package org.chipsim.core.energy;

/**
 * What the chip model records tick by tick for the latency and energy-per-tick reports, gathered without allocation
 * during the run and merged deterministically after it (maxima by max, counts by sum), so it does not depend on the
 * worker count.
 *
 * <p>Latency is kept per tick up to {@link #MAX_LATENCY_BINS} ticks; longer runs are binned ({@code latencyBinTicks}
 * consecutive ticks per bin, each bin keeping the maxima of its ticks). Event counts are binned to at most
 * {@link #MAX_EVENT_BINS} bins of {@code eventBinTicks} ticks.
 *
 * @param ticks           ticks of the run
 * @param latencyBinTicks ticks per latency bin (1 unless the run is longer than MAX_LATENCY_BINS ticks)
 * @param maxBusyCycles   per latency bin: the largest core busy time of any core, in cycles
 *                        ({@link EnergyCosts#coreBusyCycles} of that core's events of the tick); null when unknown
 *                        (a saved run re-priced under other latency costs without a {@link CoreTrace}: no latency)
 * @param maxHops         per latency bin: the most on-chip links any packet sent by a core crossed
 * @param maxInputHops    per latency bin: the most on-chip links any input packet crossed after the off-chip link,
 *                        or -1 when no input packet entered
 * @param eventBinTicks   ticks per event bin
 * @param binEvents       per event bin, the events of every core and the input port, indexed
 *                        {@code bin * EnergyEvent.count() + event.ordinal()}
 * @param meshCycles      per latency bin: the mesh part of the critical path as recorded during the run, or null
 *                        when it is priced from the longest paths ({@link EnergyCosts#meshCycles}). Recorded with
 *                        the NoC congestion model (the cycles until a tick's last packet arrived) and on a multi-chip
 *                        grid (the slowest packet's path with inter-chip links at their own latency); docs/noc.md
 */
public record TickTrace(long ticks, int latencyBinTicks, double[] maxBusyCycles, int[] maxHops, int[] maxInputHops,
    int eventBinTicks, long[] binEvents, double[] meshCycles)
{
    /** A trace of a run with the ideal NoC. */
    public TickTrace(final long ticks, final int latencyBinTicks, final double[] maxBusyCycles, final int[] maxHops,
        final int[] maxInputHops, final int eventBinTicks, final long[] binEvents)
    {
        this(ticks, latencyBinTicks, maxBusyCycles, maxHops, maxInputHops, eventBinTicks, binEvents, null);
    }

    /**
     * Cycles of the mesh part of latency bin {@code bin}: as recorded during the run when it was (congestion model,
     * multi-chip grid), else the longest paths priced at the costs' hop latencies ({@link EnergyCosts#meshCycles}).
     */
    public double meshCycles(final EnergyCosts costs, final int bin)
    {
        return meshCycles != null ? meshCycles[bin] : costs.meshCycles(maxHops[bin], maxInputHops[bin]);
    }

    /** Ticks kept one by one for latency; longer runs are binned. The chip model allocates this much per worker. */
    public static final int MAX_LATENCY_BINS = 1 << 14;
    /** Bins of event counts (energy per tick); the chip model allocates this many per worker. */
    public static final int MAX_EVENT_BINS = 1 << 11;

    /** Ticks per bin so that {@code ticks} fit in at most {@code maxBins} bins. */
    public static int binTicks(final long ticks, final int maxBins)
    {
        return (int)Math.max(1, (ticks + maxBins - 1) / maxBins);
    }

    /** Bins needed for {@code ticks} at {@code binTicks} ticks per bin. */
    public static int bins(final long ticks, final int binTicks)
    {
        return (int)((ticks + binTicks - 1) / binTicks);
    }

    public int latencyBins()
    {
        return maxHops.length;
    }

    /** A copy with the slowest core per latency bin replaced (null: latency unknown). */
    public TickTrace withMaxBusyCycles(final double[] busy)
    {
        return new TickTrace(ticks, latencyBinTicks, busy, maxHops, maxInputHops, eventBinTicks, binEvents, meshCycles);
    }

    public int eventBins()
    {
        return binEvents.length / EnergyEvent.count();
    }

    public long events(final int bin, final EnergyEvent event)
    {
        return binEvents[bin * EnergyEvent.count() + event.ordinal()];
    }

    /** Ticks in a bin of {@code binTicks} (the last one may be shorter). */
    public long ticksInBin(final int bin, final int binTicks)
    {
        return Math.min(binTicks, ticks - (long)bin * binTicks);
    }
}
