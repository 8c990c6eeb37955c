package org.chipsim.chip;

import java.util.Arrays;

/**
 * One worker's side of the congestion model ({@link NocModel}): the packets its sources emit in one phase of a tick,
 * in emission order, and the packets the model delivered to the worker's cores. Arrays grow by doubling and are kept,
 * so a run settles at no allocation per packet. Only the worker writes the emitted packets and only the model (on
 * worker 0, between two barriers) reads them and writes the delivered ones.
 */
final class NocTraffic
{
    private static final int INITIAL = 1024;

    int count;
    /** Packet kinds ({@link SpikePacket#SPIKE}, {@link SpikePacket#PARTIAL_SUM}, {@link SpikePacket#ACTIVATION}). */
    byte[] kind = new byte[INITIAL];
    int[] dst = new int[INITIAL];
    int[] target = new int[INITIAL];
    long[] tick = new long[INITIAL];
    int[] value = new int[INITIAL];
    /** Second payload word (SBP packets' L-), 0 for the other kinds. */
    int[] extra = new int[INITIAL];

    int delivered;
    byte[] deliveredKind = new byte[INITIAL];
    int[] deliveredDst = new int[INITIAL];
    int[] deliveredTarget = new int[INITIAL];
    long[] deliveredTick = new long[INITIAL];
    int[] deliveredValue = new int[INITIAL];
    int[] deliveredExtra = new int[INITIAL];

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

    void addDelivered(final int packetKind, final int dstCore, final int targetIndex, final long packetTick,
        final int packetValue, final int packetExtra)
    {
        if (delivered == deliveredDst.length)
        {
            final int size = delivered * 2;
            deliveredKind = Arrays.copyOf(deliveredKind, size);
            deliveredDst = Arrays.copyOf(deliveredDst, size);
            deliveredTarget = Arrays.copyOf(deliveredTarget, size);
            deliveredTick = Arrays.copyOf(deliveredTick, size);
            deliveredValue = Arrays.copyOf(deliveredValue, size);
            deliveredExtra = Arrays.copyOf(deliveredExtra, size);
        }
        deliveredKind[delivered] = (byte)packetKind;
        deliveredDst[delivered] = dstCore;
        deliveredTarget[delivered] = targetIndex;
        deliveredTick[delivered] = packetTick;
        deliveredValue[delivered] = packetValue;
        deliveredExtra[delivered] = packetExtra;
        delivered++;
    }
}
