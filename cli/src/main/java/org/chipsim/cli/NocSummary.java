package org.chipsim.cli;

import java.io.PrintWriter;

import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunResult;
import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipSpec;

/** The summary's network-on-chip rows: the congestion model's stalls and drops, and inter-chip traffic. */
final class NocSummary
{
    private NocSummary()
    {
    }

    static void print(final RunResult result, final PrintWriter out)
    {
        final ChipSpec chip = result.program().getChip();
        if (NocSpecs.multiChip(chip))
        {
            Summary.row(out, "inter-chip", String.format("%,d of the link traversals cross between chips",
                result.totalInterChipHops()));
        }
        if (!result.congestion())
        {
            return;
        }
        long linkStalls = 0;
        int worstLink = -1;
        for (int l = 0; l < result.mesh().linkCount(); l++)
        {
            linkStalls += result.linkStallCycles(l);
            if (result.linkStallCycles(l) > 0 && (worstLink < 0 ||
                result.linkStallCycles(l) > result.linkStallCycles(worstLink)))
            {
                worstLink = l;
            }
        }
        double nocMax = 0;
        for (final double cycles : result.tickTrace().meshCycles())
        {
            nocMax = Math.max(nocMax, cycles);
        }
        Summary.row(out, "noc", String.format("congestion model, %d-packet buffers, %d packet%s/cycle per link, %s: " +
            "%,d link stall cycles%s, %,d core stall cycles, %,d packets dropped; slowest tick's traffic took %,.0f " +
            "cycles", NocSpecs.bufferDepthPackets(chip), NocSpecs.linkPacketsPerCycle(chip),
            NocSpecs.linkPacketsPerCycle(chip) == 1 ? "" : "s", NocSpecs.drops(chip) ? "drop on overflow" :
            "back-pressure", linkStalls, worstLink < 0 ? "" : " (most on " + result.mesh().linkName(worstLink) + ")",
            result.total(CoreCounter.NOC_STALL_CYCLES), result.total(CoreCounter.DROPPED), nocMax));
    }
}
