package org.chipsim.core;

import java.util.HashMap;
import java.util.Map;

import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;

/**
 * Population names to indices, and each population's first global neuron id. Global ids number every neuron of the
 * network, population after population, so that a spike is one {@code (tick, globalId)} pair everywhere.
 */
public final class NetworkIndex
{
    private final Map<String, Integer> indexByName;
    private final int[] firstGlobalId;
    private final int[] sizes;
    private final String[] names;
    private final boolean[] input;
    private final int totalNeurons;

    public NetworkIndex(final Network network)
    {
        final int count = network.getPopulationsCount();
        indexByName = new HashMap<>(count * 2);
        firstGlobalId = new int[count + 1];
        sizes = new int[count];
        names = new String[count];
        input = new boolean[count];
        long total = 0;
        for (int p = 0; p < count; p++)
        {
            final Population population = network.getPopulations(p);
            indexByName.putIfAbsent(population.getName(), p);
            names[p] = population.getName();
            sizes[p] = population.getSize();
            input[p] = population.getInput();
            firstGlobalId[p] = (int)Math.min(total, Integer.MAX_VALUE);
            total += Integer.toUnsignedLong(population.getSize());
        }
        firstGlobalId[count] = (int)Math.min(total, Integer.MAX_VALUE);
        totalNeurons = (int)Math.min(total, Integer.MAX_VALUE);
    }

    /** Index of the population, or -1. */
    public int indexOf(final String name)
    {
        final Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    public int populationCount()
    {
        return sizes.length;
    }

    public String name(final int population)
    {
        return names[population];
    }

    public int size(final int population)
    {
        return sizes[population];
    }

    public boolean isInput(final int population)
    {
        return input[population];
    }

    public int firstGlobalId(final int population)
    {
        return firstGlobalId[population];
    }

    public int globalId(final int population, final int neuron)
    {
        return firstGlobalId[population] + neuron;
    }

    /** Population of a global neuron id (binary search over the population offsets). */
    public int populationOf(final int globalId)
    {
        int lo = 0;
        int hi = sizes.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi + 1) >>> 1;
            if (firstGlobalId[mid] <= globalId)
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

    public int totalNeurons()
    {
        return totalNeurons;
    }

    /** The last non-input population, the default readout; -1 if there is none. */
    public int lastNonInput()
    {
        for (int p = sizes.length - 1; p >= 0; p--)
        {
            if (!input[p])
            {
                return p;
            }
        }
        return -1;
    }
}
