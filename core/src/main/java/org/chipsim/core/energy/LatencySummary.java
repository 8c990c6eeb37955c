package org.chipsim.core.energy;

/**
 * Per-tick critical path, summarized. Cycles are of the chip clock; times follow from it.
 *
 * @param binTicks          ticks per latency bin (1: exact per tick; more: each bin combines the slowest core and the
 *                          longest path of its span, so mean, p99 and max are upper bounds)
 * @param meanCycles        mean critical path over the ticks
 * @param p99Cycles         99th percentile (nearest rank) over the bins
 * @param maxCycles         longest critical path of any tick
 * @param maxCoreBusyCycles longest core busy time of any tick (compute part of the critical path)
 * @param maxMeshCycles     longest mesh transport of any tick
 * @param unpacedSeconds    time to run every tick back to back at the critical path (no tick pacing)
 * @param clockHz           chip clock
 * @param tickSeconds       model time of one tick, for the real-time check
 */
public record LatencySummary(int binTicks, double meanCycles, double p99Cycles, double maxCycles,
    double maxCoreBusyCycles, double maxMeshCycles, double unpacedSeconds, double clockHz, double tickSeconds)
{
    public double meanNs()
    {
        return meanCycles / clockHz * 1e9;
    }

    public double p99Ns()
    {
        return p99Cycles / clockHz * 1e9;
    }

    public double maxNs()
    {
        return maxCycles / clockHz * 1e9;
    }

    /** True when every tick's critical path fits in the tick's model time (the chip keeps real time). */
    public boolean realTime()
    {
        return maxCycles / clockHz <= tickSeconds;
    }
}
