package org.chipsim.compiler;

import org.chipsim.core.ModelException;

/**
 * How to compile, beyond what the model says: the placement strategy, its random seed, and the traffic estimate it
 * optimizes (uniform rates, or rates profiled by running the float reference for {@code profileTicks} ticks).
 *
 * @param placement    placement strategy
 * @param seed         seed of the annealer (any value; the same seed gives the same program)
 * @param profileTicks 0: uniform rate estimate; N > 0: per-neuron rates from N ticks of the float reference
 */
public record CompileOptions(PlacementStrategy placement, long seed, long profileTicks)
{
    public static final long DEFAULT_SEED = 1;

    public CompileOptions
    {
        if (placement == null)
        {
            throw new IllegalArgumentException("placement");
        }
        if (profileTicks < 0)
        {
            throw new ModelException("--profile-ticks must be >= 0 (0 = no profiling), got " + profileTicks);
        }
    }

    public static CompileOptions defaults()
    {
        return new CompileOptions(PlacementStrategy.DEFAULT, DEFAULT_SEED, 0);
    }

    public CompileOptions withPlacement(final PlacementStrategy strategy)
    {
        return new CompileOptions(strategy, seed, profileTicks);
    }

    public CompileOptions withSeed(final long newSeed)
    {
        return new CompileOptions(placement, newSeed, profileTicks);
    }

    public CompileOptions withProfileTicks(final long ticks)
    {
        return new CompileOptions(placement, seed, ticks);
    }
}
