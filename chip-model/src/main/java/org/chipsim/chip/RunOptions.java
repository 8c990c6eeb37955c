package org.chipsim.chip;

import java.util.List;

/**
 * How to run a program. Zero means "take it from the program's RunConfig (or the default)".
 *
 * @param ticks             ticks to simulate
 * @param workers           worker threads
 * @param seed              seed of everything random in the run
 * @param ringSize          slots of each worker's inbound ring (a power of two)
 * @param recordPopulations populations whose spikes are recorded; null means the program's RunConfig list
 * @param maxOffHeapBytes   limit on the cores' off-heap memory; 0 means the JVM's limit (Runtime.maxMemory, which is
 *                          also the default limit of direct buffers)
 * @param traceTicks        record every core's events tick by tick over the first this many ticks (the per-core
 *                          timeline, {@link RunResult#coreTrace()}); 0 records none
 */
public record RunOptions(long ticks, int workers, long seed, int ringSize, List<String> recordPopulations,
    long maxOffHeapBytes, long traceTicks)
{
    public static final int DEFAULT_RING_SIZE = 1 << 14;

    public static RunOptions defaults()
    {
        return new RunOptions(0, 0, 0, DEFAULT_RING_SIZE, null, 0, 0);
    }

    public RunOptions withTicks(final long ticks)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations, maxOffHeapBytes, traceTicks);
    }

    public RunOptions withWorkers(final int workers)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations, maxOffHeapBytes, traceTicks);
    }

    public RunOptions withSeed(final long seed)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations, maxOffHeapBytes, traceTicks);
    }

    public RunOptions withRingSize(final int ringSize)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations, maxOffHeapBytes, traceTicks);
    }

    public RunOptions withRecord(final List<String> populations)
    {
        return new RunOptions(ticks, workers, seed, ringSize, populations, maxOffHeapBytes, traceTicks);
    }

    public RunOptions withMaxOffHeapBytes(final long bytes)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations, bytes, traceTicks);
    }

    public RunOptions withTraceTicks(final long ticks)
    {
        return new RunOptions(this.ticks, workers, seed, ringSize, recordPopulations, maxOffHeapBytes, ticks);
    }
}
