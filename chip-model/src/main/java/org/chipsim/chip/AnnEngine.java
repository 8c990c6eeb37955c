package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.ann.AnnQuantization;
import org.chipsim.proto.v1.QuantizedAnn;

/**
 * The ANN mode of one core (docs/ann-mode.md), decided at load time: a core whose program has {@code ann} set runs
 * this instead of the spiking dendrite and soma. Its state lives in the core's own memory ({@link CoreLayout}'s ann
 * regions; the potential region holds the spike phase); nothing is allocated per tick.
 *
 * <p>Per window of {@code window_ticks} ticks: packets add their input to x[axon] of the window their delivery tick
 * falls in (a spike adds 1, an activation packet its value; two buffers, for the even and the odd windows); in the
 * window's last tick every axon with x != 0 adds w_aj * x_a to the 64-bit sums (one MAC per non-zero weight of its
 * row), and every neuron computes y_j = {@link AnnQuantization#activate}. Outputs: activation packets for every
 * non-zero y_j (ANN targets) or, every tick of the next window, rate-coded spikes (spiking targets).
 */
final class AnnEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Core core;
    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final int axons;
    private final int neurons;
    private final boolean wideWeights;
    private final int windowTicks;
    private final long multiplier;
    private final int shift;
    private final int min;
    private final int max;
    private final boolean spikingOutput;

    AnnEngine(final Core core, final UnsafeBuffer memory, final CoreLayout layout, final QuantizedAnn ann)
    {
        this.core = core;
        this.memory = memory;
        this.layout = layout;
        this.axons = layout.axons;
        this.neurons = layout.neurons;
        this.wideWeights = layout.weightBytes == 2;
        this.windowTicks = ann.getWindowTicks();
        this.multiplier = Integer.toUnsignedLong(ann.getOutMultiplier());
        this.shift = ann.getOutShift();
        this.min = AnnQuantization.minActivation(ann.getActivation(), ann.getActivationBits());
        this.max = AnnQuantization.maxActivation(ann.getActivation(), ann.getActivationBits());
        this.spikingOutput = ann.getSpikingOutput();
    }

    private int parity(final long tick)
    {
        return (int)((tick / windowTicks) & 1);
    }

    private int inputOffset(final int parity, final int axon)
    {
        return layout.annInputOffset + ((parity * axons + axon) << 2);
    }

    /** counts[0..1]: spike packets filed for the even / odd window; counts[2..3]: activation packets. */
    private int countOffset(final int slot)
    {
        return layout.annCountsOffset + (slot << 3);
    }

    private void add(final int at, final long delta)
    {
        memory.putLong(at, memory.getLong(at, ORDER) + delta, ORDER);
    }

    /** A spike due at {@code deliverTick} on {@code axon}: one more count in its window. */
    void fileSpike(final int axon, final long deliverTick)
    {
        final int parity = parity(deliverTick);
        final int at = inputOffset(parity, axon);
        memory.putInt(at, memory.getInt(at, ORDER) + 1, ORDER);
        add(countOffset(parity), 1);
        core.increment(CoreCounter.PACKETS_RECEIVED, 1);
    }

    /** An activation packet due at {@code deliverTick}: its value added to the axon's input of that window. */
    void fileActivation(final int axon, final long deliverTick, final int value)
    {
        final int parity = parity(deliverTick);
        final int at = inputOffset(parity, axon);
        memory.putInt(at, memory.getInt(at, ORDER) + value, ORDER);
        add(countOffset(2 + parity), 1);
    }

    /** The soma phase of tick t: rate-coded spikes of the held activations, then the window's evaluation. */
    void fire(final long tick, final Worker worker)
    {
        if (spikingOutput)
        {
            emit(tick, worker);
        }
        if ((tick + 1) % windowTicks == 0)
        {
            evaluate(tick, worker);
        }
    }

    /** v_j += y_j; a spike and v_j -= max when v_j >= max (an IF neuron driven by the held activation). */
    private void emit(final long tick, final Worker worker)
    {
        final UnsafeBuffer m = memory;
        final int phaseBase = layout.potentialOffset;
        final int outputBase = layout.annOutputOffset;
        long spikes = 0;
        for (int j = 0; j < neurons; j++)
        {
            final int offset = j << 2;
            final int y = m.getInt(outputBase + offset, ORDER);
            int v = m.getInt(phaseBase + offset, ORDER) + y;
            if (v >= max)
            {
                v -= max;
                spikes++;
                m.putInt(phaseBase + offset, v, ORDER);
                core.route(j, tick, worker);
            }
            else
            {
                m.putInt(phaseBase + offset, v, ORDER);
            }
        }
        core.increment(CoreCounter.NEURON_UPDATES, neurons);
        // per neuron: activation and phase read, phase written
        core.increment(CoreCounter.MEM_READ_BYTES, 8L * neurons);
        core.increment(CoreCounter.MEM_WRITE_BYTES, 4L * neurons);
        if (spikes != 0)
        {
            core.increment(CoreCounter.SPIKES_OUT, spikes);
        }
    }

    private void evaluate(final long tick, final Worker worker)
    {
        final UnsafeBuffer m = memory;
        final int parity = parity(tick);
        final int accBase = layout.annAccOffset;
        m.setMemory(accBase, neurons << 3, (byte)0);
        long macs = 0;
        long rows = 0;
        for (int a = 0; a < axons; a++)
        {
            final int at = inputOffset(parity, a);
            final int x = m.getInt(at, ORDER);
            if (x == 0)
            {
                continue;
            }
            m.putInt(at, 0, ORDER);
            macs += m.getInt(layout.rowSopsOffset(a), ORDER);
            rows++;
            accumulateRow(a, x);
        }
        final int outputBase = layout.annOutputOffset;
        final int biasBase = layout.biasOffset;
        long packets = 0;
        for (int j = 0; j < neurons; j++)
        {
            final long sum = m.getLong(accBase + (j << 3), ORDER) + m.getInt(biasBase + (j << 2), ORDER);
            final int y = AnnQuantization.activate(sum, multiplier, shift, min, max);
            m.putInt(outputBase + (j << 2), y, ORDER);
            if (!spikingOutput && y != 0)
            {
                packets += sendActivation(j, y, tick, worker);
            }
        }
        final int spikeCount = countOffset(parity);
        final int activationCount = countOffset(2 + parity);
        final long spikesIn = m.getLong(spikeCount, ORDER);
        final long activationsIn = m.getLong(activationCount, ORDER);
        m.putLong(spikeCount, 0L, ORDER);
        m.putLong(activationCount, 0L, ORDER);
        if (spikesIn != 0)
        {
            core.increment(CoreCounter.SPIKES_DELIVERED, spikesIn);
        }
        if (activationsIn != 0)
        {
            core.increment(CoreCounter.ACT_PACKETS_DELIVERED, activationsIn);
        }
        if (macs != 0)
        {
            core.increment(CoreCounter.MACS, macs);
        }
        if (packets != 0)
        {
            core.increment(CoreCounter.ACT_PACKETS_SENT, packets);
        }
        core.increment(CoreCounter.NEURON_UPDATES, neurons);
        // x of every axon read; per non-zero input its crossbar row read and the sums read and written; per neuron
        // sum and bias read, activation written; x of the non-zero inputs cleared
        final long rowBytes = (long)neurons * layout.weightBytes;
        core.increment(CoreCounter.MEM_READ_BYTES, 4L * axons + rows * (rowBytes + 8L * neurons) + 12L * neurons);
        core.increment(CoreCounter.MEM_WRITE_BYTES, 4L * rows + rows * 8L * neurons + 4L * neurons);
    }

    /** sum_j += w_aj * x (64-bit sums; the row and the sums walked in address order). */
    private void accumulateRow(final int axon, final long x)
    {
        final UnsafeBuffer m = memory;
        final int row = layout.rowOffset(axon);
        final int accBase = layout.annAccOffset;
        for (int j = 0; j < neurons; j++)
        {
            final long w = wideWeights ? m.getShort(row + (j << 1), ORDER) : m.getByte(row + j);
            if (w != 0)
            {
                final int at = accBase + (j << 3);
                m.putLong(at, m.getLong(at, ORDER) + w * x, ORDER);
            }
        }
    }

    /** One activation packet per routing entry of neuron j; returns how many. */
    private long sendActivation(final int j, final int y, final long tick, final Worker worker)
    {
        final UnsafeBuffer m = memory;
        final int from = m.getInt(layout.routeStartOffset(j), ORDER);
        final int to = m.getInt(layout.routeStartOffset(j + 1), ORDER);
        long hops = 0;
        for (int e = from; e < to; e++)
        {
            final int at = layout.routeEntryOffset(e);
            final int dstCore = m.getInt(at, ORDER);
            final int axonAndDelay = m.getInt(at + 4, ORDER);
            hops += worker.sendActivation(core, dstCore, axonAndDelay & CoreLayout.AXON_MASK,
                tick + 1 + (axonAndDelay >>> CoreLayout.DELAY_SHIFT), y);
        }
        if (hops != 0)
        {
            core.increment(CoreCounter.HOPS, hops);
        }
        core.increment(CoreCounter.MEM_READ_BYTES, 8L + (long)(to - from) * CoreLayout.ROUTE_ENTRY_BYTES);
        return to - from;
    }

    /** Start of a sample: held activations and spike phases to 0 (inputs already filed stay, as spikes in flight). */
    void reset()
    {
        memory.setMemory(layout.annOutputOffset, neurons << 2, (byte)0);
        memory.setMemory(layout.potentialOffset, neurons << 2, (byte)0);
    }

    /** End of run: packets filed into windows not evaluated are pending. */
    void countPending()
    {
        memory.putLong(layout.counterOffset(CoreCounter.PENDING_AT_END),
            memory.getLong(countOffset(0), ORDER) + memory.getLong(countOffset(1), ORDER), ORDER);
        memory.putLong(layout.counterOffset(CoreCounter.ACT_PENDING_AT_END),
            memory.getLong(countOffset(2), ORDER) + memory.getLong(countOffset(3), ORDER), ORDER);
    }

    /** The activation of neuron j left by the last evaluated window (for tests). */
    int output(final int j)
    {
        return memory.getInt(layout.annOutputOffset + (j << 2), ORDER);
    }
}
