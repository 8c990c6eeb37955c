package org.chipsim.core.energy;

/**
 * Every core's events, tick by tick, over the first {@code ticks} ticks of a run, and each tick's longest packet paths:
 * what the per-core timeline (trace.json) is drawn from, and what lets a saved run's latency be re-priced under other
 * latency costs (the slowest core of a tick depends on the costs, so only per-core counts can give it). Recorded only
 * when asked for, because it grows with ticks x cores.
 *
 * @param ticks        ticks recorded (the first ones of the run)
 * @param coreCount    cores in use, in program order
 * @param events       indexed {@code (tick * coreCount + core) * EnergyEvent.count() + event.ordinal()}; the input
 *                     port's events are not included
 * @param maxHops      per tick: the most on-chip links any packet sent by a core crossed
 * @param maxInputHops per tick: the most on-chip links any input packet crossed after the off-chip link, -1 without
 *                     input
 */
public record CoreTrace(int ticks, int coreCount, long[] events, int[] maxHops, int[] maxInputHops)
{
    public CoreTrace
    {
        if (ticks < 0 || coreCount < 0 || events.length != (long)ticks * coreCount * EnergyEvent.count() ||
            maxHops.length != ticks || maxInputHops.length != ticks)
        {
            throw new IllegalArgumentException("core trace of " + ticks + " ticks x " + coreCount + " cores has " +
                events.length + " counts, " + maxHops.length + " and " + maxInputHops.length + " path lengths");
        }
    }

    public long events(final int tick, final int core, final EnergyEvent event)
    {
        return events[(tick * coreCount + core) * EnergyEvent.count() + event.ordinal()];
    }

    /** Busy cycles of one core in one tick: exactly {@link EnergyCosts#coreBusyCycles} of its events, as the run's. */
    public double busyCycles(final EnergyCosts costs, final int tick, final int core)
    {
        return costs.coreBusyCycles(events(tick, core, EnergyEvent.SOP), events(tick, core, EnergyEvent.NEURON_UPDATE),
            events(tick, core, EnergyEvent.PACKET_OUT), events(tick, core, EnergyEvent.PARTIAL_SUM_SENT),
            events(tick, core, EnergyEvent.PARTIAL_SUM_RECEIVED), events(tick, core, EnergyEvent.LEARN_UPDATE),
            events(tick, core, EnergyEvent.MAC), events(tick, core, EnergyEvent.ACTIVATION_PACKET));
    }

    /** The slowest core's busy cycles in one tick. */
    public double maxBusyCycles(final EnergyCosts costs, final int tick)
    {
        double max = 0.0;
        for (int k = 0; k < coreCount; k++)
        {
            max = Math.max(max, busyCycles(costs, tick, k));
        }
        return max;
    }

    /** The critical path of one tick in cycles, as {@link EnergyReport#criticalPath}. */
    public double criticalPathCycles(final EnergyCosts costs, final int tick)
    {
        return EnergyReport.criticalPath(costs, maxBusyCycles(costs, tick), maxHops[tick], maxInputHops[tick]);
    }

    /**
     * The per-tick record's slowest core per latency bin under other costs, when this trace covers the whole run of
     * {@code runTicks} ticks (null otherwise): the maximum is exact, so this equals what a run with those costs keeps.
     */
    public double[] maxBusyCyclesPerBin(final EnergyCosts costs, final long runTicks, final int latencyBinTicks)
    {
        if (ticks != runTicks)
        {
            return null;
        }
        final double[] busy = new double[TickTrace.bins(runTicks, latencyBinTicks)];
        for (int t = 0; t < ticks; t++)
        {
            final int bin = t / latencyBinTicks;
            busy[bin] = Math.max(busy[bin], maxBusyCycles(costs, t));
        }
        return busy;
    }
}
