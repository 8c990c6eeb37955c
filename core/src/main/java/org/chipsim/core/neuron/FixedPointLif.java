package org.chipsim.core.neuron;

import org.chipsim.proto.v1.QuantizedLif;
import org.chipsim.proto.v1.ResetMode;

/**
 * The integer LIF update of one population, exactly as a soma computes it. The chip's cores and the unpartitioned
 * reference simulator both call this one class, so "same equations" is true by construction.
 *
 * <pre>
 *   I  = saturate_a(input)                             the dendrite sum at the accumulator width (a bits)
 *   v' = round_half_up(v * decay_q16 / 2^16)          multiplicative decay, 16-bit fixed point
 *   if v' > 0: v' = max(v' - leak, 0)                  linear leak towards zero
 *   v' = saturate_m(v' + bias + I)                     the membrane width (m bits)
 *   if v_min_set: v' = max(v', v_min)
 *   spike when v' >= threshold, then v' = v_reset (RESET_TO_VALUE) or v' - threshold (RESET_SUBTRACT)
 * </pre>
 *
 * with {@code saturate_b(x) = min(max(x, -2^(b-1)), 2^(b-1) - 1)}; a and m default to 32. A current-based (CUBA)
 * neuron first updates its synaptic current in 16-bit fixed point, {@code u' = saturate_m<<16(round_half_up(u *
 * current_decay_q16 / 2^16) + I * 2^16)} ({@link #current}), and its membrane adds {@code round_half_up(u' / 2^16)}
 * in place of I ({@link #integrateDrive}).
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
    private final long inputMin;
    private final long inputMax;
    private final long membraneMin;
    private final long membraneMax;
    private final boolean currentBased;
    private final long currentDecayQ16;

    public FixedPointLif(final QuantizedLif q)
    {
        this.inputMin = minOf(q.getAccumulatorBits());
        this.inputMax = maxOf(q.getAccumulatorBits());
        this.membraneMin = minOf(q.getMembraneBits());
        this.membraneMax = maxOf(q.getMembraneBits());
        this.currentBased = q.getCurrentBased();
        this.currentDecayQ16 = q.getCurrentDecayQ16();
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

    /** Width in bits of a membrane or accumulator field (0 = 32). */
    public static int bits(final int field)
    {
        return field == 0 ? 32 : field;
    }

    /** Smallest signed integer of {@code bits} bits (0 = 32). */
    public static long minOf(final int bits)
    {
        return -(1L << (bits(bits) - 1));
    }

    /** Largest signed integer of {@code bits} bits (0 = 32). */
    public static long maxOf(final int bits)
    {
        return (1L << (bits(bits) - 1)) - 1;
    }

    /** The tick's summed input as the soma reads it: saturated to the accumulator width. */
    public long saturateInput(final long input)
    {
        return input > inputMax ? inputMax : input < inputMin ? inputMin : input;
    }

    /** Membrane potential after this tick's decay, leak, bias and input, before the threshold test. */
    public int integrate(final int v, final long input, final int bias)
    {
        return integrateDrive(v, saturateInput(input), bias);
    }

    /**
     * Membrane potential after this tick's decay, leak, bias and drive (the saturated input, or a CUBA neuron's
     * {@link #drive} of its current), before the threshold test.
     */
    public int integrateDrive(final int v, final long drive, final int bias)
    {
        long x = decayQ16 == DECAY_ONE_Q16 ? v : ((long)v * decayQ16 + HALF_Q16) >> 16;
        if (x > 0)
        {
            x = Math.max(x - leak, 0);
        }
        x += bias + drive;
        if (x > membraneMax)
        {
            x = membraneMax;
        }
        else if (x < membraneMin)
        {
            x = membraneMin;
        }
        if (vMinSet && x < vMin)
        {
            x = vMin;
        }
        return (int)x;
    }

    /**
     * CUBA: the synaptic current after this tick, {@code round_half_up(u * current_decay_q16 / 2^16) + I * 2^16}
     * with I the saturated input, saturated to the membrane range (in 16-bit fixed point, like u).
     */
    public long current(final long uQ16, final long input)
    {
        final long decayed = uQ16 == 0 ? 0 : (uQ16 * currentDecayQ16 + HALF_Q16) >> 16;
        final long x = decayed + (saturateInput(input) << 16);
        final long max = membraneMax << 16;
        final long min = membraneMin << 16;
        return x > max ? max : x < min ? min : x;
    }

    /** CUBA: what a current u (16-bit fixed point) adds to the membrane: u in whole steps, rounded half up. */
    public static long drive(final long uQ16)
    {
        return (uQ16 + HALF_Q16) >> 16;
    }

    /** True for a current-based (CUBA) neuron, which keeps a synaptic current per neuron. */
    public boolean currentBased()
    {
        return currentBased;
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
