package org.chipsim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The process's peak memory as the JVM reports it: the heap pools' peak usage added up (an upper bound of the heap's
 * peak, since the pools need not peak at the same moment), next to the cores' off-heap memory. {@code chipsim bench} prints it so that a memory target ("runs in 8 GiB of heap +
 * off-heap") is read off a run, not estimated.
 */
final class MemoryPeaks
{
    private MemoryPeaks()
    {
    }

    /** Sum over the heap pools of their peak usage, in bytes. */
    static long heapPeakBytes()
    {
        long total = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null)
            {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    /** One line: the heap's peak, the heap limit, the cores' off-heap memory and the two together. */
    static String describe(final long offHeapBytes)
    {
        final long heap = heapPeakBytes();
        final double gib = 1024.0 * 1024 * 1024;
        return String.format("heap at most %.2f GiB (sum of the pools' peaks; -Xmx %.2f GiB) + core memory " +
            "off-heap %.2f GiB = %.2f GiB", heap / gib, Runtime.getRuntime().maxMemory() / gib, offHeapBytes / gib,
            (heap + offHeapBytes) / gib);
    }
}
