package org.chipsim.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.chipsim.core.NocSpecs;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;

/**
 * Puts tiles on the mesh, minimizing the estimated traffic x hops of a {@link TrafficGraph} (docs/compiler.md):
 *
 * <ul>
 *   <li>{@link PlacementStrategy#NAIVE}: row-major in partition order (population by population, a soma tile
 *   followed by its partial-sum tiles): tile k on core k.</li>
 *   <li>{@link PlacementStrategy#GREEDY}: tiles in order of their traffic to the tiles already placed (Prim-like,
 *   growing from the input port), each on the free core that adds the least cost. Kept only if it beats naive.</li>
 *   <li>{@link PlacementStrategy#ANNEAL}: {@link Annealer} from the greedy placement.</li>
 * </ul>
 * Every strategy is deterministic for a seed. Afterwards {@link #sortByCore} renumbers the tiles in core order, so the
 * program's cores and every routing table come out sorted by core id.
 */
final class Placement
{
    /** Where each tile went, and the objective for it and for naive placement. */
    record Result(int[] cores, double naiveCost, double cost)
    {
    }

    private Placement()
    {
    }

    static Result place(final PlacementStrategy strategy, final TrafficGraph graph, final ChipSpec chip,
        final long seed)
    {
        final int width = NocSpecs.gridWidth(chip);
        final int tiles = graph.tiles;
        final int[] naiveX = new int[tiles + 1];
        final int[] naiveY = new int[tiles + 1];
        for (int t = 0; t < tiles; t++)
        {
            naiveX[t] = t % width;
            naiveY[t] = t / width;
        }
        naiveX[tiles] = chip.getInputPortX();
        naiveY[tiles] = chip.getInputPortY();
        final PlacementDistance distance = PlacementDistance.of(chip);
        final double naiveCost = graph.cost(naiveX, naiveY, distance);
        int[] x = naiveX;
        int[] y = naiveY;
        double cost = naiveCost;
        if (strategy != PlacementStrategy.NAIVE && tiles > 1)
        {
            final int[][] greedy = greedy(graph, chip);
            final double greedyCost = graph.cost(greedy[0], greedy[1], distance);
            if (greedyCost < naiveCost)
            {
                x = greedy[0];
                y = greedy[1];
                cost = greedyCost;
            }
            if (strategy == PlacementStrategy.ANNEAL)
            {
                final int[][] annealed = new Annealer(graph, NocSpecs.gridWidth(chip), NocSpecs.gridHeight(chip),
                    seed, distance).run(x, y);
                final double annealedCost = graph.cost(annealed[0], annealed[1], distance);
                if (annealedCost < cost)
                {
                    x = annealed[0];
                    y = annealed[1];
                    cost = annealedCost;
                }
            }
        }
        final int[] cores = new int[tiles];
        for (int t = 0; t < tiles; t++)
        {
            cores[t] = y[t] * width + x[t];
        }
        return new Result(cores, naiveCost, cost);
    }

    /** Refuses a network with more tiles than the chip has cores. */
    static void checkCapacity(final List<Tile> tiles, final ChipSpec chip)
    {
        final int available = ChipSpecs.coreCount(chip);
        if (tiles.size() > available)
        {
            final int somaTiles = countSomaTiles(tiles);
            throw new ModelException(ErrorCode.CHIP_TOO_SMALL,
                "the network needs " + tiles.size() + " cores (" + somaTiles + " neuron cores + " +
                (tiles.size() - somaTiles) + " partial-sum cores of " + chip.getAxonsPerCore() + " axons x " +
                chip.getNeuronsPerCore() + " neurons) but the chip has " + available + " (" +
                NocSpecs.gridWidth(chip) + " x " + NocSpecs.gridHeight(chip) + " mesh); use a larger mesh " +
                "(chip.mesh_width/mesh_height, --mesh WxH) or more chips (chip.chips_x/chips_y, --chips XxY)");
        }
    }

    static int countSomaTiles(final List<Tile> tiles)
    {
        int count = 0;
        for (final Tile tile : tiles)
        {
            if (tile.role == CoreRole.CORE_ROLE_SOMA)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Sets every tile's core and returns the tiles sorted by core id, with {@link Tile#somaTile} renumbered to the new
     * order.
     */
    static List<Tile> sortByCore(final List<Tile> tiles, final int[] cores)
    {
        final Integer[] order = new Integer[tiles.size()];
        for (int t = 0; t < tiles.size(); t++)
        {
            tiles.get(t).coreId = cores[t];
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cores[a], cores[b]));
        final int[] newIndex = new int[tiles.size()];
        for (int k = 0; k < order.length; k++)
        {
            newIndex[order[k]] = k;
        }
        final List<Tile> sorted = new ArrayList<>(tiles.size());
        for (final Integer t : order)
        {
            sorted.add(tiles.get(t));
        }
        for (final Tile tile : sorted)
        {
            tile.somaTile = newIndex[tile.somaTile];
        }
        return sorted;
    }

    /** A tile waiting to be placed, with its traffic to the tiles (and port) already placed. */
    private record Candidate(double gain, int tile)
    {
    }

    /**
     * Greedy constructive placement. Order: always the unplaced tile with the most traffic to what is already placed
     * (the input port counts as placed from the start); a tile with no placed neighbour starts a new group (lowest
     * index first); tiles with no traffic at all come last. Position: the free core minimizing Σ weight x hops to the
     * placed neighbours (the input port's core when there are none), computed for every core from per-row and
     * per-column prefix sums, ties to the lowest core id. Returns {x, y} per node, the port last.
     */
    static int[][] greedy(final TrafficGraph graph, final ChipSpec chip)
    {
        final int width = NocSpecs.gridWidth(chip);
        final int height = NocSpecs.gridHeight(chip);
        final int tiles = graph.tiles;
        final int[] x = new int[tiles + 1];
        final int[] y = new int[tiles + 1];
        x[tiles] = chip.getInputPortX();
        y[tiles] = chip.getInputPortY();
        final boolean[] placed = new boolean[tiles + 1];
        placed[tiles] = true;
        final boolean[] occupied = new boolean[width * height];
        final double[] gain = new double[tiles];
        final PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.gain() != b.gain() ?
            Double.compare(b.gain(), a.gain()) : Integer.compare(a.tile(), b.tile()));
        final double[] columnWeight = new double[width];
        final double[] rowWeight = new double[height];
        final double[] columnCost = new double[width];
        final double[] rowCost = new double[height];
        addNeighbours(graph, tiles, placed, gain, queue);
        int next = 0;
        for (int count = 0; count < tiles; count++)
        {
            int t = -1;
            while (!queue.isEmpty())
            {
                final Candidate candidate = queue.poll();
                if (!placed[candidate.tile()] && candidate.gain() == gain[candidate.tile()])
                {
                    t = candidate.tile();
                    break;
                }
            }
            if (t < 0)
            {
                while (next < tiles && (placed[next] || graph.degree(next) == 0))
                {
                    next++;
                }
                if (next == tiles)
                {
                    break;
                }
                t = next;
            }
            Arrays.fill(columnWeight, 0.0);
            Arrays.fill(rowWeight, 0.0);
            boolean any = false;
            for (int k = graph.adjStart[t]; k < graph.adjStart[t + 1]; k++)
            {
                final int n = graph.adjNode[k];
                if (placed[n])
                {
                    columnWeight[x[n]] += graph.adjWeight[k];
                    rowWeight[y[n]] += graph.adjWeight[k];
                    any = true;
                }
            }
            if (!any)
            {
                columnWeight[x[tiles]] = 1.0;
                rowWeight[y[tiles]] = 1.0;
            }
            distanceCosts(columnWeight, columnCost);
            distanceCosts(rowWeight, rowCost);
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int core = 0; core < occupied.length; core++)
            {
                if (!occupied[core])
                {
                    final double c = columnCost[core % width] + rowCost[core / width];
                    if (c < bestCost)
                    {
                        bestCost = c;
                        best = core;
                    }
                }
            }
            occupied[best] = true;
            x[t] = best % width;
            y[t] = best / width;
            placed[t] = true;
            addNeighbours(graph, t, placed, gain, queue);
        }
        // tiles without any traffic: the remaining free cores in row-major order
        int core = 0;
        for (int t = 0; t < tiles; t++)
        {
            if (!placed[t])
            {
                while (occupied[core])
                {
                    core++;
                }
                occupied[core] = true;
                x[t] = core % width;
                y[t] = core / width;
                placed[t] = true;
            }
        }
        return new int[][] {x, y};
    }

    private static void addNeighbours(final TrafficGraph graph, final int node, final boolean[] placed,
        final double[] gain, final PriorityQueue<Candidate> queue)
    {
        for (int k = graph.adjStart[node]; k < graph.adjStart[node + 1]; k++)
        {
            final int n = graph.adjNode[k];
            if (!placed[n])
            {
                gain[n] += graph.adjWeight[k];
                queue.add(new Candidate(gain[n], n));
            }
        }
    }

    /** cost[c] = Σ_b weight[b] x |c − b| for every coordinate c, in two linear passes. */
    static void distanceCosts(final double[] weight, final double[] cost)
    {
        double left = 0;
        double run = 0;
        for (int c = 0; c < weight.length; c++)
        {
            run += left;
            cost[c] = run;
            left += weight[c];
        }
        double right = 0;
        run = 0;
        for (int c = weight.length - 1; c >= 0; c--)
        {
            run += right;
            cost[c] += run;
            right += weight[c];
        }
    }
}
