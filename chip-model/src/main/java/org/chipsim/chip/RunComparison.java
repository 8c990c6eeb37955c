package org.chipsim.chip;

import java.util.Arrays;

/**
 * Whether two runs of one program agree to the bit: recorded spikes, every counter of every core, learned weights,
 * the load of every mesh link and the input port's hops. Determinism across worker counts, checkpoint + resume and
 * back-pressure are all claims of this kind, so they are checked by this one comparison.
 */
public final class RunComparison
{
    private RunComparison()
    {
    }

    /** A description of the first difference between {@code expected} and {@code actual}, or null if none. */
    public static String firstDifference(final RunResult expected, final RunResult actual)
    {
        if (!expected.raster().equals(actual.raster()))
        {
            return "recorded spikes differ (" + expected.raster().size() + " vs " + actual.raster().size() + ")";
        }
        if (expected.coreCount() != actual.coreCount())
        {
            return "core count " + expected.coreCount() + " vs " + actual.coreCount();
        }
        for (int k = 0; k < expected.coreCount(); k++)
        {
            for (final CoreCounter counter : CoreCounter.values())
            {
                if (expected.counter(k, counter) != actual.counter(k, counter))
                {
                    return "core " + expected.coreId(k) + " " + counter.key() + ": " + expected.counter(k, counter) +
                        " vs " + actual.counter(k, counter);
                }
            }
            if (!Arrays.equals(expected.learnedWeights(k), actual.learnedWeights(k)))
            {
                return "core " + expected.coreId(k) + ": learned weights differ";
            }
        }
        for (int l = 0; l < expected.mesh().linkCount(); l++)
        {
            if (expected.linkPackets(l) != actual.linkPackets(l))
            {
                return "link " + l + " packets " + expected.linkPackets(l) + " vs " + actual.linkPackets(l);
            }
        }
        if (expected.inputHops() != actual.inputHops())
        {
            return "input hops " + expected.inputHops() + " vs " + actual.inputHops();
        }
        return null;
    }
}
