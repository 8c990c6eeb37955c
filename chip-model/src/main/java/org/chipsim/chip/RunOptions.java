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
 */
public record RunOptions(long ticks, int workers, long seed, int ringSize, List<String> recordPopulations)
{
    public static final int DEFAULT_RING_SIZE = 1 << 14;

    public static RunOptions defaults()
    {
        return new RunOptions(0, 0, 0, DEFAULT_RING_SIZE, null);
    }

    public RunOptions withTicks(final long ticks)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations);
    }

    public RunOptions withWorkers(final int workers)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations);
    }

    public RunOptions withSeed(final long seed)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations);
    }

    public RunOptions withRingSize(final int ringSize)
    {
        return new RunOptions(ticks, workers, seed, ringSize, recordPopulations);
    }

    public RunOptions withRecord(final List<String> populations)
    {
        return new RunOptions(ticks, workers, seed, ringSize, populations);
    }
}
