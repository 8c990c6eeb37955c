package org.chipsim.core.neuron;

import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.ResetMode;

/**
 * The integer LIF update of one population, exactly as a soma computes it. The chip's cores and the unpartitioned
 * reference simulator both call this one class, so "same equations" is true by construction.
 *
 * <pre>
 *   v' = round_half_up(v * decay_q16 / 2^16)          multiplicative decay, 16-bit fixed point
 *   if v' > 0: v' = max(v' - leak, 0)                  linear leak towards zero
 *   v' = saturate_int32(v' + bias + input)
 *   if v_min_set: v' = max(v', v_min)
 *   spike when v' >= threshold, then v' = v_reset (RESET_TO_VALUE) or v' - threshold (RESET_SUBTRACT)
 * </pre>
 *
 * Saturation happens here only, after the tick's whole input is summed in a wide accumulator, so the order in which
 * packets arrive cannot change the result.
 */
public final class FixedPointLif
{
    public static final int DECAY_ONE_Q16 = 1 << 16;
    private static final long HALF_Q16 = 1L << 15;

    private final int threshold;
    private final int decayQ16;
    private final int leak;
    private final int vReset;
    private final boolean resetSubtract;
    private final int refractoryTicks;
    private final boolean vMinSet;
    private final int vMin;
    private final int vInit;

    public FixedPointLif(final QuantizedLif q)
    {
        this.threshold = q.getThreshold();
        this.decayQ16 = q.getDecayQ16();
        this.leak = q.getLeak();
        this.vReset = q.getVReset();
        this.resetSubtract = q.getResetMode() == ResetMode.RESET_SUBTRACT;
        this.refractoryTicks = q.getRefractoryTicks();
        this.vMinSet = q.getVMinSet();
        this.vMin = q.getVMin();
        this.vInit = q.getVInit();
    }

    /** Membrane potential after this tick's decay, leak, bias and input, before the threshold test. */
    public int integrate(final int v, final long input, final int bias)
    {
        long x = decayQ16 == DECAY_ONE_Q16 ? v : ((long)v * decayQ16 + HALF_Q16) >> 16;
        if (x > 0)
        {
            x = Math.max(x - leak, 0);
        }
        x += bias + input;
        if (x > Integer.MAX_VALUE)
        {
            x = Integer.MAX_VALUE;
        }
        else if (x < Integer.MIN_VALUE)
        {
            x = Integer.MIN_VALUE;
        }
        if (vMinSet && x < vMin)
        {
            x = vMin;
        }
        return (int)x;
    }

    public boolean fires(final int v)
    {
        return v >= threshold;
    }

    /** Potential right after a spike. */
    public int reset(final int v)
    {
        return resetSubtract ? v - threshold : vReset;
    }

    public int refractoryTicks()
    {
        return refractoryTicks;
    }

    public int initialPotential()
    {
        return vInit;
    }

    public int threshold()
    {
        return threshold;
    }
}
