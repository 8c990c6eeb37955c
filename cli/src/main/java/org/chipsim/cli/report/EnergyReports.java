package org.chipsim.cli.report;

import org.chipsim.chip.RunResult;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Stimulus;

/** Turns a run's counts into the core energy model's input and computes its report. */
public final class EnergyReports
{
    /** Model time of a tick when the run config does not say. */
    public static final double DEFAULT_TICK_SECONDS = 1e-3;

    private EnergyReports()
    {
    }

    /** The report of a run, with the costs of the chip it ran on. */
    public static EnergyReport of(final RunResult result)
    {
        return of(result, EnergyModel.of(result.program().getChip()));
    }

    public static EnergyReport of(final RunResult result, final EnergyModel model)
    {
        return EnergyReport.of(model, activity(result));
    }

    public static Activity activity(final RunResult result)
    {
        final long[][] cores = new long[result.coreCount()][];
        for (int k = 0; k < cores.length; k++)
        {
            cores[k] = result.energyEvents(k);
        }
        return new Activity(result.ticks(), tickSeconds(result.program()), inferences(result), cores,
            result.inputPortEnergyEvents(), result.tickTrace());
    }

    public static double tickSeconds(final ChipProgram program)
    {
        final double s = program.getRun().getTickSeconds();
        return s > 0 ? s : DEFAULT_TICK_SECONDS;
    }

    /**
     * Inferences of a run: the sample windows it covered for rate-coded stimulus and for spike trains in samples
     * (ticks / ticks_per_sample, rounded up), else 1 (other explicit spike trains are one sample).
     */
    public static long inferences(final RunResult result)
    {
        final Stimulus stimulus = result.program().getStimulus();
        final long perSample = stimulus.hasRateCoded() ? stimulus.getRateCoded().getTicksPerSample() :
            stimulus.hasSpikeTrains() ? Integer.toUnsignedLong(stimulus.getSpikeTrains().getTicksPerSample()) : 0;
        if (perSample > 0)
        {
            return (result.ticks() + perSample - 1) / perSample;
        }
        return 1;
    }
}
