package org.chipsim.core.energy;

/**
 * The events the energy model counts, per core (and for the input port), with the cost each one is charged and the
 * component of the report it belongs to.
 */
public enum EnergyEvent
{
    /** Synaptic operations (non-zero weights accumulated because of delivered spikes). */
    SOP("sops", Cost.SOP_ENERGY_PJ, Component.SOP),
    /** Neuron updates (one per neuron per tick on a soma core). */
    NEURON_UPDATE("neuron_updates", Cost.NEURON_UPDATE_ENERGY_PJ, Component.NEURON),
    /** Spikes fired. */
    SPIKE_OUT("spikes_out", Cost.SPIKE_OUT_ENERGY_PJ, Component.SPIKE_OUT),
    /** Spike packets sent by a core. */
    PACKET_OUT("packets_sent", Cost.PACKET_OUT_ENERGY_PJ, Component.SPIKE_OUT),
    /** On-chip mesh links crossed (spike, partial-sum and, for the input port, input packets). */
    HOP("hops", Cost.HOP_ENERGY_PJ, Component.HOP),
    /** Input packets over the off-chip link into the input port (input port only). */
    OFF_CHIP_PACKET("off_chip_packets", Cost.OFF_CHIP_HOP_ENERGY_PJ, Component.INPUT_LINK),
    /** Partial-sum packets sent (charged the whole packet's energy, hops excluded). */
    PARTIAL_SUM_SENT("psum_packets_sent", Cost.PARTIAL_SUM_ENERGY_PJ, Component.PARTIAL_SUM),
    /** Partial-sum packets received: no energy of their own (the sender is charged), busy cycles only. */
    PARTIAL_SUM_RECEIVED("psum_packets_received", null, Component.PARTIAL_SUM),
    /** Bytes read from core memory. */
    MEM_READ_BYTE("mem_read_bytes", Cost.MEM_READ_ENERGY_PJ_PER_BYTE, Component.MEMORY),
    /** Bytes written to core memory. */
    MEM_WRITE_BYTE("mem_write_bytes", Cost.MEM_WRITE_ENERGY_PJ_PER_BYTE, Component.MEMORY),
    /** Synaptic weight updates made by on-chip learning. */
    LEARN_UPDATE("learn_updates", Cost.LEARN_UPDATE_ENERGY_PJ, Component.LEARN),
    /** Multiply-accumulates of ANN-mode cores (non-zero weight x non-zero input activation; docs/ann-mode.md). */
    MAC("macs", Cost.MAC_ENERGY_PJ, Component.MAC),
    /** Activation packets (multi-bit values between ANN-mode cores) sent by a core. */
    ACTIVATION_PACKET("activation_packets_sent", Cost.ACTIVATION_PACKET_ENERGY_PJ, Component.SPIKE_OUT),
    /** Links between two chips of a multi-chip grid crossed by any packet (not counted in {@link #HOP}). */
    INTER_CHIP_HOP("inter_chip_hops", Cost.INTER_CHIP_HOP_ENERGY_PJ, Component.INTER_CHIP_LINK),
    /** SBP packets sent by on-chip learning (Plasticity.sbp); their hops are in HOP. */
    SBP_PACKET("sbp_packets_sent", Cost.SBP_PACKET_ENERGY_PJ, Component.LEARN);

    private static final EnergyEvent[] VALUES = values();

    private final String key;
    private final Cost energyCost;
    private final Component component;

    EnergyEvent(final String key, final Cost energyCost, final Component component)
    {
        this.key = key;
        this.energyCost = energyCost;
        this.component = component;
    }

    /** snake_case name, the chip model's counter name where there is one. */
    public String key()
    {
        return key;
    }

    /** The energy cost per event, or null when the event costs no energy of its own. */
    public Cost energyCost()
    {
        return energyCost;
    }

    public Component component()
    {
        return component;
    }

    public static int count()
    {
        return VALUES.length;
    }

    public static EnergyEvent of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
