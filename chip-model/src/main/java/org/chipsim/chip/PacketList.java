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
        if (count == dst.length)
        {
            final int size = count * 2;
            kind = Arrays.copyOf(kind, size);
            dst = Arrays.copyOf(dst, size);
            target = Arrays.copyOf(target, size);
            tick = Arrays.copyOf(tick, size);
            value = Arrays.copyOf(value, size);
            extra = Arrays.copyOf(extra, size);
        }
        kind[count] = (byte)packetKind;
        dst[count] = dstCore;
        target[count] = targetIndex;
        tick[count] = packetTick;
        value[count] = packetValue;
        extra[count] = packetExtra;
        count++;
    }
}
