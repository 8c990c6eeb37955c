package org.chipsim.core.energy;

/** The parts an energy report splits energy into. Order is the fixed summation order. */
public enum Component
{
    /** Synaptic operations. */
    SOP("sop"),
    /** Neuron (soma) updates. */
    NEURON("neuron"),
    /** Spikes fired and packets sent (spike and activation packets: routing and injection). */
    SPIKE_OUT("spike_out"),
    /** On-chip mesh hops of every packet (inter-chip links excluded). */
    HOP("hop"),
    /** The off-chip link into the input port. */
    INPUT_LINK("input_link"),
    /** Partial-sum packets. */
    PARTIAL_SUM("partial_sum"),
    /** Core memory reads and writes. */
    MEMORY("memory"),
    /** On-chip learning: synaptic weight updates. */
    LEARN("learn"),
    /** Multiply-accumulates of ANN-mode cores. */
    MAC("mac"),
    /** Static power of the cores in use over the simulated time. */
    STATIC("static"),
    /** Links between the chips of a multi-chip grid. */
    INTER_CHIP_LINK("inter_chip_link");

    private static final Component[] VALUES = values();

    private final String key;

    Component(final String key)
    {
        this.key = key;
    }

    public String key()
    {
        return key;
    }

    public static int count()
    {
        return VALUES.length;
    }

    public static Component of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
