package org.chipsim.chip;

/**
 * One packet on the exchange, a pre-allocated Disruptor event: producers claim a slot, fill it and publish; the
 * consuming worker copies what it needs in {@code onEvent} and never keeps the object. Nothing is allocated per spike.
 */
final class SpikePacket
{
    static final int SPIKE = 0;
    static final int PARTIAL_SUM = 1;
    /** A multi-bit activation for an ANN-mode core's axon (docs/ann-mode.md). */
    static final int ACTIVATION = 2;
    /** A self-backpropagation packet: target = neuron, value = L+, extra = L- (8-bit fixed point weight steps). */
    static final int SBP = 3;
    /** A label of two-phase learning: target = the sample's class. */
    static final int LABEL = 4;

    /** SPIKE, PARTIAL_SUM, ACTIVATION, SBP or LABEL. */
    int kind;
    int dstCore;
    /** Axon for a spike or an activation, neuron (local to the destination core) for a partial sum. */
    int target;
    /** Tick the spike or activation is delivered at, or the tick a partial sum belongs to. */
    long tick;
    /** Partial sum or activation value (PARTIAL_SUM, ACTIVATION). */
    int value;
    /** Second payload word (SBP only). */
    int extra;

    void set(final int kind, final int dstCore, final int target, final long tick, final int value, final int extra)
    {
        this.extra = extra;
        this.kind = kind;
        this.dstCore = dstCore;
        this.target = target;
        this.tick = tick;
        this.value = value;
    }
}
