package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.neuron.FixedPointLif;

/**
 * The soma update of a current-based (CUBA) core, over the core's own memory: per neuron a synaptic current u (16-bit
 * fixed point, {@link CoreLayout#currentOffset}) next to the potential, refractory counter and bias. One neuron per
 * call, in neuron order, so the arrays are walked in step; nothing is allocated.
 *
 * <pre>
 *   u <- FixedPointLif.current(u, dendrite)               also while refractory (Lava's LIF with refractoriness)
 *   if refractory > 0: refractory -= 1
 *   else:              v <- FixedPointLif.integrateDrive(v, round_half_up(u / 2^16), bias); fire and reset as LIF
 * </pre>
 */
final class CurrentBasedSoma
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final UnsafeBuffer memory;
    private final FixedPointLif lif;
    private final int dendriteBase;
    private final int potentialBase;
    private final int refractoryBase;
    private final int biasBase;
    private final int currentBase;
    private final boolean refractoryUsed;

    CurrentBasedSoma(final UnsafeBuffer memory, final CoreLayout layout, final FixedPointLif lif)
    {
        this.memory = memory;
        this.lif = lif;
        this.dendriteBase = layout.dendriteOffset;
        this.potentialBase = layout.potentialOffset;
        this.refractoryBase = layout.refractoryOffset;
        this.biasBase = layout.biasOffset;
        this.currentBase = layout.currentOffset;
        this.refractoryUsed = lif.refractoryTicks() > 0;
    }

    /** Every synaptic current to 0 (start of run, and between samples if asked). */
    void reset(final int neurons)
    {
        for (int n = 0; n < neurons; n++)
        {
            memory.putLong(currentBase + (n << 3), 0L, ORDER);
        }
    }

    /**
     * Updates neuron n with this tick's dendrite sum (and clears it); true when it fires. The caller then starts its
     * refractory period and routes the spike, as for any soma.
     */
    boolean step(final int n)
    {
        final UnsafeBuffer m = memory;
        final int offset = n << 2;
        final int input = m.getInt(dendriteBase + offset, ORDER);
        m.putInt(dendriteBase + offset, 0, ORDER);
        final int currentAt = currentBase + (n << 3);
        final long u = lif.current(m.getLong(currentAt, ORDER), input);
        m.putLong(currentAt, u, ORDER);
        if (refractoryUsed)
        {
            final int refractory = m.getInt(refractoryBase + offset, ORDER);
            if (refractory > 0)
            {
                m.putInt(refractoryBase + offset, refractory - 1, ORDER);
                return false;
            }
        }
        final int v = lif.integrateDrive(m.getInt(potentialBase + offset, ORDER), FixedPointLif.drive(u),
            m.getInt(biasBase + offset, ORDER));
        if (lif.fires(v))
        {
            m.putInt(potentialBase + offset, lif.reset(v), ORDER);
            return true;
        }
        m.putInt(potentialBase + offset, v, ORDER);
        return false;
    }
}
