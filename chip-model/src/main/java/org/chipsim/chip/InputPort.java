package org.chipsim.chip;

import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.Routes;

/**
 * Where one input population's spikes enter the chip: the router at the input port, and each input neuron's routing
 * entries. Immutable after construction; every worker reads it.
 */
final class InputPort
{
    final int population;
    final int size;
    final int firstGlobalId;
    final boolean recorded;
    private final int[] start;
    private final int[] core;
    private final int[] axon;
    private final int[] delay;

    InputPort(final InputSource source, final int firstGlobalId, final boolean recorded)
    {
        this.population = source.getPopulation();
        this.size = source.getSize();
        this.firstGlobalId = firstGlobalId;
        this.recorded = recorded;
        final Routes routes = source.getRoutes();
        start = toArray(routes.getStartList());
        core = toArray(routes.getCoreList());
        axon = toArray(routes.getAxonList());
        delay = toArray(routes.getDelayTicksList());
    }

    private static int[] toArray(final java.util.List<Integer> values)
    {
        final int[] array = new int[values.size()];
        for (int i = 0; i < array.length; i++)
        {
            array[i] = values.get(i);
        }
        return array;
    }

    int routeStart(final int neuron)
    {
        return start[neuron];
    }

    int routeEnd(final int neuron)
    {
        return start[neuron + 1];
    }

    int core(final int entry)
    {
        return core[entry];
    }

    int axon(final int entry)
    {
        return axon[entry];
    }

    int delay(final int entry)
    {
        return delay[entry];
    }
}
