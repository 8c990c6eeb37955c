package org.chipsim.core.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chipsim.core.ModelException;

/**
 * Named sets of unit costs, each figure with its published source or, where none is published, the assumption made
 * and why ("assumed: ..."). Latencies published in nanoseconds (Loihi) are converted to cycles at the chip clock when
 * the preset is resolved, so they stay true times whatever {@code ChipSpec.clock_hz} is; latencies stated in cycles
 * stay cycles. docs/energy.md carries the same tables.
 *
 * <p>Sources:
 * <ul>
 *   <li>[Davies 2018] M. Davies et al., "Loihi: a neuromorphic manycore processor with on-chip learning", IEEE Micro
 *       38(1):82-99, 2018, Table 2 (pre-silicon figures, stated as consistent with early silicon).</li>
 *   <li>[Merolla 2014] P. A. Merolla et al., "A million spiking-neuron integrated circuit with a scalable communication
 *       network and interface", Science 345(6197):668-673, 2014.</li>
 *   <li>[Cassidy 2014] A. S. Cassidy et al., "Real-time scalable cortical computing at 46 giga-synaptic OPS/watt ...",
 *       SC14, 2014.</li>
 *   <li>[Pei 2019] J. Pei et al., "Towards artificial general intelligence with hybrid Tianjic chip architecture",
 *       Nature 572:106-111, 2019; and the Tianjic article of IEEE Circuits and Systems Magazine, Q2 2022.</li>
 * </ul>
 */
public enum Preset
{
    TIANJIC("tianjic", tianjic()),
    LOIHI("loihi", loihi()),
    TRUENORTH("truenorth", truenorth()),
    CUSTOM("custom", custom());

    /** The preset of a ChipSpec that names none. */
    public static final Preset DEFAULT = TIANJIC;

    /** One preset figure: a value in the cost's unit (or in ns, converted at the chip clock) and its source. */
    public record Figure(double value, boolean nanoseconds, String source)
    {
        /** The value in the cost's unit; nanoseconds become cycles at {@code clockHz}. */
        public double resolve(final double clockHz)
        {
            return nanoseconds ? value * clockHz / 1e9 : value;
        }
    }

    // Shared assumption: no source gives an energy or time for a spike packet entering over an off-chip link.
    // (Only compile-time constants may be used by the tables: they are built while the enum constants initialize.)
    private static final String OFF_CHIP_ENERGY = "assumed: 10 pJ/bit x 32-bit packet, the usual order of " +
        "chip-to-chip I/O energy, because no source gives an off-chip spike figure";
    private static final String OFF_CHIP_LATENCY = "assumed: one bit per cycle over a serial link for a 32-bit " +
        "packet, because no source gives an off-chip spike latency";
    private static final String INTER_CHIP_ENERGY = "assumed: as off_chip_hop_energy_pj (10 pJ/bit x 32-bit " +
        "packet), a chip-to-chip link being the same kind of I/O, because no source gives an inter-chip spike figure";
    private static final String INTER_CHIP_LATENCY = "assumed: as off_chip_hop_latency_cycles (one bit per cycle " +
        "over a serial link for a 32-bit packet), because no source gives an inter-chip spike latency";

    /** The inter-chip link figures, the same assumption for every preset. */
    private static void putInterChip(final Figure[] t)
    {
        put(t, Cost.INTER_CHIP_HOP_ENERGY_PJ, 320.0, INTER_CHIP_ENERGY);
        put(t, Cost.INTER_CHIP_HOP_LATENCY_CYCLES, 32.0, INTER_CHIP_LATENCY);
    }

    private final String key;
    private final Figure[] figures;

    Preset(final String key, final Figure[] figures)
    {
        this.key = key;
        this.figures = figures;
        for (int c = 0; c < figures.length; c++)
        {
            if (figures[c] == null)
            {
                throw new IllegalStateException(key + ": no figure for " + Cost.of(c).key());
            }
        }
    }

    /** Lower-case name, as in {@code EnergySpec.preset} and {@code --preset}. */
    public String key()
    {
        return key;
    }

    public Figure figure(final Cost cost)
    {
        return figures[cost.ordinal()];
    }

    /** The preset's costs at a chip clock. */
    public EnergyCosts costs(final double clockHz)
    {
        final double[] v = new double[Cost.count()];
        for (int c = 0; c < v.length; c++)
        {
            v[c] = figures[c].resolve(clockHz);
        }
        return EnergyCosts.of(v);
    }

    /** The preset with this name (case-insensitive; empty means the default); a ModelException naming them all. */
    public static Preset named(final String name)
    {
        if (name == null || name.isEmpty())
        {
            return DEFAULT;
        }
        final String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (final Preset preset : values())
        {
            if (preset.key.equals(wanted))
            {
                return preset;
            }
        }
        throw new ModelException("unknown energy preset '" + name + "' (valid: " + String.join(", ", keys()) + ")");
    }

    public static List<String> keys()
    {
        final List<String> keys = new ArrayList<>();
        for (final Preset preset : values())
        {
            keys.add(preset.key);
        }
        return keys;
    }

    private static Figure[] table()
    {
        return new Figure[Cost.count()];
    }

    private static void put(final Figure[] t, final Cost cost, final double value, final String source)
    {
        t[cost.ordinal()] = new Figure(value, false, source);
    }

    private static void putNs(final Figure[] t, final Cost cost, final double nanoseconds, final String source)
    {
        t[cost.ordinal()] = new Figure(nanoseconds, true, source + " (" + nanoseconds + " ns, converted to cycles at " +
            "the chip clock)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tianjic: 156 cores, 256 x 256 per core, 28 nm, 300 MHz. Published: ~650 GSOPS/W in SNN mode (so ~1.5 pJ per SOP
    // at peak, whole chip), ~400 mW average at 0.9 V on the demonstration tasks, ~5,050 cycles per compute-and-
    // communicate round [Pei 2019]. No per-hop, per-update or static figure is published: those are assumed.
    // ---------------------------------------------------------------------------------------------------------------
    private static final double TIANJIC_SOP_PJ = 1000.0 / 650.0;
    private static final double TIANJIC_HOP_PJ = 3.5;

    private static Figure[] tianjic()
    {
        final Figure[] t = table();
        put(t, Cost.SOP_ENERGY_PJ, TIANJIC_SOP_PJ, "derived: 1 / 650 GSOPS/W, Tianjic's peak SNN-mode efficiency " +
            "[Pei et al., Nature 572:106-111, 2019; IEEE CAS Magazine Q2 2022]: whole-chip energy per SOP at peak, " +
            "memory access and leakage at that load included");
        put(t, Cost.NEURON_UPDATE_ENERGY_PJ, 4 * TIANJIC_SOP_PJ, "assumed: 4 x sop_energy_pj, an LIF update being " +
            "about four accumulate-class operations (decay, input add, leak, threshold compare and reset), because " +
            "Tianjic publishes no per-update figure");
        put(t, Cost.SPIKE_OUT_ENERGY_PJ, 0.0, "assumed: 0, the fire decision is part of the neuron update");
        put(t, Cost.PACKET_OUT_ENERGY_PJ, TIANJIC_HOP_PJ, "assumed: one router traversal (= hop_energy_pj) for the " +
            "routing-table read and injection, because Tianjic publishes no per-packet figure");
        put(t, Cost.HOP_ENERGY_PJ, TIANJIC_HOP_PJ, "assumed: Loihi's mean tile hop, 3.0 pJ E-W / 4.0 pJ N-S " +
            "[Davies et al., IEEE Micro 38(1), 2018, Table 2], because Tianjic publishes no per-hop figure (Loihi " +
            "is 14 nm, Tianjic 28 nm: likely optimistic)");
        put(t, Cost.OFF_CHIP_HOP_ENERGY_PJ, 320.0, OFF_CHIP_ENERGY);
        put(t, Cost.PARTIAL_SUM_ENERGY_PJ, TIANJIC_HOP_PJ + TIANJIC_SOP_PJ, "assumed: one packet injection " +
            "(packet_out_energy_pj) plus one accumulation (sop_energy_pj), because no partial-sum figure is published");
        put(t, Cost.MEM_READ_ENERGY_PJ_PER_BYTE, 0.0, "assumed: 0, the per-SOP figure is whole-chip energy and " +
            "already includes memory access");
        put(t, Cost.MEM_WRITE_ENERGY_PJ_PER_BYTE, 0.0, "assumed: 0, as mem_read_energy_pj_per_byte");
        put(t, Cost.STATIC_POWER_MW_PER_CORE, 400.0 * 0.1 / 156, "assumed: 10 % of the ~400 mW average power " +
            "[Pei 2019] spread over 156 cores, because no static/dynamic split is published");
        put(t, Cost.SOP_LATENCY_CYCLES, 1.0 / 16, "assumed: 16 SOPs per cycle, so a full 256 x 256 crossbar " +
            "integrates in 4,096 cycles and, with 256 one-cycle neuron updates and 256 packets, fits the " +
            "~5,050-cycle compute-and-communicate round [Pei 2019]; no per-SOP time is published");
        put(t, Cost.NEURON_UPDATE_LATENCY_CYCLES, 1.0, "assumed: one neuron per cycle (see sop_latency_cycles)");
        put(t, Cost.PACKET_OUT_LATENCY_CYCLES, 1.0, "assumed: one packet per cycle (see sop_latency_cycles)");
        put(t, Cost.PARTIAL_SUM_LATENCY_CYCLES, 1.0, "assumed: one partial-sum packet per cycle at each end");
        put(t, Cost.LEARN_UPDATE_ENERGY_PJ, 2 * TIANJIC_SOP_PJ, "assumed: 2 x sop_energy_pj, a read-modify-write of " +
            "one weight, because no on-chip learning energy of Tianjic is published");
        put(t, Cost.LEARN_UPDATE_LATENCY_CYCLES, 1.0, "assumed: one weight update per cycle (see sop_latency_cycles)");
        put(t, Cost.MAC_ENERGY_PJ, 2.0 / 1.28, "derived: 1 / 1.28 TOPS/W, Tianjic's ANN-mode efficiency [Pei et al., " +
            "Nature 572:106-111, 2019], with a multiply-accumulate counted as two operations (the usual TOPS " +
            "convention; an assumption, the paper's operation count is not restated here): whole-chip energy per MAC " +
            "at peak");
        put(t, Cost.MAC_LATENCY_CYCLES, 1.0 / 16, "assumed: 16 MACs per cycle, as sop_latency_cycles (the same " +
            "crossbar in ANN mode), because no per-MAC time is published");
        put(t, Cost.ACTIVATION_PACKET_ENERGY_PJ, TIANJIC_HOP_PJ, "assumed: as packet_out_energy_pj (one router " +
            "traversal), the value riding in the same packet, because Tianjic publishes no per-packet figure");
        put(t, Cost.ACTIVATION_PACKET_LATENCY_CYCLES, 1.0, "assumed: one packet per cycle (see sop_latency_cycles)");
        put(t, Cost.SBP_PACKET_ENERGY_PJ, TIANJIC_HOP_PJ, "assumed: as packet_out_energy_pj (one routing read and " +
            "injection), because no chip publishes a figure for a learning packet");
        put(t, Cost.HOP_LATENCY_CYCLES, 1.0, "assumed: a single-cycle router, because no hop latency is published");
        put(t, Cost.OFF_CHIP_HOP_LATENCY_CYCLES, 32.0, OFF_CHIP_LATENCY);
        put(t, Cost.TICK_SYNC_LATENCY_CYCLES, 0.0, "assumed: 0, no synchronization time is published");
        putInterChip(t);
        return t;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Loihi: [Davies 2018] Table 2, 14 nm, asynchronous (no clock): times in ns become cycles at the chip clock.
    // ---------------------------------------------------------------------------------------------------------------
    private static final String DAVIES = "[Davies et al., IEEE Micro 38(1):82-99, 2018, Table 2]";

    private static Figure[] loihi()
    {
        final Figure[] t = table();
        put(t, Cost.SOP_ENERGY_PJ, 23.6, "synaptic spike operation, 23.6 pJ (min) " + DAVIES);
        put(t, Cost.NEURON_UPDATE_ENERGY_PJ, 52.0, "neuron update, inactive, 52 pJ " + DAVIES + "; chipsim does " +
            "not count which neurons had input, so every update is charged the inactive figure (81 pJ when active): " +
            "a lower bound");
        put(t, Cost.SPIKE_OUT_ENERGY_PJ, 0.0, "assumed: 0, Table 2 has no separate spike-generation energy (it is " +
            "part of the neuron update)");
        put(t, Cost.PACKET_OUT_ENERGY_PJ, 1.7, "within-tile spike, 1.7 pJ " + DAVIES);
        put(t, Cost.HOP_ENERGY_PJ, (3.0 + 4.0) / 2, "mean of the tile hop energies, 3.0 pJ E-W and 4.0 pJ N-S " +
            DAVIES + ", because chipsim counts a core's hops without direction");
        put(t, Cost.OFF_CHIP_HOP_ENERGY_PJ, 320.0, OFF_CHIP_ENERGY);
        put(t, Cost.PARTIAL_SUM_ENERGY_PJ, 1.7 + 23.6, "assumed: a within-tile spike (1.7 pJ) plus one synaptic " +
            "operation (23.6 pJ) " + DAVIES + ", because Loihi has no partial-sum packets");
        put(t, Cost.MEM_READ_ENERGY_PJ_PER_BYTE, 0.0, "assumed: 0, Table 2's operation energies include their memory " +
            "access");
        put(t, Cost.MEM_WRITE_ENERGY_PJ_PER_BYTE, 0.0, "assumed: 0, as mem_read_energy_pj_per_byte");
        put(t, Cost.STATIC_POWER_MW_PER_CORE, 0.0, "assumed: 0, Table 2 gives dynamic energies only and no static " +
            "power is published with it; set static_power_mw_per_core to add leakage");
        putNs(t, Cost.SOP_LATENCY_CYCLES, 3.5, "synaptic spike operation, max time " + DAVIES);
        putNs(t, Cost.NEURON_UPDATE_LATENCY_CYCLES, 5.3, "neuron update, inactive (8.4 ns active) " + DAVIES);
        putNs(t, Cost.PACKET_OUT_LATENCY_CYCLES, 2.1, "within-tile spike time " + DAVIES);
        putNs(t, Cost.PARTIAL_SUM_LATENCY_CYCLES, 2.1, "assumed: a within-tile spike time " + DAVIES + ", because " +
            "Loihi has no partial-sum packets");
        putNs(t, Cost.HOP_LATENCY_CYCLES, (4.1 + 6.5) / 2, "mean of the tile hop times, 4.1 ns E-W and 6.5 ns N-S " +
            DAVIES);
        put(t, Cost.OFF_CHIP_HOP_LATENCY_CYCLES, 32.0, OFF_CHIP_LATENCY);
        put(t, Cost.LEARN_UPDATE_ENERGY_PJ, 120.0, "synaptic update (pairwise STDP), 120 pJ " + DAVIES);
        putNs(t, Cost.LEARN_UPDATE_LATENCY_CYCLES, 6.1, "synaptic update (pairwise STDP), 6.1 ns " + DAVIES);
        put(t, Cost.MAC_ENERGY_PJ, 23.6, "assumed: one synaptic spike operation, 23.6 pJ " + DAVIES + ", because " +
            "Loihi has no ANN mode (a multi-bit product costs more: a lower bound)");
        putNs(t, Cost.MAC_LATENCY_CYCLES, 3.5, "assumed: one synaptic spike operation's time " + DAVIES + ", because " +
            "Loihi has no ANN mode");
        put(t, Cost.ACTIVATION_PACKET_ENERGY_PJ, 1.7, "assumed: a within-tile spike, 1.7 pJ " + DAVIES + ", " +
            "because Loihi has no activation packets");
        putNs(t, Cost.ACTIVATION_PACKET_LATENCY_CYCLES, 2.1, "assumed: a within-tile spike time " + DAVIES);
        put(t, Cost.SBP_PACKET_ENERGY_PJ, 1.7, "assumed: a within-tile spike packet, 1.7 pJ " + DAVIES + ", because " +
            "Loihi has no SBP packets");
        putNs(t, Cost.TICK_SYNC_LATENCY_CYCLES, 465.0, "mesh barrier synchronization, 465 ns for 32 tiles (113 ns " +
            "for 1) " + DAVIES + "; the upper end is taken");
        putInterChip(t);
        return t;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // TrueNorth: 4,096 cores of 256 x 256, 28 nm, fixed 1 ms tick. The one per-event figure published is 26 pJ per
    // synaptic event for the whole chip at one operating point [Merolla 2014] (46 GSOPS/W in [Cassidy 2014]).
    // ---------------------------------------------------------------------------------------------------------------
    private static final String INCLUDED = "0: included in sop_energy_pj, a whole-chip figure [Merolla 2014]";

    private static Figure[] truenorth()
    {
        final Figure[] t = table();
        put(t, Cost.SOP_ENERGY_PJ, 26.0, "26 pJ per synaptic event, whole chip at 0.775 V, 20 Hz mean rate, 128 " +
            "active synapses per neuron [Merolla et al., Science 345(6197):668-673, 2014]: neuron updates, routing " +
            "and static power at that operating point included");
        put(t, Cost.NEURON_UPDATE_ENERGY_PJ, 0.0, INCLUDED);
        put(t, Cost.SPIKE_OUT_ENERGY_PJ, 0.0, INCLUDED);
        put(t, Cost.PACKET_OUT_ENERGY_PJ, 0.0, INCLUDED);
        put(t, Cost.HOP_ENERGY_PJ, 0.0, INCLUDED);
        put(t, Cost.OFF_CHIP_HOP_ENERGY_PJ, 320.0, OFF_CHIP_ENERGY);
        put(t, Cost.PARTIAL_SUM_ENERGY_PJ, 0.0, INCLUDED + " (TrueNorth has no partial-sum packets)");
        put(t, Cost.MEM_READ_ENERGY_PJ_PER_BYTE, 0.0, INCLUDED);
        put(t, Cost.MEM_WRITE_ENERGY_PJ_PER_BYTE, 0.0, INCLUDED);
        put(t, Cost.STATIC_POWER_MW_PER_CORE, 0.0, INCLUDED + "; the chip draws 63-72 mW running");
        put(t, Cost.LEARN_UPDATE_ENERGY_PJ, 0.0, "0: TrueNorth has no on-chip learning [Merolla 2014]; set " +
            "learn_update_energy_pj to study a hypothetical learning TrueNorth");
        put(t, Cost.MAC_ENERGY_PJ, 26.0, "assumed: one synaptic event, 26 pJ (whole chip) [Merolla 2014], because " +
            "TrueNorth has no ANN mode");
        put(t, Cost.ACTIVATION_PACKET_ENERGY_PJ, 0.0, INCLUDED + " (TrueNorth has no activation packets)");
        put(t, Cost.SBP_PACKET_ENERGY_PJ, 0.0, "0: TrueNorth has no on-chip learning [Merolla 2014]");
        final String sameAsTianjic = "assumed: as the tianjic preset (the same 256 x 256 crossbar core), because " +
            "TrueNorth publishes no per-event time; its real bound is the fixed 1 ms tick [Merolla 2014]";
        final Figure[] tianjic = tianjic();
        for (final Cost cost : Cost.values())
        {
            if (cost.kind() == Cost.Kind.LATENCY && cost != Cost.OFF_CHIP_HOP_LATENCY_CYCLES &&
                cost != Cost.INTER_CHIP_HOP_LATENCY_CYCLES)
            {
                put(t, cost, tianjic[cost.ordinal()].value(), sameAsTianjic);
            }
        }
        put(t, Cost.OFF_CHIP_HOP_LATENCY_CYCLES, 32.0, OFF_CHIP_LATENCY);
        putInterChip(t);
        return t;
    }

    private static Figure[] custom()
    {
        final Figure[] t = table();
        for (final Cost cost : Cost.values())
        {
            put(t, cost, 0.0, "custom: 0 unless overridden");
        }
        return t;
    }
}
