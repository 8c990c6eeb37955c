package org.chipsim.compiler;

import java.util.List;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Routes;

/**
 * Builds the multicast routing tables: for every source neuron, one entry (destination core, axon, delay) per axon
 * that carries it, in ascending destination core then axon order. A neuron's table lives in the soma core that holds
 * it; an input neuron's table lives in the input source of its population.
 */
final class RouteBuilder
{
    private final Network network;
    private final NetworkIndex index;
    private final int neuronsPerCore;
    /** For population p, the tile index of its first soma tile (soma tiles of a population are in neuron order). */
    private final int[][] somaTileOfBlock;

    RouteBuilder(final Network network, final NetworkIndex index, final ChipSpec chip, final List<Tile> tiles)
    {
        this.network = network;
        this.index = index;
        this.neuronsPerCore = ChipSpecs.hostedNeuronsPerCore(chip);
        this.somaTileOfBlock = new int[index.populationCount()][];
        for (int p = 0; p < index.populationCount(); p++)
        {
            somaTileOfBlock[p] = new int[(index.size(p) + neuronsPerCore - 1) / neuronsPerCore];
        }
        for (int t = 0; t < tiles.size(); t++)
        {
            final Tile tile = tiles.get(t);
            if (tile.somaTile == t)
            {
                somaTileOfBlock[tile.population][tile.neuronOffset / neuronsPerCore] = t;
            }
        }
    }

    /** Routing tables: [tile index] for soma tiles (null for partial-sum tiles), plus [tiles + population] inputs. */
    Routes[] build(final List<Tile> tiles)
    {
        final int populations = index.populationCount();
        // Owner of a source neuron's table: a soma tile index, or tiles.size() + population for an input population.
        final int owners = tiles.size() + populations;
        final int[][] counts = new int[owners][];
        for (int t = 0; t < tiles.size(); t++)
        {
            if (tiles.get(t).somaTile == t)
            {
                counts[t] = new int[tiles.get(t).neuronCount + 1];
            }
        }
        for (int p = 0; p < populations; p++)
        {
            if (index.isInput(p))
            {
                counts[tiles.size() + p] = new int[index.size(p) + 1];
            }
        }
        // Pass 1: count entries per source neuron; pass 2: fill in tile (= core) order, so entries come out sorted.
        for (final Tile tile : tiles)
        {
            for (int a = 0; a < tile.axonCount(); a++)
            {
                final int source = sourcePopulation(tile.axonProjection.getInt(a));
                final int neuron = tile.axonSource.getInt(a);
                counts[owner(tiles, source, neuron)][local(source, neuron) + 1]++;
            }
        }
        final int[][] start = new int[owners][];
        final int[][] core = new int[owners][];
        final int[][] axon = new int[owners][];
        final int[][] delay = new int[owners][];
        for (int o = 0; o < owners; o++)
        {
            if (counts[o] == null)
            {
                continue;
            }
            final int[] s = counts[o];
            for (int n = 1; n < s.length; n++)
            {
                s[n] += s[n - 1];
            }
            start[o] = s.clone();
            core[o] = new int[s[s.length - 1]];
            axon[o] = new int[s[s.length - 1]];
            delay[o] = new int[s[s.length - 1]];
        }
        for (final Tile tile : tiles)
        {
            for (int a = 0; a < tile.axonCount(); a++)
            {
                final int projection = tile.axonProjection.getInt(a);
                final int source = sourcePopulation(projection);
                final int neuron = tile.axonSource.getInt(a);
                final int o = owner(tiles, source, neuron);
                final int at = counts[o][local(source, neuron)]++;
                core[o][at] = tile.coreId;
                axon[o][at] = a;
                delay[o][at] = network.getProjections(projection).getDelayTicks();
            }
        }
        final Routes[] routes = new Routes[owners];
        for (int o = 0; o < owners; o++)
        {
            if (start[o] == null)
            {
                continue;
            }
            final Routes.Builder builder = Routes.newBuilder();
            for (final int v : start[o])
            {
                builder.addStart(v);
            }
            for (int e = 0; e < core[o].length; e++)
            {
                builder.addCore(core[o][e]).addAxon(axon[o][e]).addDelayTicks(delay[o][e]);
            }
            routes[o] = builder.build();
        }
        return routes;
    }

    private int sourcePopulation(final int projection)
    {
        return index.indexOf(network.getProjections(projection).getSource());
    }

    private int owner(final List<Tile> tiles, final int population, final int neuron)
    {
        if (index.isInput(population))
        {
            return tiles.size() + population;
        }
        return somaTileOfBlock[population][neuron / neuronsPerCore];
    }

    private int local(final int population, final int neuron)
    {
        return index.isInput(population) ? neuron : neuron % neuronsPerCore;
    }
}
