package org.chipsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.LearnedModel;
import org.chipsim.chip.RunResult;
import org.chipsim.cli.report.EnergyReports;
import org.chipsim.cli.report.EnergySummary;
import org.chipsim.cli.report.ReportFiles;
import org.chipsim.cli.report.RunRecord;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.Model;

/**
 * What {@code chipsim run} and {@code chipsim resume} print and write after the simulation: the summary, the energy,
 * the saved model and the files of --out; for a run stopped by Ctrl-C, one line on stderr and exit code 130.
 */
final class RunOutputs
{
    /** Where and how the results go. */
    record Targets(Path out, Path saveModel, Path checkpoint, boolean noReference, long referenceMaxSynapses)
    {
    }

    private RunOutputs()
    {
    }

    static int finish(final PrintWriter stdout, final PrintWriter stderr, final ChipSimulation simulation,
        final RunResult result, final String name, final Model model, final Targets targets)
    {
        final boolean interrupted = simulation.stopRequested() && result.ticks() < simulation.totalTicks();
        final boolean partial = result.ticks() < simulation.totalTicks();
        // the float reference classifies every sample: not comparable with a run that stopped early
        Summary.print(result, name, stdout, AccuracyComparison.of(model, result, targets.noReference() || partial,
            targets.referenceMaxSynapses(), stderr));
        final EnergyReport report = EnergyReports.of(result, EnergyModel.of(result.program().getChip()));
        final RunRecord record = RunRecord.of(result, name);
        for (final String[] row : EnergySummary.rows(report, record))
        {
            Summary.row(stdout, row[0], row[1]);
        }
        if (result.total(CoreCounter.SBP_PACKETS_SENT) > 0 || result.total(CoreCounter.LABEL_PACKETS_RECEIVED) > 0)
        {
            Summary.row(stdout, "learning", String.format("%,d updates, %,d SBP packets (%,d received), %,d label " +
                "packets", result.total(CoreCounter.LEARN_UPDATES), result.total(CoreCounter.SBP_PACKETS_SENT),
                result.total(CoreCounter.SBP_PACKETS_RECEIVED), result.total(CoreCounter.LABEL_PACKETS_RECEIVED)));
        }
        if (targets.saveModel() != null)
        {
            ModelFiles.write(LearnedModel.apply(model, result), targets.saveModel());
            Summary.row(stdout, "saved model", targets.saveModel() + " (learned weights: " +
                String.format("%,d", result.total(CoreCounter.LEARN_UPDATES)) + " updates)");
        }
        final Path out = targets.out();
        if (out != null)
        {
            final Path file = out.resolve("result.json");
            AtomicFiles.writeText(file, writer -> ResultJson.write(result, name, writer, simulation.totalTicks(),
                interrupted));
            Summary.row(stdout, "result", file.toString());
            if (SpikesCsv.anyRecorded(result))
            {
                final Path spikes = out.resolve(SpikesCsv.FILE);
                AtomicFiles.writeText(spikes, writer -> SpikesCsv.write(result, writer));
                Summary.row(stdout, "spikes", spikes.toString());
            }
            final List<String> written = ReportFiles.writeAll(out, report, record);
            Summary.row(stdout, "energy", out.resolve(written.get(0)) + " (+ " +
                String.join(", ", written.subList(1, written.size())) + ")");
        }
        if (targets.checkpoint() != null && partial)
        {
            Summary.row(stdout, "checkpoint", targets.checkpoint().resolve(CheckpointFiles.FILE) + " at tick " +
                String.format("%,d", result.ticks()) + " (continue with: chipsim resume " + targets.checkpoint() + ")");
        }
        stdout.flush();
        if (interrupted)
        {
            stderr.println("chipsim: interrupted: stopped after tick " + String.format("%,d of %,d", result.ticks(),
                simulation.totalTicks()) + (out != null ? "; wrote the results of the completed ticks to " + out :
                "; the summary above covers the completed ticks") + (targets.checkpoint() != null ?
                "; resume with: chipsim resume " + targets.checkpoint() : ""));
            stderr.flush();
            return Main.EXIT_INTERRUPTED;
        }
        return Main.EXIT_OK;
    }
}
