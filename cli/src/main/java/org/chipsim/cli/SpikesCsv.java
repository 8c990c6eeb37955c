package org.chipsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.chipsim.chip.RunResult;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;

/**
 * {@code spikes.csv}: every recorded spike as {@code tick,population,neuron}, ordered by tick, then population (model
 * order), then neuron. Written beside result.json when populations are recorded ({@code --record}).
 */
final class SpikesCsv
{
    static final String FILE = "spikes.csv";

    private SpikesCsv()
    {
    }

    /** True when the run recorded at least one population. */
    static boolean anyRecorded(final RunResult result)
    {
        for (int p = 0; p < result.index().populationCount(); p++)
        {
            if (result.isRequested(p))
            {
                return true;
            }
        }
        return false;
    }

    static void write(final RunResult result, final Writer out)
    {
        final NetworkIndex index = result.index();
        final int populations = index.populationCount();
        final int[] first = new int[populations + 1];
        for (int p = 0; p < populations; p++)
        {
            first[p] = index.firstGlobalId(p);
        }
        first[populations] = Integer.MAX_VALUE;
        try
        {
            out.write("tick,population,neuron\n");
            final SpikeRaster raster = result.raster();
            final StringBuilder line = new StringBuilder(64);
            int p = 0;
            for (int i = 0; i < raster.size(); i++)
            {
                final int id = raster.globalId(i);
                if (id < first[p] || id >= first[p + 1])
                {
                    p = populationOf(first, id);
                }
                if (!result.isRequested(p))
                {
                    continue;
                }
                line.setLength(0);
                line.append(raster.tick(i)).append(',').append(csv(index.name(p))).append(',').append(id - first[p])
                    .append('\n');
                out.append(line);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static int populationOf(final int[] first, final int id)
    {
        int lo = 0;
        int hi = first.length - 2;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            if (first[mid] <= id)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static String csv(final String field)
    {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0)
        {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
