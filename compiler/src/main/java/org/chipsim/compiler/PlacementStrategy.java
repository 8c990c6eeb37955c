package org.chipsim.compiler;

import java.util.Locale;

import org.chipsim.core.ModelException;

/** How the compiler puts tiles on the mesh (docs/compiler.md). */
public enum PlacementStrategy
{
    /** Row-major in partition order: tile k on core k. The v1 mapping, kept as the baseline. */
    NAIVE,
    /**
     * Tiles one at a time, strongest-connected first (from the input port), each on the free core that adds the
     * least estimated traffic x hops; never worse than {@link #NAIVE} (falls back to it).
     */
    GREEDY,
    /** Simulated annealing over moves and swaps, starting from {@link #GREEDY}; never worse than it. The default. */
    ANNEAL;

    public static final PlacementStrategy DEFAULT = ANNEAL;

    /** "naive", "greedy" or "anneal" (any case). */
    public static PlacementStrategy parse(final String text)
    {
        for (final PlacementStrategy strategy : values())
        {
            if (strategy.name().equalsIgnoreCase(text.trim()))
            {
                return strategy;
            }
        }
        throw new ModelException("--placement must be naive, greedy or anneal, got '" + text + "'");
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
