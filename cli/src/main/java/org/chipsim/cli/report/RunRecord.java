package org.chipsim.cli.report;

import java.util.ArrayList;
import java.util.List;

import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunResult;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;

/**
 * What the report files are drawn from: a run's layout on the mesh, its counts and recorded spikes. Built from a live
 * {@link RunResult} after {@code chipsim run}, or read back from a saved result directory ({@link SavedRun}) by
 * {@code chipsim report}, so both draw the same reports from the same data.
 *
 * @param model       the model's name
 * @param meshWidth   mesh columns
 * @param meshHeight  mesh rows
 * @param portX       input port column
 * @param portY       input port row
 * @param cores       cores in use, program order
 * @param linkPackets packets per mesh link, indexed as {@link org.chipsim.chip.Mesh} numbers links
 * @param populations every population, model order
 * @param activity    the counts the energy model prices, with the per-tick record
 * @param coreTrace   every core's events tick by tick over the first ticks (chipsim run --trace), or null
 * @param linkStallCycles cycles each mesh link stalled under the NoC congestion model (docs/noc.md), or null
 */
public record RunRecord(String model, int meshWidth, int meshHeight, int portX, int portY, List<CoreInfo> cores,
    long[] linkPackets, List<PopulationInfo> populations, Activity activity, CoreTrace coreTrace,
    long[] linkStallCycles)
{
    /** A record of a run with the ideal NoC (no stalls). */
    public RunRecord(final String model, final int meshWidth, final int meshHeight, final int portX, final int portY,
        final List<CoreInfo> cores, final long[] linkPackets, final List<PopulationInfo> populations,
        final Activity activity, final CoreTrace coreTrace)
    {
        this(model, meshWidth, meshHeight, portX, portY, cores, linkPackets, populations, activity, coreTrace, null);
    }

    /**
     * One core in use.
     *
     * @param counters every {@link CoreCounter}, by ordinal
     */
    public record CoreInfo(int id, int x, int y, String role, String population, long[] counters)
    {
        public long counter(final CoreCounter counter)
        {
            return counters[counter.ordinal()];
        }
    }

    /**
     * One population.
     *
     * @param spikes   spikes it fired over the run
     * @param recorded its recorded spikes as {@code (tick << 32) | neuron} (neuron within the population), sorted, or
     *                 null when it was not recorded
     */
    public record PopulationInfo(String name, int size, boolean input, long spikes, long[] recorded)
    {
    }

    public long ticks()
    {
        return activity.ticks();
    }

    public int coreCount()
    {
        return cores.size();
    }

    /** True when at least one population's spikes were recorded (there is a raster to draw). */
    public boolean anyRecorded()
    {
        return populations.stream().anyMatch(p -> p.recorded() != null);
    }

    /**
     * The record of a live run. Recorded populations are those the run recorded: the ones asked for, and the readout
     * when the stimulus has labels.
     */
    public static RunRecord of(final RunResult result, final String modelName)
    {
        final ChipSpec chip = result.program().getChip();
        final List<CoreInfo> cores = new ArrayList<>(result.coreCount());
        for (int k = 0; k < result.coreCount(); k++)
        {
            final CoreProgram core = result.program().getCores(k);
            final long[] counters = new long[CoreCounter.count()];
            for (final CoreCounter counter : CoreCounter.values())
            {
                counters[counter.ordinal()] = result.counter(k, counter);
            }
            cores.add(new CoreInfo(core.getCoreId(), core.getX(), core.getY(), role(core),
                result.index().name(core.getPopulation()), counters));
        }
        final long[] links = new long[result.mesh().linkCount()];
        for (int l = 0; l < links.length; l++)
        {
            links[l] = result.linkPackets(l);
        }
        // the whole grid of routers (several chips' meshes on a multi-chip grid, docs/noc.md)
        long[] stalls = null;
        if (result.congestion())
        {
            stalls = new long[links.length];
            for (int l = 0; l < links.length; l++)
            {
                stalls[l] = result.linkStallCycles(l);
            }
        }
        return new RunRecord(modelName, result.mesh().width(), result.mesh().height(), chip.getInputPortX(),
            chip.getInputPortY(), cores, links, populations(result), EnergyReports.activity(result),
            result.coreTrace(), stalls);
    }

    static String role(final CoreProgram core)
    {
        return core.getRole() == CoreRole.CORE_ROLE_SOMA ? "soma" : "partial_sum";
    }

    private static List<PopulationInfo> populations(final RunResult result)
    {
        final NetworkIndex index = result.index();
        final int count = index.populationCount();
        final boolean[] recorded = new boolean[count];
        final int[] spikes = new int[count];
        final SpikeRaster raster = result.raster();
        for (int p = 0; p < count; p++)
        {
            recorded[p] = result.isRequested(p) ||
                (result.classification() != null && p == result.readoutPopulation());
        }
        final int[] populationOf = new int[raster.size()];
        for (int i = 0; i < raster.size(); i++)
        {
            populationOf[i] = populationOf(index, raster.globalId(i));
            spikes[populationOf[i]]++;
        }
        final long[][] encoded = new long[count][];
        for (int p = 0; p < count; p++)
        {
            encoded[p] = recorded[p] ? new long[spikes[p]] : null;
        }
        final int[] filled = new int[count];
        for (int i = 0; i < raster.size(); i++)
        {
            final int p = populationOf[i];
            if (encoded[p] != null)
            {
                // raster order is tick then global id, so each population's spikes stay sorted
                encoded[p][filled[p]++] = SpikeRaster.encode(raster.tick(i),
                    raster.globalId(i) - index.firstGlobalId(p));
            }
        }
        final List<PopulationInfo> populations = new ArrayList<>(count);
        for (int p = 0; p < count; p++)
        {
            populations.add(new PopulationInfo(index.name(p), index.size(p), index.isInput(p),
                result.populationSpikes(p), encoded[p]));
        }
        return populations;
    }

    private static int populationOf(final NetworkIndex index, final int globalId)
    {
        int p = index.populationCount() - 1;
        while (p > 0 && index.firstGlobalId(p) > globalId)
        {
            p--;
        }
        return p;
    }
}
