package org.chipsim.compiler;

import java.util.SplittableRandom;

/**
 * Simulated annealing of a placement (docs/compiler.md, "Annealing schedule"). A move takes a random tile to a random
 * core within a window around it: onto a free core it moves, onto another tile's core the two swap. The change in
 * cost is computed from the two tiles' adjacency lists only, so a move costs O(degree). Deterministic for a seed
 * (one {@link SplittableRandom}, a fixed number of moves, no clock).
 *
 * <p>Budget: {@value #MOVES_PER_TILE} moves per tile, capped so that at most {@value #WORK_BUDGET} adjacency entries
 * are visited (a few seconds at most). The <em>effort</em> e = budget / (MOVES_PER_TILE x tiles) ≤ 1 is 1 for chips
 * of a few hundred cores and falls for large ones (about 0.07 for 8,000 tiles).
 *
 * <p>Schedule: {@value #STEPS} temperature steps with an equal share of the moves. The start window is the whole mesh
 * at full effort and side x e (at least {@value #MIN_START_WINDOW}) otherwise; the start temperature makes an average
 * uphill move within it accepted with probability e^-(START_EXPONENT / sqrt(e)), so a short anneal of a large chip
 * refines the greedy placement instead of melting it. The temperature falls geometrically to {@value #END_FRACTION}
 * of the start, and the last {@value #QUENCH_STEPS} steps run at zero (greedy descent). After every step the window
 * is scaled by (0.56 + acceptance rate), VPR's rule that keeps acceptance near 44 %, within [1, mesh side]. The best
 * placement seen at the end of any step is returned.
 */
final class Annealer
{
    static final int STEPS = 100;
    static final int QUENCH_STEPS = 10;
    static final double START_EXPONENT = 5.0;
    static final double END_FRACTION = 1e-3;
    /** Moves per tile at full effort, capped by {@link #WORK_BUDGET} adjacency entries visited in all. */
    static final long MOVES_PER_TILE = 50_000;
    static final long MIN_MOVES = 20_000;
    static final long WORK_BUDGET = 400_000_000L;
    /** Start window (in hops) when the budget allows fewer than MOVES_PER_TILE moves per tile. */
    static final double MIN_START_WINDOW = 4;

    private final TrafficGraph graph;
    private final int width;
    private final int height;
    private final SplittableRandom random;
    private final int tiles;
    private final int[] x;
    private final int[] y;
    private final int[] occupant;
    private final PlacementDistance distance;

    Annealer(final TrafficGraph graph, final int width, final int height, final long seed)
    {
        this(graph, width, height, seed, new PlacementDistance(width, height, 0.0));
    }

    /** An annealer minimizing {@code distance}-weighted traffic (inter-chip hops weighted on a multi-chip grid). */
    Annealer(final TrafficGraph graph, final int width, final int height, final long seed,
        final PlacementDistance distance)
    {
        this.distance = distance;
        this.graph = graph;
        this.width = width;
        this.height = height;
        this.random = new SplittableRandom(seed);
        this.tiles = graph.tiles;
        this.x = new int[tiles + 1];
        this.y = new int[tiles + 1];
        this.occupant = new int[width * height];
    }

    /** Moves the annealer will try for this graph. */
    static long moveBudget(final TrafficGraph graph)
    {
        final double meanDegree = graph.tiles == 0 ? 0 : (double)graph.adjNode.length / graph.tiles;
        final long byWork = (long)(WORK_BUDGET / (2.0 * meanDegree + 4.0));
        return Math.max(Math.min(MIN_MOVES, byWork), Math.min(MOVES_PER_TILE * graph.tiles, byWork));
    }

    /** Anneals from {x, y} (port last, unchanged) and returns the best placement found as {x, y}. */
    int[][] run(final int[] startX, final int[] startY)
    {
        System.arraycopy(startX, 0, x, 0, tiles + 1);
        System.arraycopy(startY, 0, y, 0, tiles + 1);
        java.util.Arrays.fill(occupant, -1);
        for (int t = 0; t < tiles; t++)
        {
            occupant[y[t] * width + x[t]] = t;
        }
        final int[] bestX = x.clone();
        final int[] bestY = y.clone();
        double cost = graph.cost(x, y, distance);
        double bestCost = cost;
        final long movesPerStep = Math.max(1, moveBudget(graph) / STEPS);
        final int side = Math.max(width, height);
        final double effort = Math.min(1.0, (double)movesPerStep * STEPS / ((double)MOVES_PER_TILE * tiles));
        double window = Math.max(Math.min(side, MIN_START_WINDOW), side * effort);
        final double startTemperature = startTemperature((int)Math.ceil(window), START_EXPONENT / Math.sqrt(effort));
        final double cooling = Math.pow(END_FRACTION, 1.0 / Math.max(1, STEPS - QUENCH_STEPS - 1));
        double temperature = startTemperature;
        for (int step = 0; step < STEPS; step++)
        {
            if (step >= STEPS - QUENCH_STEPS)
            {
                temperature = 0.0;
            }
            final int range = Math.max(1, (int)Math.round(window));
            long accepted = 0;
            for (long m = 0; m < movesPerStep; m++)
            {
                final int t = random.nextInt(tiles);
                final int tx = pick(x[t], range, width);
                final int ty = pick(y[t], range, height);
                if (tx == x[t] && ty == y[t])
                {
                    continue;
                }
                final int u = occupant[ty * width + tx];
                final double delta = delta(t, tx, ty, u);
                if (delta <= 0.0 || (temperature > 0.0 && random.nextDouble() < Math.exp(-delta / temperature)))
                {
                    apply(t, tx, ty, u);
                    cost += delta;
                    accepted++;
                }
            }
            cost = graph.cost(x, y, distance);
            if (cost < bestCost)
            {
                bestCost = cost;
                System.arraycopy(x, 0, bestX, 0, tiles + 1);
                System.arraycopy(y, 0, bestY, 0, tiles + 1);
            }
            window = Math.min(side, Math.max(1.0, window * (0.56 + (double)accepted / movesPerStep)));
            temperature *= cooling;
        }
        return new int[][] {bestX, bestY};
    }

    /**
     * A start temperature at which an average uphill move (over random moves within {@code side} of the start
     * placement) is accepted with probability e^-exponent.
     */
    private double startTemperature(final int side, final double exponent)
    {
        final int samples = (int)Math.min(2000, Math.max(100, 4L * tiles));
        double uphill = 0;
        int count = 0;
        for (int s = 0; s < samples; s++)
        {
            final int t = random.nextInt(tiles);
            final int tx = pick(x[t], side, width);
            final int ty = pick(y[t], side, height);
            if (tx == x[t] && ty == y[t])
            {
                continue;
            }
            final double delta = delta(t, tx, ty, occupant[ty * width + tx]);
            if (delta > 0.0)
            {
                uphill += delta;
                count++;
            }
        }
        return count == 0 ? 0.0 : uphill / count / exponent;
    }

    /** A coordinate within {@code range} of {@code at}, uniform over the part of that window inside [0, size). */
    private int pick(final int at, final int range, final int size)
    {
        final int lo = Math.max(0, at - range);
        final int hi = Math.min(size - 1, at + range);
        return lo + random.nextInt(hi - lo + 1);
    }

    /** Cost change of moving tile t to (tx, ty), swapping with tile u there (u < 0: the core is free). */
    private double delta(final int t, final int tx, final int ty, final int u)
    {
        final int ox = x[t];
        final int oy = y[t];
        final int[] adjStart = graph.adjStart;
        final int[] adjNode = graph.adjNode;
        final double[] adjWeight = graph.adjWeight;
        double delta = 0.0;
        for (int k = adjStart[t], end = adjStart[t + 1]; k < end; k++)
        {
            final int n = adjNode[k];
            if (n == u)
            {
                continue; // the t-u distance does not change in a swap
            }
            final int nx = x[n];
            final int ny = y[n];
            delta += distance.extraPerCrossing() == 0.0 ?
                adjWeight[k] * (Math.abs(tx - nx) + Math.abs(ty - ny) - Math.abs(ox - nx) - Math.abs(oy - ny)) :
                adjWeight[k] * (distance.between(tx, ty, nx, ny) - distance.between(ox, oy, nx, ny));
        }
        if (u >= 0)
        {
            for (int k = adjStart[u], end = adjStart[u + 1]; k < end; k++)
            {
                final int n = adjNode[k];
                if (n == t)
                {
                    continue;
                }
                final int nx = x[n];
                final int ny = y[n];
                delta += distance.extraPerCrossing() == 0.0 ?
                    adjWeight[k] * (Math.abs(ox - nx) + Math.abs(oy - ny) - Math.abs(tx - nx) - Math.abs(ty - ny)) :
                    adjWeight[k] * (distance.between(ox, oy, nx, ny) - distance.between(tx, ty, nx, ny));
            }
        }
        return delta;
    }

    private void apply(final int t, final int tx, final int ty, final int u)
    {
        final int ox = x[t];
        final int oy = y[t];
        occupant[oy * width + ox] = u;
        if (u >= 0)
        {
            x[u] = ox;
            y[u] = oy;
        }
        occupant[ty * width + tx] = t;
        x[t] = tx;
        y[t] = ty;
    }
}
