package org.chipsim.compiler;

import java.util.Arrays;
import java.util.List;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Network;

/**
 * The expected traffic between tiles: the graph placement optimizes. Nodes are the tiles (0 .. tiles - 1) and the
 * input port (node {@code tiles}, fixed at the chip's input port). An edge's weight is expected packets per tick:
 *
 * <ul>
 *   <li>soma tile S → tile X: Σ over X's axons carrying a neuron of S of that neuron's rate (one routing entry, so
 *   one packet, per axon per spike);</li>
 *   <li>input port → tile X: the same for X's axons carrying input neurons;</li>
 *   <li>partial-sum tile P → its soma tile: one packet per neuron per tick in which the neuron's sum on P is not
 *   zero. With profiled rates, counted exactly by replaying the profile's spikes through P's crossbar (a neuron counts
 *   in a tick if at least one spike reaches it over a non-zero quantized weight). With uniform rates, estimated as
 *   Σ over P's neurons of 1 − exp(−λ), where λ is the sum of the rates of the axons with a non-zero weight to that
 *   neuron (Poisson approximation of "at least one contributing spike this tick").</li>
 * </ul>
 * The placement objective is Σ over edges of weight x XY hops between the two nodes' cores.
 */
final class TrafficGraph
{
    final int tiles;
    final int portNode;
    /** Edge list (u, v, packets per tick); every edge once, u ≠ v, weight > 0. */
    final int[] edgeFrom;
    final int[] edgeTo;
    final double[] edgeWeight;
    /** Undirected adjacency in CSR form over nodes 0 .. tiles (the port included). */
    final int[] adjStart;
    final int[] adjNode;
    final double[] adjWeight;
    /** Routing-table entries each soma tile will hold (0 for partial-sum tiles). */
    final long[] routeEntries;
    final double spikePackets;
    final double inputPackets;
    final double psumPackets;

    TrafficGraph(final List<Tile> tileList, final Network network, final NetworkIndex index, final ChipSpec chip,
        final TrafficRates rates, final ProjectionMatrix[] matrices, final double[] scale)
    {
        tiles = tileList.size();
        portNode = tiles;
        final int neuronsPerCore = ChipSpecs.hostedNeuronsPerCore(chip);
        final int weightBits = chip.getWeightBits();
        final int[][] somaOfBlock = new int[index.populationCount()][];
        for (int p = 0; p < index.populationCount(); p++)
        {
            somaOfBlock[p] = new int[(index.size(p) + neuronsPerCore - 1) / neuronsPerCore];
        }
        for (int t = 0; t < tiles; t++)
        {
            final Tile tile = tileList.get(t);
            if (tile.somaTile == t)
            {
                somaOfBlock[tile.population][tile.neuronOffset / neuronsPerCore] = t;
            }
        }
        final int[] sourceOf = new int[network.getProjectionsCount()];
        for (int j = 0; j < sourceOf.length; j++)
        {
            sourceOf[j] = index.indexOf(network.getProjections(j).getSource());
        }

        routeEntries = new long[tiles];
        final double[] acc = new double[tiles + 1];
        final int[] stamp = new int[tiles + 1];
        final int[] touched = new int[tiles + 1];
        final double[] lambda = new double[neuronsPerCore];
        final int[] cols = new int[neuronsPerCore];
        final float[] vals = new float[neuronsPerCore];
        final double[] replayed = rates.profile() == null ? null :
            replayPartialSums(tileList, index, chip, rates, matrices, scale, sourceOf, network);
        final EdgeList edges = new EdgeList();
        double spikes = 0;
        double inputs = 0;
        double psums = 0;
        for (int x = 0; x < tiles; x++)
        {
            final Tile tile = tileList.get(x);
            final boolean partialSum = tile.role == CoreRole.CORE_ROLE_PARTIAL_SUM;
            final boolean estimate = partialSum && replayed == null;
            if (estimate)
            {
                Arrays.fill(lambda, 0, tile.neuronCount, 0.0);
            }
            int touchedCount = 0;
            for (int a = 0; a < tile.axonCount(); a++)
            {
                final int projection = tile.axonProjection.getInt(a);
                final int source = sourceOf[projection];
                final int neuron = tile.axonSource.getInt(a);
                final double rate = rates.rate(source, neuron);
                final int owner = index.isInput(source) ? portNode : somaOfBlock[source][neuron / neuronsPerCore];
                if (owner != portNode)
                {
                    routeEntries[owner]++;
                }
                if (stamp[owner] != x + 1)
                {
                    stamp[owner] = x + 1;
                    acc[owner] = 0.0;
                    touched[touchedCount++] = owner;
                }
                acc[owner] += rate;
                if (estimate && rate > 0.0)
                {
                    final int n = matrices[projection].nonZeros(neuron, tile.neuronOffset,
                        tile.neuronOffset + tile.neuronCount, cols, vals);
                    final double tileScale = scale[tile.population];
                    for (int k = 0; k < n; k++)
                    {
                        if (Quantization.quantizeWeight(vals[k], tileScale, weightBits) != 0)
                        {
                            lambda[cols[k] - tile.neuronOffset] += rate;
                        }
                    }
                }
            }
            for (int k = 0; k < touchedCount; k++)
            {
                final int owner = touched[k];
                if (owner == portNode)
                {
                    inputs += acc[owner];
                }
                else
                {
                    spikes += acc[owner];
                }
                if (owner != x && acc[owner] > 0.0)
                {
                    edges.add(owner, x, acc[owner]);
                }
            }
            if (partialSum)
            {
                double packets = 0;
                if (replayed != null)
                {
                    packets = replayed[x];
                }
                else
                {
                    for (int n = 0; n < tile.neuronCount; n++)
                    {
                        packets += -Math.expm1(-lambda[n]);
                    }
                }
                psums += packets;
                if (packets > 0.0)
                {
                    edges.add(x, tile.somaTile, packets);
                }
            }
        }
        spikePackets = spikes;
        inputPackets = inputs;
        psumPackets = psums;
        edgeFrom = Arrays.copyOf(edges.from, edges.size);
        edgeTo = Arrays.copyOf(edges.to, edges.size);
        edgeWeight = Arrays.copyOf(edges.weight, edges.size);

        adjStart = new int[tiles + 2];
        for (int e = 0; e < edgeFrom.length; e++)
        {
            adjStart[edgeFrom[e] + 1]++;
            adjStart[edgeTo[e] + 1]++;
        }
        for (int v = 0; v <= tiles; v++)
        {
            adjStart[v + 1] += adjStart[v];
        }
        adjNode = new int[adjStart[tiles + 1]];
        adjWeight = new double[adjNode.length];
        final int[] cursor = Arrays.copyOf(adjStart, tiles + 1);
        for (int e = 0; e < edgeFrom.length; e++)
        {
            int at = cursor[edgeFrom[e]]++;
            adjNode[at] = edgeTo[e];
            adjWeight[at] = edgeWeight[e];
            at = cursor[edgeTo[e]]++;
            adjNode[at] = edgeFrom[e];
            adjWeight[at] = edgeWeight[e];
        }
    }

    /**
     * Partial-sum packets per tick of every partial-sum tile (0 for soma tiles), counted by replaying the profiling
     * run's spikes: a spike of source neuron s at tick t reaches, at tick t + 1 + delay, every neuron its axon has a
     * non-zero quantized weight to; each (tile, neuron, delivery tick) reached counts one packet. (With mixed delays
     * on one tile a neuron may rarely be counted twice for one tick; sums that cancel to exactly zero are counted.)
     */
    private static double[] replayPartialSums(final List<Tile> tileList, final NetworkIndex index,
        final ChipSpec chip, final TrafficRates rates, final ProjectionMatrix[] matrices, final double[] scale,
        final int[] sourceOf, final Network network)
    {
        final int tiles = tileList.size();
        final int neuronsPerCore = ChipSpecs.hostedNeuronsPerCore(chip);
        // inverse index: global source id -> the (tile, axon) pairs of partial-sum tiles carrying it, in CSR form
        final int[] start = new int[index.totalNeurons() + 1];
        for (final Tile tile : tileList)
        {
            if (tile.role == CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                for (int a = 0; a < tile.axonCount(); a++)
                {
                    start[index.globalId(sourceOf[tile.axonProjection.getInt(a)], tile.axonSource.getInt(a)) + 1]++;
                }
            }
        }
        for (int g = 0; g < index.totalNeurons(); g++)
        {
            start[g + 1] += start[g];
        }
        final int[] refTile = new int[start[index.totalNeurons()]];
        final int[] refDelay = new int[refTile.length];
        final int[] refColStart = new int[refTile.length + 1];
        final int[] cursor = java.util.Arrays.copyOf(start, index.totalNeurons());
        final int[] cols = new int[neuronsPerCore];
        final float[] vals = new float[neuronsPerCore];
        // first pass: which tile and delay each reference has, and how many non-zero columns
        final int[][] refOfAxon = new int[tiles][];
        for (int x = 0; x < tiles; x++)
        {
            final Tile tile = tileList.get(x);
            if (tile.role != CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                continue;
            }
            refOfAxon[x] = new int[tile.axonCount()];
            for (int a = 0; a < tile.axonCount(); a++)
            {
                final int projection = tile.axonProjection.getInt(a);
                final int ref = cursor[index.globalId(sourceOf[projection], tile.axonSource.getInt(a))]++;
                refOfAxon[x][a] = ref;
                refTile[ref] = x;
                refDelay[ref] = network.getProjections(projection).getDelayTicks();
                final int n = matrices[projection].nonZeros(tile.axonSource.getInt(a), tile.neuronOffset,
                    tile.neuronOffset + tile.neuronCount, cols, vals);
                int kept = 0;
                for (int k = 0; k < n; k++)
                {
                    kept += Quantization.quantizeWeight(vals[k], scale[tile.population], chip.getWeightBits()) != 0 ?
                        1 : 0;
                }
                refColStart[ref + 1] = kept;
            }
        }
        for (int r = 0; r < refTile.length; r++)
        {
            refColStart[r + 1] += refColStart[r];
        }
        final int[] refCols = new int[refColStart[refTile.length]];
        for (int x = 0; x < tiles; x++)
        {
            if (refOfAxon[x] == null)
            {
                continue;
            }
            final Tile tile = tileList.get(x);
            for (int a = 0; a < tile.axonCount(); a++)
            {
                final int projection = tile.axonProjection.getInt(a);
                final int n = matrices[projection].nonZeros(tile.axonSource.getInt(a), tile.neuronOffset,
                    tile.neuronOffset + tile.neuronCount, cols, vals);
                int at = refColStart[refOfAxon[x][a]];
                for (int k = 0; k < n; k++)
                {
                    if (Quantization.quantizeWeight(vals[k], scale[tile.population], chip.getWeightBits()) != 0)
                    {
                        refCols[at++] = cols[k] - tile.neuronOffset;
                    }
                }
            }
        }
        // replay
        final long ticks = rates.profileTicks();
        final long[][] stamp = new long[tiles][];
        final long[] counts = new long[tiles];
        for (int x = 0; x < tiles; x++)
        {
            if (refOfAxon[x] != null)
            {
                stamp[x] = new long[tileList.get(x).neuronCount];
                java.util.Arrays.fill(stamp[x], -1L);
            }
        }
        final org.chipsim.core.SpikeRaster raster = rates.profile();
        for (int k = 0; k < raster.size(); k++)
        {
            final int g = raster.globalId(k);
            for (int r = start[g]; r < start[g + 1]; r++)
            {
                final long due = raster.tick(k) + 1 + refDelay[r];
                if (due >= ticks)
                {
                    continue;
                }
                final long[] seen = stamp[refTile[r]];
                for (int c = refColStart[r]; c < refColStart[r + 1]; c++)
                {
                    if (seen[refCols[c]] != due)
                    {
                        seen[refCols[c]] = due;
                        counts[refTile[r]]++;
                    }
                }
            }
        }
        final double[] packets = new double[tiles];
        for (int x = 0; x < tiles; x++)
        {
            packets[x] = (double)counts[x] / ticks;
        }
        return packets;
    }

    /** The objective for nodes at (x[v], y[v]), v = 0 .. tiles (the port last). */
    double cost(final int[] x, final int[] y)
    {
        double sum = 0;
        for (int e = 0; e < edgeFrom.length; e++)
        {
            final int u = edgeFrom[e];
            final int v = edgeTo[e];
            sum += edgeWeight[e] * (Math.abs(x[u] - x[v]) + Math.abs(y[u] - y[v]));
        }
        return sum;
    }

    /** {@link #cost(int[], int[])} with a multi-chip grid's inter-chip hops weighted ({@link PlacementDistance}). */
    double cost(final int[] x, final int[] y, final PlacementDistance distance)
    {
        if (distance.extraPerCrossing() == 0.0)
        {
            return cost(x, y);
        }
        double sum = 0;
        for (int e = 0; e < edgeFrom.length; e++)
        {
            final int u = edgeFrom[e];
            final int v = edgeTo[e];
            sum += edgeWeight[e] * distance.between(x[u], y[u], x[v], y[v]);
        }
        return sum;
    }

    int degree(final int node)
    {
        return adjStart[node + 1] - adjStart[node];
    }

    /** Growable edge arrays. */
    private static final class EdgeList
    {
        int[] from = new int[1024];
        int[] to = new int[1024];
        double[] weight = new double[1024];
        int size;

        void add(final int u, final int v, final double w)
        {
            if (size == from.length)
            {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
                weight = Arrays.copyOf(weight, size * 2);
            }
            from[size] = u;
            to[size] = v;
            weight[size++] = w;
        }
    }
}
