package org.chipsim.chip;

/**
 * The event counters every core keeps in its own memory, one {@code long} each. Counts only: energy and time are
 * derived from them after the run, with a chip's unit costs.
 */
public enum CoreCounter
{
    /** Spike packets that arrived at this core and were written into its axon buffer. */
    PACKETS_RECEIVED("packets_received"),
    /** Spike packets taken from the axon buffer and delivered to the crossbar (one crossbar row read each). */
    SPIKES_DELIVERED("spikes_delivered"),
    /** Synaptic operations: non-zero weights accumulated into a dendrite because of a delivered spike. */
    SOPS("sops"),
    /** Neuron (soma) updates: one per neuron per tick on a soma core. */
    NEURON_UPDATES("neuron_updates"),
    /** Spikes fired by this core's neurons. */
    SPIKES_OUT("spikes_out"),
    /** Spike packets this core's router sent (one per routing entry of a fired neuron). */
    PACKETS_SENT("packets_sent"),
    /** Mesh links crossed by the packets this core sent (XY routing), partial sums included. */
    HOPS("hops"),
    /** Partial-sum packets sent (partial-sum cores) and received (soma cores). */
    PSUM_PACKETS_SENT("psum_packets_sent"),
    PSUM_PACKETS_RECEIVED("psum_packets_received"),
    /** Core memory traffic: crossbar row and dendrite bytes on delivery, neuron state bytes on update. */
    MEM_READ_BYTES("mem_read_bytes"),
    MEM_WRITE_BYTES("mem_write_bytes"),
    /** Synaptic weight updates made by on-chip learning (one per synapse changed or evaluated with a non-zero trace). */
    LEARN_UPDATES("learn_updates"),
    /** SBP packets (self-backpropagation sums) this core sent on reverse routes, and those it received. */
    SBP_PACKETS_SENT("sbp_packets_sent"),
    SBP_PACKETS_RECEIVED("sbp_packets_received"),
    /** Label packets of two-phase learning received by a readout core (sent by the input port, one per sample). */
    LABEL_PACKETS_RECEIVED("label_packets_received"),
    /**
     * Spike packets still waiting in the axon buffer when the run ended (their delivery tick was past the end), or, on
     * an ANN-mode core, counted into a window not evaluated before the end.
     */
    PENDING_AT_END("pending_at_end"),
    /**
     * Packets (spike or partial sum) addressed to this core that the network-on-chip dropped on a full router buffer
     * (congestion model with the drop policy only, docs/noc.md); never delivered.
     */
    DROPPED("dropped"),
    /**
     * ANN-mode cores: multiply-accumulates, one per non-zero weight of a crossbar row whose input (spike count or
     * activation) in the window is non-zero (docs/ann-mode.md).
     */
    MACS("macs"),
    /** ANN-mode cores: activation packets sent (one per non-zero activation and routing entry). */
    ACT_PACKETS_SENT("activation_packets_sent"),
    /** ANN-mode cores: activation packets whose value entered a window's evaluation. */
    ACT_PACKETS_DELIVERED("activation_packets_delivered"),
    /** ANN-mode cores: activation packets still waiting for their window's evaluation when the run ended. */
    ACT_PENDING_AT_END("activation_packets_pending_at_end"),
    /** Cycles this core had a packet to inject but its router's output buffer was full (congestion model only). */
    NOC_STALL_CYCLES("noc_stall_cycles"),
    /** Of {@link #HOPS}, the links between two chips of a multi-chip grid. */
    INTER_CHIP_HOPS("inter_chip_hops");

    private static final CoreCounter[] VALUES = values();

    private final String key;

    CoreCounter(final String key)
    {
        this.key = key;
    }

    /** snake_case name used in result files. */
    public String key()
    {
        return key;
    }

    public static int count()
    {
        return VALUES.length;
    }

    public static CoreCounter of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
