package org.chipsim.cli;

import java.io.PrintWriter;

import org.chipsim.compiler.ProgramTraffic;
import org.chipsim.compiler.TrafficRates;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.PopulationLayout;

/** Text description of a compiled program, for {@code compile} and {@code inspect}. */
final class ProgramReport
{
    private ProgramReport()
    {
    }

    static void print(final ChipProgram program, final PrintWriter out)
    {
        final ChipSpec chip = program.getChip();
        long synapses = 0;
        long routeEntries = 0;
        int partialSum = 0;
        for (final CoreProgram core : program.getCoresList())
        {
            synapses += nonZeroWeights(core, chip);
            routeEntries += core.getRoutes().getCoreCount();
            partialSum += core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM ? 1 : 0;
        }
        for (final InputSource input : program.getInputsList())
        {
            routeEntries += input.getRoutes().getCoreCount();
        }
        Summary.row(out, "cores", String.format("%d used of %d (%d neuron + %d partial-sum)",
            program.getCoresCount(), ChipSpecs.coreCount(chip),
            program.getCoresCount() - partialSum, partialSum));
        Summary.row(out, "synapses", String.format("%,d non-zero in crossbars", synapses));
        final ProgramTraffic traffic = ProgramTraffic.analyze(program);
        final long limit = Integer.toUnsignedLong(chip.getMaxRoutingEntriesPerCore());
        Summary.row(out, "routes", String.format("%,d routing entries: max %,d (core %d), mean %,.1f per neuron core " +
            "(limit %s); %,d in the input port", routeEntries, traffic.maxRoutingEntries(),
            traffic.maxRoutingEntriesCore(), traffic.meanRoutingEntries(), limit == 0 ? "none" :
            String.format("%,d", limit), traffic.inputRoutingEntries()));
        Summary.row(out, "traffic", String.format("est. %,.1f packets/tick (%,.1f spike, %,.1f input, %,.1f " +
            "partial-sum); %.2f hops per spike, %.2f per packet; %,.1f hop-weighted packets/tick",
            traffic.spikePackets() + traffic.inputPackets() + traffic.psumPackets(), traffic.spikePackets(),
            traffic.inputPackets(), traffic.psumPackets(), traffic.hopsPerSpike(), traffic.hopsPerPacket(),
            traffic.hopWeightedPackets()));
        Summary.row(out, "links", String.format("est. max %.3g packets/tick (%s), mean %.3g over all %,d links, " +
            "%.3g over the %,d used (uniform rates: %.3g spikes/tick per neuron, inputs at stimulus rates)",
            traffic.maxLinkLoad(), traffic.linkName(traffic.busiestLink()), traffic.meanLinkLoad(),
            traffic.meshLinks(), traffic.meanUsedLinkLoad(), traffic.usedLinks(), TrafficRates.DEFAULT_NEURON_RATE));
        for (final PopulationLayout population : program.getPopulationsList())
        {
            final org.chipsim.proto.v1.CoreProgram first = population.getSomaCoresCount() == 0 ? null :
                program.getCoresList().stream().filter(c -> c.getCoreId() == population.getSomaCores(0)).findFirst()
                    .orElse(null);
            Summary.row(out, "  " + population.getName(), population.getInput() ?
                String.format("input, %,d neurons", population.getSize()) : first != null && first.hasAnn() ?
                LayerReport.annPopulation(population, first.getAnn()) : LayerReport.population(population));
        }
        LayerReport.print(program, out);
        out.flush();
    }

    static void printDetailed(final ChipProgram program, final PrintWriter out)
    {
        final ChipSpec chip = program.getChip();
        Summary.row(out, "model", program.getModelName().isEmpty() ? "(unnamed)" : program.getModelName());
        Summary.row(out, "chip", String.format((NocSpecs.multiChip(chip) ? NocSpecs.chipsX(chip) + " x " +
            NocSpecs.chipsY(chip) + " chips of " : "") + "%d x %d mesh, %d axons x %d neurons per core%s, %d-bit weights",
            chip.getMeshWidth(), chip.getMeshHeight(), chip.getAxonsPerCore(), chip.getNeuronsPerCore(),
            ChipSpecs.timeMultiplex(chip) == 1 ? "" : " (soma time-multiplexed x" + ChipSpecs.timeMultiplex(chip) + ")",
            chip.getWeightBits()));
        print(program, out);
        out.println();
        out.printf("%5s %7s %-12s %-20s %8s %8s %9s %8s%n", "core", "(x,y)", "role", "population", "neurons",
            "axons", "synapses", "routes");
        for (final CoreProgram core : program.getCoresList())
        {
            out.printf("%5d %7s %-12s %-20s %3d (%2.0f%%) %3d (%2.0f%%) %9d %8d%n", core.getCoreId(),
                "(" + core.getX() + "," + core.getY() + ")",
                core.getRole() == CoreRole.CORE_ROLE_SOMA ? "neuron" : "partial-sum",
                program.getPopulations(core.getPopulation()).getName() + "[" + core.getNeuronOffset() + ".." +
                    (core.getNeuronOffset() + core.getNeuronCount() - 1) + "]",
                core.getNeuronCount(), 100.0 * core.getNeuronCount() / ChipSpecs.hostedNeuronsPerCore(chip),
                core.getAxonCount(), 100.0 * core.getAxonCount() / chip.getAxonsPerCore(),
                nonZeroWeights(core, chip), core.getRoutes().getCoreCount());
        }
        out.flush();
    }

    static long nonZeroWeights(final CoreProgram core, final ChipSpec chip)
    {
        final byte[] weights = core.getWeights().toByteArray();
        long count = 0;
        if (chip.getWeightBits() <= 8)
        {
            for (final byte w : weights)
            {
                count += w != 0 ? 1 : 0;
            }
        }
        else
        {
            for (int i = 0; i + 1 < weights.length; i += 2)
            {
                count += (weights[i] | weights[i + 1]) != 0 ? 1 : 0;
            }
        }
        return count;
    }
}
