package org.chipsim.cli.report;

import java.util.List;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;

import picocli.CommandLine.Option;

/**
 * {@code --preset NAME} and {@code --cost KEY=VALUE} of {@code chipsim run} and {@code chipsim report}: change the
 * unit costs the run is accounted with. They apply to models and compiled programs alike (costs do not change the
 * compiled program).
 */
public final class EnergyOptions
{
    @Option(names = "--preset", paramLabel = "NAME", description = "Energy and latency preset: tianjic (default), " +
        "loihi, truenorth or custom (all costs 0 unless set with --cost). See docs/energy.md.")
    String preset;

    @Option(names = "--cost", paramLabel = "KEY=VALUE", description = "Override one unit cost (repeatable), e.g. " +
        "--cost sop_energy_pj=2.5 --cost hop_latency_cycles=2. Keys carry their unit; see docs/energy.md.")
    List<String> costs;

    /** The program with the chip's energy preset and cost overrides set from the options (validated). */
    public ChipProgram apply(final ChipProgram program)
    {
        if (!any())
        {
            return program;
        }
        return program.toBuilder().setChip(apply(program.getChip())).build();
    }

    /** True when a preset or a cost was given. */
    public boolean any()
    {
        return preset != null || (costs != null && !costs.isEmpty());
    }

    /** The chip with the preset and cost overrides set from the options (validated). */
    public ChipSpec apply(final ChipSpec spec)
    {
        ChipSpec chip = spec;
        if (preset != null)
        {
            chip = EnergyModel.withPreset(chip, preset);
        }
        if (costs != null)
        {
            for (final String cost : costs)
            {
                final int eq = cost.indexOf('=');
                if (eq <= 0)
                {
                    throw new ModelException(ErrorCode.OPTION_INVALID,
                        "--cost expects KEY=VALUE such as sop_energy_pj=2.5, got '" + cost + "'");
                }
                chip = EnergyModel.withCost(chip, cost.substring(0, eq), cost.substring(eq + 1));
            }
        }
        return chip;
    }
}
