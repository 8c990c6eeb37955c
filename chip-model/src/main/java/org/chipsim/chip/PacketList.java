package org.chipsim.chip;

import java.util.Arrays;

/**
 * A growable list of packets as parallel primitive arrays (kind, destination core, target axon or neuron, tick, value,
 * second payload word). Arrays grow by doubling and are kept, so a run settles at no allocation per packet.
 */
class PacketList
{
    private static final int INITIAL = 1024;

    int count;
    /** Packet kinds ({@link SpikePacket#SPIKE}, {@link SpikePacket#PARTIAL_SUM}, {@link SpikePacket#ACTIVATION}, ...). */
    byte[] kind = new byte[INITIAL];
    int[] dst = new int[INITIAL];
    int[] target = new int[INITIAL];
    long[] tick = new long[INITIAL];
    int[] value = new int[INITIAL];
    /** Second payload word (SBP packets' L-), 0 for the other kinds. */
    int[] extra = new int[INITIAL];

    void add(final int packetKind, final int dstCore, final int targetIndex, final long packetTick, final int packetValue)
    {
        add(packetKind, dstCore, targetIndex, packetTick, packetValue, 0);
    }

    void add(final int packetKind, final int dstCore, final int targetIndex, final long packetTick, final int packetValue,
        final int packetExtra)
    {
        ensure(count + 1);
        kind[count] = (byte)packetKind;
        dst[count] = dstCore;
        target[count] = targetIndex;
        tick[count] = packetTick;
        value[count] = packetValue;
        extra[count] = packetExtra;
        count++;
    }

    /** Appends packets {@code from .. from + length - 1} of {@code source}, in order. */
    void addAll(final PacketList source, final int from, final int length)
    {
        ensure(count + length);
        System.arraycopy(source.kind, from, kind, count, length);
        System.arraycopy(source.dst, from, dst, count, length);
        System.arraycopy(source.target, from, target, count, length);
        System.arraycopy(source.tick, from, tick, count, length);
        System.arraycopy(source.value, from, value, count, length);
        System.arraycopy(source.extra, from, extra, count, length);
        count += length;
    }

    private void ensure(final int size)
    {
        if (size > dst.length)
        {
            final int grown = Math.max(size, dst.length * 2);
            kind = Arrays.copyOf(kind, grown);
            dst = Arrays.copyOf(dst, grown);
            target = Arrays.copyOf(target, grown);
            tick = Arrays.copyOf(tick, grown);
            value = Arrays.copyOf(value, grown);
            extra = Arrays.copyOf(extra, grown);
        }
    }
}
