package org.chipsim.core.stimulus;

/**
 * Counter-based random numbers: a value is a pure function of its key, so input spikes do not depend on which worker
 * draws them or in what order. The mixer is SplitMix64's finaliser (Steele, Lea, Flood, OOPSLA 2014), applied twice.
 */
public final class CounterRandom
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom()
    {
    }

    public static long mix64(final long z0)
    {
        long z = z0;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits for the key (seed, a, b). */
    public static long bits(final long seed, final long a, final long b)
    {
        return mix64(mix64(seed + GOLDEN_GAMMA * (a + 1)) ^ (b * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    /** Unsigned 32-bit threshold for a probability: an event fires when {@code (bits >>> 32) < threshold}. */
    public static long threshold32(final double probability)
    {
        if (!(probability > 0.0))
        {
            return 0L;
        }
        if (probability >= 1.0)
        {
            return 1L << 32;
        }
        return (long)Math.floor(probability * 4294967296.0);
    }
}
