package org.chipsim.core;

import org.chipsim.proto.v1.ChipSpec;

/**
 * Resolves the defaults of a {@link ChipSpec} and checks its ranges. Defaults are Tianjic-like (Pei et al., Nature 572,
 * 2019): 156 cores taken as a 12 x 13 mesh, 256 axons x 256 neurons per core, 8-bit weights, 300 MHz.
 */
public final class ChipSpecs
{
    public static final int DEFAULT_MESH_WIDTH = 12;
    public static final int DEFAULT_MESH_HEIGHT = 13;
    public static final int DEFAULT_AXONS_PER_CORE = 256;
    public static final int DEFAULT_NEURONS_PER_CORE = 256;
    public static final int DEFAULT_WEIGHT_BITS = 8;
    public static final double DEFAULT_CLOCK_HZ = 300e6;
    public static final int DEFAULT_MAX_DELAY_TICKS = 15;

    /** Upper bounds that keep one core's memory and the mesh's id space sane; far above any published chip. */
    public static final int MAX_MESH_SIDE = 4096;
    /** Most routers (cores) of the whole grid, all chips together: ids and link ids stay well inside an int. */
    public static final int MAX_GRID_ROUTERS = 1 << 24;
    public static final int MAX_AXONS_PER_CORE = 65_536;
    public static final int MAX_NEURONS_PER_CORE = 65_536;
    public static final int MAX_DELAY_TICKS_LIMIT = 255;
    /** Most soma time-multiplexing phases per core. */
    public static final int MAX_TIME_MULTIPLEX = 64;

    private ChipSpecs()
    {
    }

    /** The Tianjic-like default chip. */
    public static ChipSpec defaults()
    {
        return resolve(ChipSpec.getDefaultInstance());
    }

    /** Fills every unset field with its default and validates the result. */
    public static ChipSpec resolve(final ChipSpec spec)
    {
        final ChipSpec resolved = spec.toBuilder()
            .setMeshWidth(orDefault(spec.getMeshWidth(), DEFAULT_MESH_WIDTH))
            .setMeshHeight(orDefault(spec.getMeshHeight(), DEFAULT_MESH_HEIGHT))
            .setAxonsPerCore(orDefault(spec.getAxonsPerCore(), DEFAULT_AXONS_PER_CORE))
            .setNeuronsPerCore(orDefault(spec.getNeuronsPerCore(), DEFAULT_NEURONS_PER_CORE))
            .setWeightBits(orDefault(spec.getWeightBits(), DEFAULT_WEIGHT_BITS))
            .setClockHz(spec.getClockHz() == 0.0 ? DEFAULT_CLOCK_HZ : spec.getClockHz())
            .setMaxDelayTicks(orDefault(spec.getMaxDelayTicks(), DEFAULT_MAX_DELAY_TICKS))
            .build();
        validate(resolved);
        return resolved;
    }

    private static void validate(final ChipSpec spec)
    {
        checkRange("chip.mesh_width", spec.getMeshWidth(), 1, MAX_MESH_SIDE);
        checkRange("chip.mesh_height", spec.getMeshHeight(), 1, MAX_MESH_SIDE);
        checkRange("chip.axons_per_core", spec.getAxonsPerCore(), 1, MAX_AXONS_PER_CORE);
        checkRange("chip.neurons_per_core", spec.getNeuronsPerCore(), 1, MAX_NEURONS_PER_CORE);
        checkRange("chip.weight_bits", spec.getWeightBits(), 1, 16);
        checkRange("chip.neuron_time_multiplex", spec.getNeuronTimeMultiplex(), 0, MAX_TIME_MULTIPLEX);
        if (spec.getMembraneBits() != 0)
        {
            checkRange("chip.membrane_bits", spec.getMembraneBits(), 2, 32);
        }
        if (spec.getAccumulatorBits() != 0)
        {
            // narrower than one weight would saturate a single synapse: no chip is built that way
            checkRange("chip.accumulator_bits", spec.getAccumulatorBits(), spec.getWeightBits(), 32);
        }
        checkRange("chip.max_delay_ticks", spec.getMaxDelayTicks(), 0, MAX_DELAY_TICKS_LIMIT);
        if (!(spec.getClockHz() > 0.0) || Double.isInfinite(spec.getClockHz()))
        {
            throw new ModelException("chip.clock_hz must be a positive finite frequency, got " + spec.getClockHz());
        }
        NocSpecs.validate(spec);
        if (Integer.toUnsignedLong(spec.getInputPortX()) >= NocSpecs.gridWidth(spec) ||
            Integer.toUnsignedLong(spec.getInputPortY()) >= NocSpecs.gridHeight(spec))
        {
            throw new ModelException("chip.input_port (" + Integer.toUnsignedString(spec.getInputPortX()) + ", " +
                Integer.toUnsignedString(spec.getInputPortY()) + ") lies outside the " + NocSpecs.gridWidth(spec) +
                " x " + NocSpecs.gridHeight(spec) + " mesh");
        }
    }

    /** Cores on the chip (on all chips of a multi-chip grid, {@link NocSpecs}). */
    public static int coreCount(final ChipSpec spec)
    {
        return NocSpecs.gridWidth(spec) * NocSpecs.gridHeight(spec);
    }

    /** Soma time-multiplexing phases per tick: chip.neuron_time_multiplex, 0 meaning 1 (kept 0 when resolving, so
     * programs written before the field existed still carry a resolved chip). */
    public static int timeMultiplex(final ChipSpec spec)
    {
        return Math.max(1, spec.getNeuronTimeMultiplex());
    }

    /** Neurons one core may host: neurons_per_core x the time-multiplexing phases. */
    public static int hostedNeuronsPerCore(final ChipSpec spec)
    {
        return spec.getNeuronsPerCore() * timeMultiplex(spec);
    }

    /** The soma's membrane width in bits: chip.membrane_bits, 0 meaning 32 (kept 0 when resolving). */
    public static int membraneBits(final ChipSpec spec)
    {
        return spec.getMembraneBits() == 0 ? 32 : spec.getMembraneBits();
    }

    /** The dendrite accumulator's width in bits: chip.accumulator_bits, 0 meaning 32 (kept 0 when resolving). */
    public static int accumulatorBits(final ChipSpec spec)
    {
        return spec.getAccumulatorBits() == 0 ? 32 : spec.getAccumulatorBits();
    }

    /** ", M-bit membrane, A-bit accumulator" for the widths that are not the default 32 bits, else "". */
    public static String widthsText(final ChipSpec spec)
    {
        return (membraneBits(spec) == 32 ? "" : ", " + membraneBits(spec) + "-bit membrane") +
            (accumulatorBits(spec) == 32 ? "" : ", " + accumulatorBits(spec) + "-bit accumulator");
    }

    /** Bytes one weight takes in a crossbar: 1 up to 8 bits, else 2. */
    public static int weightBytes(final ChipSpec spec)
    {
        return spec.getWeightBits() <= 8 ? 1 : 2;
    }

    private static int orDefault(final int value, final int defaultValue)
    {
        return value == 0 ? defaultValue : value;
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
