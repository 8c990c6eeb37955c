package org.chipsim.core.energy;

import com.google.protobuf.Descriptors.FieldDescriptor;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.EnergySpec;

/**
 * The unit costs a run is accounted with: a {@link Preset} at the chip's clock, then the overrides of the ChipSpec's
 * {@link EnergySpec}. Keeps, for every cost, where its value came from (the preset's source or "override").
 */
public final class EnergyModel
{
    private final Preset preset;
    private final double clockHz;
    private final EnergyCosts costs;
    private final String[] sources;
    private final boolean[] overridden;

    private EnergyModel(final Preset preset, final double clockHz, final EnergyCosts costs, final String[] sources,
        final boolean[] overridden)
    {
        this.preset = preset;
        this.clockHz = clockHz;
        this.costs = costs;
        this.sources = sources;
        this.overridden = overridden;
    }

    /** The costs of a chip: its energy preset (default tianjic) at its clock (default 300 MHz), then its overrides. */
    public static EnergyModel of(final ChipSpec chip)
    {
        final double clockHz = chip.getClockHz() == 0.0 ? ChipSpecs.DEFAULT_CLOCK_HZ : chip.getClockHz();
        if (!(clockHz > 0.0) || Double.isInfinite(clockHz))
        {
            throw new ModelException("chip.clock_hz must be a positive finite frequency, got " + clockHz);
        }
        final EnergySpec spec = chip.getEnergy();
        final Preset preset = Preset.named(spec.getPreset());
        final double[] values = preset.costs(clockHz).toArray();
        final String[] sources = new String[Cost.count()];
        final boolean[] overridden = new boolean[Cost.count()];
        for (final Cost cost : Cost.values())
        {
            final FieldDescriptor field = field(cost);
            final int c = cost.ordinal();
            if (spec.hasField(field))
            {
                final double value = (Double)spec.getField(field);
                EnergyCosts.checkCost(cost, value);
                values[c] = value;
                sources[c] = "override (chip.energy." + cost.key() + ")";
                overridden[c] = true;
            }
            else
            {
                sources[c] = preset.figure(cost).source();
            }
        }
        return new EnergyModel(preset, clockHz, EnergyCosts.of(values), sources, overridden);
    }

    /** The ChipSpec with its energy preset set (validated). */
    public static ChipSpec withPreset(final ChipSpec chip, final String presetName)
    {
        final Preset preset = Preset.named(presetName);
        return chip.toBuilder().setEnergy(chip.getEnergy().toBuilder().setPreset(preset.key())).build();
    }

    /** The ChipSpec with one cost overridden; {@code value} is parsed as a number (validated). */
    public static ChipSpec withCost(final ChipSpec chip, final String key, final String value)
    {
        final Cost cost = Cost.byKey(key.trim());
        final double number;
        try
        {
            number = Double.parseDouble(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new ModelException("energy cost " + cost.key() + " expects a number (" + cost.description() +
                "), got '" + value + "'");
        }
        EnergyCosts.checkCost(cost, number);
        return chip.toBuilder().setEnergy(chip.getEnergy().toBuilder().setField(field(cost), number)).build();
    }

    /** The EnergySpec field of a cost (same name as its key). */
    static FieldDescriptor field(final Cost cost)
    {
        final FieldDescriptor field = EnergySpec.getDescriptor().findFieldByName(cost.key());
        if (field == null)
        {
            throw new IllegalStateException("EnergySpec has no field " + cost.key());
        }
        return field;
    }

    public Preset preset()
    {
        return preset;
    }

    /** The chip clock the latencies are in cycles of. */
    public double clockHz()
    {
        return clockHz;
    }

    public EnergyCosts costs()
    {
        return costs;
    }

    /** Where a cost's value came from: the preset's source text, or "override (...)". */
    public String source(final Cost cost)
    {
        return sources[cost.ordinal()];
    }

    public boolean isOverridden(final Cost cost)
    {
        return overridden[cost.ordinal()];
    }
}
