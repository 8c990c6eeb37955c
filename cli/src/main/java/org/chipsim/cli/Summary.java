package org.chipsim.cli;

import java.io.PrintWriter;

import org.chipsim.chip.Classification;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunResult;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;

/** The human-readable summary {@code chipsim run} prints. */
final class Summary
{
    private Summary()
    {
    }

    static void print(final RunResult result, final String modelName, final PrintWriter out)
    {
        print(result, modelName, out, AccuracyComparison.NONE);
    }

    /** As {@link #print(RunResult, String, PrintWriter)}, with the chip's accuracy compared as {@code accuracy} says. */
    static void print(final RunResult result, final String modelName, final PrintWriter out,
        final AccuracyComparison accuracy)
    {
        final ChipProgram program = result.program();
        final ChipSpec chip = program.getChip();
        final NetworkIndex index = result.index();
        int partialSumCores = 0;
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                partialSumCores++;
            }
        }
        final double seconds = result.wallNanos() / 1e9;
        // the input port's packets include two-phase learning's label packets, which are no spikes (see "learning")
        final long labels = result.total(CoreCounter.LABEL_PACKETS_RECEIVED);
        final long packets = result.total(CoreCounter.PACKETS_SENT) + result.inputPackets() - labels;
        row(out, "model", String.format("%s (%d populations)", modelName.isEmpty() ? "(unnamed)" : modelName,
            index.populationCount()));
        row(out, "chip", String.format((NocSpecs.multiChip(chip) ? NocSpecs.chipsX(chip) + " x " +
            NocSpecs.chipsY(chip) + " chips of " : "") +
            "%d x %d mesh, %d axons x %d neurons per core, %d-bit weights%s, %.0f MHz",
            chip.getMeshWidth(), chip.getMeshHeight(), chip.getAxonsPerCore(), chip.getNeuronsPerCore(),
            chip.getWeightBits(), ChipSpecs.widthsText(chip), chip.getClockHz() / 1e6));
        row(out, "cores", String.format("%d used of %d (%d neuron + %d partial-sum)", result.coreCount(),
            ChipSpecs.coreCount(chip), result.coreCount() - partialSumCores, partialSumCores));
        row(out, "ticks", String.format("%,d in %.2f s wall with %d worker%s (%,.0f ticks/s)", result.ticks(), seconds,
            result.workers(), result.workers() == 1 ? "" : "s", result.ticks() / Math.max(seconds, 1e-9)));
        row(out, "spikes", String.format("%,d input, %,d from neurons", result.inputSpikes(),
            result.total(CoreCounter.SPIKES_OUT)));
        row(out, "packets", String.format("%,d spike packets sent, %,d delivered, %,d pending at end, %,d dropped; " +
            "%,d partial sums", packets, result.total(CoreCounter.SPIKES_DELIVERED),
            result.total(CoreCounter.PENDING_AT_END), result.total(CoreCounter.DROPPED),
            result.total(CoreCounter.PSUM_PACKETS_SENT)));
        row(out, "SOPs", String.format("%,d synaptic operations (%,.0f per second of wall time)",
            result.total(CoreCounter.SOPS), result.total(CoreCounter.SOPS) / Math.max(seconds, 1e-9)));
        if (result.total(CoreCounter.MACS) > 0 || result.total(CoreCounter.ACT_PACKETS_SENT) > 0)
        {
            row(out, "ANN", String.format("%,d multiply-accumulates (MACs); %,d activation packets sent, %,d " +
                "delivered, %,d pending at end", result.total(CoreCounter.MACS),
                result.total(CoreCounter.ACT_PACKETS_SENT), result.total(CoreCounter.ACT_PACKETS_DELIVERED),
                result.total(CoreCounter.ACT_PENDING_AT_END)));
        }
        final long allPackets = packets + result.total(CoreCounter.PSUM_PACKETS_SENT) +
            result.total(CoreCounter.ACT_PACKETS_SENT) + labels + result.total(CoreCounter.SBP_PACKETS_SENT);
        row(out, "hops", String.format("%,d link traversals (%.2f per packet)", result.totalHops(),
            allPackets == 0 ? 0.0 : (double)result.totalHops() / allPackets));
        NocSummary.print(result, out);
        for (int p = 0; p < index.populationCount(); p++)
        {
            row(out, "  " + index.name(p), String.format("%,d spikes from %,d neurons (%.2f Hz per neuron at %s)",
                result.populationSpikes(p), index.size(p), rateHz(result, p, program), tickLabel(program)));
        }
        final Classification classification = result.classification();
        if (classification != null)
        {
            row(out, "accuracy", accuracy.describe(classification, index.name(result.readoutPopulation())));
        }
        out.flush();
    }

    private static double rateHz(final RunResult result, final int population, final ChipProgram program)
    {
        final double tickSeconds = program.getRun().getTickSeconds() > 0 ? program.getRun().getTickSeconds() : 1e-3;
        return result.populationSpikes(population) /
            ((double)result.index().size(population) * result.ticks() * tickSeconds);
    }

    private static String tickLabel(final ChipProgram program)
    {
        final double tickSeconds = program.getRun().getTickSeconds() > 0 ? program.getRun().getTickSeconds() : 1e-3;
        return new java.math.BigDecimal(tickSeconds * 1e3).round(new java.math.MathContext(6)).stripTrailingZeros()
            .toPlainString() + " ms/tick";
    }

    static void row(final PrintWriter out, final String label, final String text)
    {
        out.printf("%-12s %s%n", label, text);
    }
}
