package org.chipsim.core;

import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.NocModel;
import org.chipsim.proto.v1.NocOverflow;

/**
 * The network-on-chip and multi-chip fields of a {@link ChipSpec}: their defaults (kept unset in a resolved spec, so a
 * program written before they existed is unchanged) and their ranges. The model itself is docs/noc.md.
 */
public final class NocSpecs
{
    public static final int DEFAULT_BUFFER_DEPTH_PACKETS = 4;
    public static final int MAX_BUFFER_DEPTH_PACKETS = 4096;
    public static final int MAX_LINK_PACKETS_PER_CYCLE = 64;
    public static final int MAX_CHIPS_PER_SIDE = 64;

    private NocSpecs()
    {
    }

    /** Whether the congestion model runs (decided once, at setup). */
    public static boolean congestion(final ChipSpec spec)
    {
        return spec.getNocModel() == NocModel.NOC_MODEL_CONGESTION;
    }

    public static boolean drops(final ChipSpec spec)
    {
        return spec.getNocOverflow() == NocOverflow.NOC_OVERFLOW_DROP;
    }

    public static int bufferDepthPackets(final ChipSpec spec)
    {
        return spec.getNocBufferDepthPackets() == 0 ? DEFAULT_BUFFER_DEPTH_PACKETS : spec.getNocBufferDepthPackets();
    }

    public static int linkPacketsPerCycle(final ChipSpec spec)
    {
        return Math.max(1, spec.getNocLinkPacketsPerCycle());
    }

    public static int interChipLinkPacketsPerCycle(final ChipSpec spec)
    {
        return Math.max(1, spec.getInterChipLinkPacketsPerCycle());
    }

    public static int chipsX(final ChipSpec spec)
    {
        return Math.max(1, spec.getChipsX());
    }

    public static int chipsY(final ChipSpec spec)
    {
        return Math.max(1, spec.getChipsY());
    }

    /** Routers along x of the whole grid: chips_x x mesh_width. */
    public static int gridWidth(final ChipSpec spec)
    {
        return chipsX(spec) * spec.getMeshWidth();
    }

    /** Routers along y of the whole grid: chips_y x mesh_height. */
    public static int gridHeight(final ChipSpec spec)
    {
        return chipsY(spec) * spec.getMeshHeight();
    }

    public static boolean multiChip(final ChipSpec spec)
    {
        return chipsX(spec) * chipsY(spec) > 1;
    }

    /** Checks the ranges (called by {@link ChipSpecs#resolve}). */
    static void validate(final ChipSpec spec)
    {
        if (spec.getNocModelValue() != NocModel.NOC_MODEL_IDEAL_VALUE &&
            spec.getNocModelValue() != NocModel.NOC_MODEL_CONGESTION_VALUE)
        {
            throw new ModelException("chip.noc_model " + spec.getNocModelValue() + " is not a known NoC model " +
                "(0 ideal, 1 congestion)");
        }
        if (spec.getNocOverflowValue() != NocOverflow.NOC_OVERFLOW_BACK_PRESSURE_VALUE &&
            spec.getNocOverflowValue() != NocOverflow.NOC_OVERFLOW_DROP_VALUE)
        {
            throw new ModelException("chip.noc_overflow " + spec.getNocOverflowValue() + " is not a known overflow " +
                "policy (0 back-pressure, 1 drop)");
        }
        checkRange("chip.noc_buffer_depth_packets", spec.getNocBufferDepthPackets(), 0, MAX_BUFFER_DEPTH_PACKETS);
        checkRange("chip.noc_link_packets_per_cycle", spec.getNocLinkPacketsPerCycle(), 0, MAX_LINK_PACKETS_PER_CYCLE);
        checkRange("chip.inter_chip_link_packets_per_cycle", spec.getInterChipLinkPacketsPerCycle(), 0,
            MAX_LINK_PACKETS_PER_CYCLE);
        checkRange("chip.chips_x", spec.getChipsX(), 0, MAX_CHIPS_PER_SIDE);
        checkRange("chip.chips_y", spec.getChipsY(), 0, MAX_CHIPS_PER_SIDE);
        if ((long)gridWidth(spec) * gridHeight(spec) > ChipSpecs.MAX_GRID_ROUTERS)
        {
            throw new ModelException("chip: " + chipsX(spec) + " x " + chipsY(spec) + " chips of " +
                spec.getMeshWidth() + " x " + spec.getMeshHeight() + " cores exceed " + ChipSpecs.MAX_GRID_ROUTERS +
                " cores in all");
        }
    }

    private static void checkRange(final String field, final int value, final int min, final int max)
    {
        final long v = Integer.toUnsignedLong(value);
        if (v < min || v > max)
        {
            throw new ModelException(field + " must be in " + min + ".." + max + ", got " + v);
        }
    }
}
