package org.chipsim.core.energy;

import java.util.ArrayList;
import java.util.List;

import org.chipsim.core.ModelException;

/**
 * One unit cost of the energy and latency model. The key is the field name in {@code chipsim.v1.EnergySpec}, the key
 * of {@code chipsim run --cost KEY=VALUE} and the name in {@code energy.json}; the unit is in the name.
 */
public enum Cost
{
    SOP_ENERGY_PJ("sop_energy_pj", Kind.ENERGY, "pJ per synaptic operation"),
    NEURON_UPDATE_ENERGY_PJ("neuron_update_energy_pj", Kind.ENERGY, "pJ per neuron update"),
    SPIKE_OUT_ENERGY_PJ("spike_out_energy_pj", Kind.ENERGY, "pJ per spike fired"),
    PACKET_OUT_ENERGY_PJ("packet_out_energy_pj", Kind.ENERGY, "pJ per spike packet sent by a core"),
    HOP_ENERGY_PJ("hop_energy_pj", Kind.ENERGY, "pJ per on-chip link crossed"),
    OFF_CHIP_HOP_ENERGY_PJ("off_chip_hop_energy_pj", Kind.ENERGY, "pJ per input packet over the off-chip link"),
    PARTIAL_SUM_ENERGY_PJ("partial_sum_energy_pj", Kind.ENERGY, "pJ per partial-sum packet (hops excluded)"),
    MEM_READ_ENERGY_PJ_PER_BYTE("mem_read_energy_pj_per_byte", Kind.ENERGY, "pJ per byte read from core memory"),
    MEM_WRITE_ENERGY_PJ_PER_BYTE("mem_write_energy_pj_per_byte", Kind.ENERGY, "pJ per byte written to core memory"),
    STATIC_POWER_MW_PER_CORE("static_power_mw_per_core", Kind.POWER, "mW of static power per core in use"),
    SOP_LATENCY_CYCLES("sop_latency_cycles", Kind.LATENCY, "cycles per synaptic operation"),
    NEURON_UPDATE_LATENCY_CYCLES("neuron_update_latency_cycles", Kind.LATENCY, "cycles per neuron update"),
    PACKET_OUT_LATENCY_CYCLES("packet_out_latency_cycles", Kind.LATENCY, "cycles per spike packet sent"),
    PARTIAL_SUM_LATENCY_CYCLES("partial_sum_latency_cycles", Kind.LATENCY,
        "cycles per partial-sum packet, at the sender and again at the receiver"),
    HOP_LATENCY_CYCLES("hop_latency_cycles", Kind.LATENCY, "cycles per link on the tick's longest path"),
    OFF_CHIP_HOP_LATENCY_CYCLES("off_chip_hop_latency_cycles", Kind.LATENCY, "cycles over the off-chip input link"),
    TICK_SYNC_LATENCY_CYCLES("tick_sync_latency_cycles", Kind.LATENCY, "cycles of barrier synchronization per tick"),
    LEARN_UPDATE_ENERGY_PJ("learn_update_energy_pj", Kind.ENERGY, "pJ per synaptic weight update by on-chip learning"),
    LEARN_UPDATE_LATENCY_CYCLES("learn_update_latency_cycles", Kind.LATENCY, "cycles per synaptic weight update"),
    MAC_ENERGY_PJ("mac_energy_pj", Kind.ENERGY, "pJ per multiply-accumulate of an ANN-mode core"),
    MAC_LATENCY_CYCLES("mac_latency_cycles", Kind.LATENCY, "cycles per multiply-accumulate"),
    ACTIVATION_PACKET_ENERGY_PJ("activation_packet_energy_pj", Kind.ENERGY,
        "pJ per activation packet sent by an ANN-mode core (hops excluded)"),
    ACTIVATION_PACKET_LATENCY_CYCLES("activation_packet_latency_cycles", Kind.LATENCY,
        "cycles per activation packet sent"),
    INTER_CHIP_HOP_ENERGY_PJ("inter_chip_hop_energy_pj", Kind.ENERGY, "pJ per inter-chip link crossed"),
    INTER_CHIP_HOP_LATENCY_CYCLES("inter_chip_hop_latency_cycles", Kind.LATENCY, "cycles per inter-chip link on a path"),
    SBP_PACKET_ENERGY_PJ("sbp_packet_energy_pj", Kind.ENERGY, "pJ per SBP (self-backpropagation) packet sent, hops " +
        "excluded");

    /** What a cost measures. */
    public enum Kind
    {
        ENERGY, POWER, LATENCY
    }

    private static final Cost[] VALUES = values();

    private final String key;
    private final Kind kind;
    private final String description;

    Cost(final String key, final Kind kind, final String description)
    {
        this.key = key;
        this.kind = kind;
        this.description = description;
    }

    /** snake_case key with the unit in it, e.g. {@code sop_energy_pj}. */
    public String key()
    {
        return key;
    }

    public Kind kind()
    {
        return kind;
    }

    /** Unit and meaning, e.g. "pJ per synaptic operation". */
    public String description()
    {
        return description;
    }

    public static int count()
    {
        return VALUES.length;
    }

    public static Cost of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** The cost with this key; a ModelException naming every valid key otherwise. */
    public static Cost byKey(final String key)
    {
        for (final Cost cost : VALUES)
        {
            if (cost.key.equals(key))
            {
                return cost;
            }
        }
        throw new ModelException("unknown energy cost '" + key + "' (valid: " + String.join(", ", keys()) + ")");
    }

    public static List<String> keys()
    {
        final List<String> keys = new ArrayList<>(VALUES.length);
        for (final Cost cost : VALUES)
        {
            keys.add(cost.key);
        }
        return keys;
    }
}
