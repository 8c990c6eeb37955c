package org.chipsim.cli;

import java.io.PrintWriter;

import org.chipsim.chip.Mesh;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.Routes;

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
            program.getCoresCount(), chip.getMeshWidth() * chip.getMeshHeight(),
            program.getCoresCount() - partialSum, partialSum));
        Summary.row(out, "synapses", String.format("%,d non-zero in crossbars", synapses));
        Summary.row(out, "routes", String.format("%,d routing entries; %.2f expected hops per spike",
            routeEntries, expectedHopsPerSpike(program)));
        for (final PopulationLayout population : program.getPopulationsList())
        {
            Summary.row(out, "  " + population.getName(), population.getInput() ?
                String.format("input, %,d neurons", population.getSize()) :
                String.format("%,d neurons on %d cores + %d partial-sum; weight scale %.4g, max rounding error %.3g",
                    population.getSize(), population.getSomaCoresCount(), population.getPartialSumCoresCount(),
                    population.getWeightScale(), population.getMaxWeightError()));
        }
        out.flush();
    }

    static void printDetailed(final ChipProgram program, final PrintWriter out)
    {
        final ChipSpec chip = program.getChip();
        Summary.row(out, "model", program.getModelName().isEmpty() ? "(unnamed)" : program.getModelName());
        Summary.row(out, "chip", String.format("%d x %d mesh, %d axons x %d neurons per core, %d-bit weights",
            chip.getMeshWidth(), chip.getMeshHeight(), chip.getAxonsPerCore(), chip.getNeuronsPerCore(),
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
                core.getNeuronCount(), 100.0 * core.getNeuronCount() / chip.getNeuronsPerCore(),
                core.getAxonCount(), 100.0 * core.getAxonCount() / chip.getAxonsPerCore(),
                nonZeroWeights(core, chip), core.getRoutes().getCoreCount());
        }
        out.flush();
    }

    /** Mean, over every neuron that has routes, of the mesh hops one of its spikes costs (all its packets). */
    static double expectedHopsPerSpike(final ChipProgram program)
    {
        final ChipSpec chip = program.getChip();
        long hops = 0;
        long sources = 0;
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() != CoreRole.CORE_ROLE_SOMA)
            {
                continue;
            }
            final Routes routes = core.getRoutes();
            for (int n = 0; n + 1 < routes.getStartCount(); n++)
            {
                if (routes.getStart(n + 1) > routes.getStart(n))
                {
                    sources++;
                }
            }
            for (int e = 0; e < routes.getCoreCount(); e++)
            {
                final int dst = routes.getCore(e);
                hops += Mesh.hops(core.getX(), core.getY(), dst % chip.getMeshWidth(), dst / chip.getMeshWidth());
            }
        }
        return sources == 0 ? 0.0 : (double)hops / sources;
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
