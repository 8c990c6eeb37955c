package org.chipsim.core;

import java.util.Arrays;

/**
 * An immutable, sorted list of spikes: each is {@code (tick << 32) | globalNeuronId} in one {@code long}, ordered by
 * tick then neuron, so two rasters are equal exactly when they hold the same spikes, whatever produced them.
 */
public final class SpikeRaster
{
    private final long[] spikes;

    private SpikeRaster(final long[] sortedSpikes)
    {
        this.spikes = sortedSpikes;
    }

    /** Sorts (a copy of) {@code length} encoded spikes. */
    public static SpikeRaster of(final long[] encoded, final int length)
    {
        final long[] copy = Arrays.copyOf(encoded, length);
        Arrays.sort(copy);
        return new SpikeRaster(copy);
    }

    public static long encode(final long tick, final int globalId)
    {
        return (tick << 32) | Integer.toUnsignedLong(globalId);
    }

    public int size()
    {
        return spikes.length;
    }

    public long tick(final int i)
    {
        return spikes[i] >>> 32;
    }

    public int globalId(final int i)
    {
        return (int)spikes[i];
    }

    /** A copy of the encoded spikes. */
    public long[] toArray()
    {
        return spikes.clone();
    }

    /** Only the spikes of neurons with global ids in [fromId, toId). */
    public SpikeRaster filter(final int fromId, final int toId)
    {
        final long[] kept = new long[spikes.length];
        int n = 0;
        for (final long s : spikes)
        {
            final int id = (int)s;
            if (id >= fromId && id < toId)
            {
                kept[n++] = s;
            }
        }
        return new SpikeRaster(Arrays.copyOf(kept, n));
    }

    /** Spike count per neuron of [fromId, fromId + size) over ticks [fromTick, toTick). */
    public int[] counts(final int fromId, final int size, final long fromTick, final long toTick)
    {
        final int[] counts = new int[size];
        for (final long s : spikes)
        {
            final long tick = s >>> 32;
            final int id = (int)s - fromId;
            if (tick >= fromTick && tick < toTick && id >= 0 && id < size)
            {
                counts[id]++;
            }
        }
        return counts;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SpikeRaster && Arrays.equals(spikes, ((SpikeRaster)other).spikes);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(spikes);
    }

    @Override
    public String toString()
    {
        return "SpikeRaster[" + spikes.length + " spikes]";
    }
}
