package org.chipsim.chip;

import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.EnergyEvent;

/**
 * One worker's record of its own cores' events tick by tick over the first ticks of a run (chipsim run --trace), for
 * the per-core timeline. The arrays are allocated once, before the run, so recording allocates nothing per tick;
 * after the run the workers' records are put together by core (each core belongs to exactly one worker) and by max
 * (path lengths), so the result does not depend on the worker count.
 */
final class CoreTickRecorder
{
    /** Most core-ticks a run may record: bounds the memory (8 bytes x events each) and the trace.json size. */
    static final long MAX_CORE_TICKS = 1L << 20;

    private final int ticks;
    private final int[] programIndex;
    private final long[] events;
    private final int[] maxHops;
    private final int[] maxInputHops;

    /**
     * @param ticks        ticks to record (the first ones)
     * @param programIndex for each core the worker owns, its index in program order
     */
    CoreTickRecorder(final int ticks, final int[] programIndex)
    {
        this.ticks = ticks;
        this.programIndex = programIndex;
        this.events = new long[ticks * programIndex.length * EnergyEvent.count()];
        this.maxHops = new int[ticks];
        this.maxInputHops = new int[ticks];
    }

    boolean records(final long tick)
    {
        return tick < ticks;
    }

    /** The events of own core {@code i} in {@code tick}, given in {@link Worker#TRACED} order. */
    void record(final long tick, final int i, final long[] tracedDelta)
    {
        final int base = ((int)tick * programIndex.length + i) * EnergyEvent.count();
        for (int k = 0; k < tracedDelta.length; k++)
        {
            events[base + Worker.TRACED_EVENTS[k].ordinal()] = tracedDelta[k];
        }
    }

    void recordPaths(final long tick, final int hops, final int inputHops)
    {
        maxHops[(int)tick] = hops;
        maxInputHops[(int)tick] = inputHops;
    }

    /**
     * Puts the ticks before {@code upToTick} of a merged record (from a checkpoint) back: this worker's cores' events,
     * and the path lengths (into every worker's record: they are merged by max).
     */
    void restore(final CoreTrace merged, final long upToTick)
    {
        final int width = EnergyEvent.count();
        final int own = programIndex.length;
        final int upTo = (int)Math.min(ticks, upToTick);
        for (int t = 0; t < upTo; t++)
        {
            for (int i = 0; i < own; i++)
            {
                System.arraycopy(merged.events(), (t * merged.coreCount() + programIndex[i]) * width, events,
                    (t * own + i) * width, width);
            }
            maxHops[t] = merged.maxHops()[t];
            maxInputHops[t] = merged.maxInputHops()[t];
        }
    }

    /** Every worker's record as one trace of {@code coreCount} cores in program order. */
    static CoreTrace merge(final CoreTickRecorder[] recorders, final int coreCount)
    {
        final int ticks = recorders[0].ticks;
        final int width = EnergyEvent.count();
        final long[] events = new long[ticks * coreCount * width];
        final int[] hops = new int[ticks];
        final int[] inputHops = new int[ticks];
        java.util.Arrays.fill(inputHops, -1);
        for (final CoreTickRecorder r : recorders)
        {
            final int own = r.programIndex.length;
            for (int t = 0; t < ticks; t++)
            {
                for (int i = 0; i < own; i++)
                {
                    System.arraycopy(r.events, (t * own + i) * width, events,
                        (t * coreCount + r.programIndex[i]) * width, width);
                }
                hops[t] = Math.max(hops[t], r.maxHops[t]);
                inputHops[t] = Math.max(inputHops[t], r.maxInputHops[t]);
            }
        }
        return new CoreTrace(ticks, coreCount, events, hops, inputHops);
    }
}
