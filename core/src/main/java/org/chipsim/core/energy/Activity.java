package org.chipsim.core.energy;

/**
 * The counts of a run an {@link EnergyReport} is computed from. Plain data: counts only.
 *
 * @param ticks           ticks simulated
 * @param tickSeconds     model time of one tick
 * @param inferences      samples presented (1 for a run without samples)
 * @param coreEvents      per core in use (program order), events indexed by {@link EnergyEvent#ordinal()}
 * @param inputPortEvents events of the input port: OFF_CHIP_PACKET (input packets over the off-chip link) and HOP
 *                        (their on-chip links after the port); others 0
 * @param trace           per-tick record, or null when none was kept
 */
public record Activity(long ticks, double tickSeconds, long inferences, long[][] coreEvents, long[] inputPortEvents,
    TickTrace trace)
{
    public Activity
    {
        if (ticks < 0 || !(tickSeconds > 0.0) || Double.isInfinite(tickSeconds) || inferences < 0)
        {
            throw new IllegalArgumentException("ticks " + ticks + ", tick seconds " + tickSeconds + ", inferences " +
                inferences);
        }
        for (final long[] core : coreEvents)
        {
            if (core.length != EnergyEvent.count())
            {
                throw new IllegalArgumentException("a core has " + core.length + " event counts, expected " +
                    EnergyEvent.count());
            }
        }
        if (inputPortEvents.length != EnergyEvent.count())
        {
            throw new IllegalArgumentException("the input port has " + inputPortEvents.length + " event counts");
        }
    }

    public int coreCount()
    {
        return coreEvents.length;
    }

    /** Sum of one event over every core and the input port. */
    public long total(final EnergyEvent event)
    {
        long sum = inputPortEvents[event.ordinal()];
        for (final long[] core : coreEvents)
        {
            sum += core[event.ordinal()];
        }
        return sum;
    }

    /** Model time simulated, in seconds. */
    public double simulatedSeconds()
    {
        return ticks * tickSeconds;
    }
}
