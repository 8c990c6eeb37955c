package org.chipsim.chip;

import java.util.List;

import org.agrona.collections.LongArrayList;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.core.stimulus.StimulusSchedule;
import org.chipsim.proto.v1.ChipProgram;

/**
 * What a run produced: every core's counters, the input port's and the mesh links' traffic, the recorded spikes and
 * the classification. Plain data: counts only; energy and time are derived from it.
 */
public final class RunResult
{
    private final ChipProgram program;
    private final NetworkIndex index;
    private final long ticks;
    private final int workers;
    private final long seed;
    private final long wallNanos;
    private final int[] coreIds;
    private final long[][] counters;
    /** Per core (program order): the crossbar after the run, row-major integers, for cores that learn; else null. */
    private final int[][] learnedWeights;
    /** Per core (program order): the hybrid local weights P after the run (1/256 weight step), or null. */
    private short[][] localWeights;
    /** Per core (program order): theta, traces, tags, sbar and draw counts after the run, or null. */
    private org.chipsim.proto.v1.CoreLearnedState[] learnedStates;
    private final long offHeapBytes;
    private final long inputSpikes;
    private final long[] populationSpikes;
    private final long inputPackets;
    private final long ringFullWaits;
    private final long[] barrierWaitNanos;
    private final long inputHops;
    private final long[] linkPackets;
    private final Mesh mesh;
    private final SpikeRaster raster;
    private final boolean[] requestedPopulations;
    private final int readoutPopulation;
    private final Classification classification;
    /** The workers' per-tick records, set by gather; merged into tickTrace on first use. */
    private double[][] traceBusy;
    private int[][] traceHops;
    private int[][] traceInputHops;
    private long[][] traceEvents;
    private int latencyBinTicks;
    private int eventBinTicks;
    private TickTrace tickTrace;
    /** Of the input packets' hops, the inter-chip links. */
    private long inputInterChipHops;
    /** Congestion model (else null): per link, cycles it stalled; per router, packets it dropped. */
    private long[] linkStallCycles;
    private long[] routerDropped;
    /** Per latency bin, the recorded mesh cycles of the slowest tick (congestion model or multi-chip), else null. */
    private double[] traceMeshCycles;
    /** The workers' per-core tick records (chipsim run --trace), or null; merged into coreTrace on first use. */
    private CoreTickRecorder[] coreTicks;
    private CoreTrace coreTrace;

    @SuppressWarnings("checkstyle:ParameterNumber")
    private RunResult(final ChipProgram program, final NetworkIndex index, final long ticks, final int workers,
        final long seed, final long wallNanos, final int[] coreIds, final long[][] counters, final int[][] learnedWeights,
        final long offHeapBytes,
        final long inputSpikes, final long[] populationSpikes, final long inputPackets, final long ringFullWaits, final long[] barrierWaitNanos, final long inputHops, final long[] linkPackets,
        final Mesh mesh, final SpikeRaster raster, final boolean[] requestedPopulations, final int readoutPopulation,
        final Classification classification)
    {
        this.program = program;
        this.index = index;
        this.ticks = ticks;
        this.workers = workers;
        this.seed = seed;
        this.wallNanos = wallNanos;
        this.coreIds = coreIds;
        this.counters = counters;
        this.learnedWeights = learnedWeights;
        this.offHeapBytes = offHeapBytes;
        this.inputSpikes = inputSpikes;
        this.populationSpikes = populationSpikes;
        this.inputPackets = inputPackets;
        this.ringFullWaits = ringFullWaits;
        this.barrierWaitNanos = barrierWaitNanos;
        this.inputHops = inputHops;
        this.linkPackets = linkPackets;
        this.mesh = mesh;
        this.raster = raster;
        this.requestedPopulations = requestedPopulations;
        this.readoutPopulation = readoutPopulation;
        this.classification = classification;
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    static RunResult gather(final ChipProgram program, final NetworkIndex index, final StimulusSchedule schedule,
        final List<Core> cores, final Worker[] workers, final Mesh mesh, final long ticks, final int workerCount,
        final long seed, final boolean[] requestedPopulations, final int readoutPopulation, final long wallNanos)
    {
        final int[] ids = new int[cores.size()];
        final long[][] counters = new long[cores.size()][CoreCounter.count()];
        final int[][] learnedWeights = new int[cores.size()][];
        long offHeap = 0;
        for (int k = 0; k < cores.size(); k++)
        {
            final Core core = cores.get(k);
            ids[k] = core.id;
            offHeap += core.memoryBytes();
            for (int c = 0; c < CoreCounter.count(); c++)
            {
                counters[k][c] = core.counter(CoreCounter.of(c));
            }
            learnedWeights[k] = core.learns() ? core.weights() : null;
        }
        long inputSpikes = 0;
        final long[] populationSpikes = new long[index.populationCount()];
        for (int k = 0; k < cores.size(); k++)
        {
            populationSpikes[cores.get(k).population] += counters[k][CoreCounter.SPIKES_OUT.ordinal()];
        }
        long inputPackets = 0;
        long ringFullWaits = 0;
        final long[] barrierWaitNanos = new long[workers.length];
        long inputHops = 0;
        final long[] links = new long[mesh.linkCount()];
        final LongArrayList spikes = new LongArrayList();
        for (final Worker worker : workers)
        {
            inputSpikes += worker.inputSpikes;
            for (int p = 0; p < populationSpikes.length; p++)
            {
                populationSpikes[p] += worker.inputSpikesByPopulation[p];
            }
            inputPackets += worker.inputPackets;
            ringFullWaits += worker.ringFullWaits;
            barrierWaitNanos[worker.index] = worker.barrierWaitNanos;
            inputHops += worker.inputHops;
            for (int l = 0; l < links.length; l++)
            {
                links[l] += worker.linkPackets[l];
            }
            for (int i = 0; i < worker.recorded.size(); i++)
            {
                spikes.addLong(worker.recorded.getLong(i));
            }
        }
        final SpikeRaster raster = SpikeRaster.of(spikes.toLongArray(), spikes.size());
        final Classification classification = readoutPopulation >= 0 && schedule.hasLabels() ?
            Classification.of(raster, schedule, index.firstGlobalId(readoutPopulation), index.size(readoutPopulation),
                ticks) : null;
        final RunResult result = new RunResult(program, index, ticks, workerCount, seed, wallNanos, ids, counters,
            learnedWeights, offHeap,
            inputSpikes, populationSpikes, inputPackets, ringFullWaits, barrierWaitNanos, inputHops, links, mesh, raster, requestedPopulations, readoutPopulation,
            classification);
        result.localWeights = new short[cores.size()][];
        result.learnedStates = new org.chipsim.proto.v1.CoreLearnedState[cores.size()];
        for (int k = 0; k < cores.size(); k++)
        {
            result.localWeights[k] = cores.get(k).localWeights();
            result.learnedStates[k] = cores.get(k).learnedState();
        }
        // the workers' per-tick arrays are kept (not the workers) and merged on first use, outside the run
        result.traceBusy = new double[workers.length][];
        result.traceHops = new int[workers.length][];
        result.traceInputHops = new int[workers.length][];
        result.traceEvents = new long[workers.length][];
        for (int w = 0; w < workers.length; w++)
        {
            result.traceBusy[w] = workers[w].traceMaxBusyCycles;
            result.traceHops[w] = workers[w].traceMaxHops;
            result.traceInputHops[w] = workers[w].traceMaxInputHops;
            result.traceEvents[w] = workers[w].traceEvents;
        }
        result.latencyBinTicks = workers[0].latencyBinTicks;
        if (workers[0].coreTicks != null)
        {
            result.coreTicks = new CoreTickRecorder[workers.length];
            for (int w = 0; w < workers.length; w++)
            {
                result.coreTicks[w] = workers[w].coreTicks;
            }
        }
        result.eventBinTicks = workers[0].eventBinTicks;
        for (final Worker worker : workers)
        {
            result.inputInterChipHops += worker.inputInterChipHops;
        }
        if (workers[0].traceMeshCycles != null)
        {
            result.traceMeshCycles = new double[workers[0].traceMeshCycles.length];
            for (final Worker worker : workers)
            {
                for (int b = 0; b < result.traceMeshCycles.length; b++)
                {
                    result.traceMeshCycles[b] = Math.max(result.traceMeshCycles[b], worker.traceMeshCycles[b]);
                }
            }
        }
        return result;
    }

    /**
     * Per-tick record for latency and energy per tick: each tick's slowest core (busy cycles at the chip's latency
     * costs), longest packet paths, and events (binned). The workers' records merged, maxima by max and counts by sum,
     * so it does not depend on the worker count.
     */
    public synchronized TickTrace tickTrace()
    {
        if (tickTrace == null)
        {
            final int latencyBins = TickTrace.bins(ticks, latencyBinTicks);
            final int eventBins = TickTrace.bins(ticks, eventBinTicks);
            final double[] busy = new double[latencyBins];
            final int[] hops = new int[latencyBins];
            final int[] inputHops = new int[latencyBins];
            java.util.Arrays.fill(inputHops, -1);
            final long[] events = new long[eventBins * EnergyEvent.count()];
            for (int w = 0; w < traceBusy.length; w++)
            {
                for (int b = 0; b < latencyBins; b++)
                {
                    busy[b] = Math.max(busy[b], traceBusy[w][b]);
                    hops[b] = Math.max(hops[b], traceHops[w][b]);
                    inputHops[b] = Math.max(inputHops[b], traceInputHops[w][b]);
                }
                for (int i = 0; i < events.length; i++)
                {
                    events[i] += traceEvents[w][i];
                }
            }
            final double[] meshCycles = traceMeshCycles == null ? null :
                java.util.Arrays.copyOf(traceMeshCycles, latencyBins);
            tickTrace = new TickTrace(ticks, latencyBinTicks, busy, hops, inputHops, eventBinTicks, events, meshCycles);
        }
        return tickTrace;
    }

    /**
     * Every core's events tick by tick over the first ticks of the run, in program order, or null when the run was
     * not asked to record them ({@link RunOptions#traceTicks()}). Does not depend on the worker count.
     */
    public synchronized CoreTrace coreTrace()
    {
        if (coreTrace == null && coreTicks != null)
        {
            coreTrace = CoreTickRecorder.merge(coreTicks, coreIds.length);
        }
        return coreTrace;
    }

    /** Events of core k as the energy model counts them ({@link EnergyEvent} order). */
    public long[] energyEvents(final int k)
    {
        final long[] events = new long[EnergyEvent.count()];
        for (int i = 0; i < Worker.TRACED.length; i++)
        {
            events[Worker.TRACED_EVENTS[i].ordinal()] = counters[k][Worker.TRACED[i].ordinal()];
        }
        events[EnergyEvent.HOP.ordinal()] -= events[EnergyEvent.INTER_CHIP_HOP.ordinal()];
        return events;
    }

    /** Events of the input port: input packets over the off-chip link and their on-chip hops. */
    public long[] inputPortEnergyEvents()
    {
        final long[] events = new long[EnergyEvent.count()];
        events[EnergyEvent.OFF_CHIP_PACKET.ordinal()] = inputPackets;
        events[EnergyEvent.HOP.ordinal()] = inputHops - inputPackets - inputInterChipHops;
        events[EnergyEvent.INTER_CHIP_HOP.ordinal()] = inputInterChipHops;
        return events;
    }

    public ChipProgram program()
    {
        return program;
    }

    public NetworkIndex index()
    {
        return index;
    }

    public long ticks()
    {
        return ticks;
    }

    public int workers()
    {
        return workers;
    }

    public long seed()
    {
        return seed;
    }

    public long wallNanos()
    {
        return wallNanos;
    }

    /** Cores used, in program order. */
    public int coreCount()
    {
        return coreIds.length;
    }

    public int coreId(final int k)
    {
        return coreIds[k];
    }

    public long counter(final int k, final CoreCounter counter)
    {
        return counters[k][counter.ordinal()];
    }

    /**
     * The hybrid local weights P of core k (program order) after the run, row-major, in 1/256 of a weight step; null
     * when the core has no hybrid row.
     */
    public short[] localWeights(final int k)
    {
        return localWeights == null || localWeights[k] == null ? null : localWeights[k].clone();
    }

    /**
     * Core k's (program order) learned state besides the weights after the run, in the core's fixed point: theta,
     * STDP traces, R-STDP tags, hybrid sbar, draw counts; null for a core with none of them.
     */
    public org.chipsim.proto.v1.CoreLearnedState learnedState(final int k)
    {
        return learnedStates == null ? null : learnedStates[k];
    }

    /** The crossbar of core k (program order) after the run, row-major integer weights, or null if it does not learn. */
    public int[] learnedWeights(final int k)
    {
        return learnedWeights[k] == null ? null : learnedWeights[k].clone();
    }

    /** Sum of a counter over every core. */
    public long total(final CoreCounter counter)
    {
        long sum = 0;
        for (final long[] core : counters)
        {
            sum += core[counter.ordinal()];
        }
        return sum;
    }

    public long offHeapBytes()
    {
        return offHeapBytes;
    }

    public long inputSpikes()
    {
        return inputSpikes;
    }

    /** Spikes fired by one population over the run (input spikes for an input population). */
    public long populationSpikes(final int population)
    {
        return populationSpikes[population];
    }

    public long inputPackets()
    {
        return inputPackets;
    }

    /** Times a worker found another worker's ring full and waited: back-pressure in the simulator, not the chip. */
    public long ringFullWaits()
    {
        return ringFullWaits;
    }

    /** Wall time each worker spent waiting at tick barriers: load imbalance plus the exchange's synchronization. */
    public long barrierWaitNanos(final int worker)
    {
        return barrierWaitNanos[worker];
    }

    /** Links crossed by input packets, the off-chip link into the port included. */
    public long inputHops()
    {
        return inputHops;
    }

    /** Every link crossed by every packet of the run (core traffic, partial sums and input). */
    public long totalHops()
    {
        return total(CoreCounter.HOPS) + inputHops;
    }

    public long linkPackets(final int link)
    {
        return linkPackets[link];
    }

    /** Of {@link #inputHops()}, the links between chips. */
    public long inputInterChipHops()
    {
        return inputInterChipHops;
    }

    /** Every inter-chip link crossed by every packet of the run. */
    public long totalInterChipHops()
    {
        return total(CoreCounter.INTER_CHIP_HOPS) + inputInterChipHops;
    }

    /** Whether the run used the NoC congestion model (then stalls and drops are counted). */
    public boolean congestion()
    {
        return linkStallCycles != null;
    }

    /** Congestion model: cycles link {@code link} stalled (its next buffer full); 0 with the ideal NoC. */
    public long linkStallCycles(final int link)
    {
        return linkStallCycles == null ? 0 : linkStallCycles[link];
    }

    /** Congestion model: packets router {@code router} (its id, y x width + x) dropped; 0 with the ideal NoC. */
    public long routerDropped(final int router)
    {
        return routerDropped == null ? 0 : routerDropped[router];
    }

    /** Congestion model: stall cycles of router {@code router}, the sum over its four output links. */
    public long routerStallCycles(final int router)
    {
        long sum = 0;
        for (int d = 0; d < 4; d++)
        {
            sum += linkStallCycles(router * 4 + d);
        }
        return sum;
    }

    void noc(final NocModel model)
    {
        if (model != null)
        {
            linkStallCycles = model.linkStallCycles.clone();
            routerDropped = model.routerDropped.clone();
        }
    }

    public Mesh mesh()
    {
        return mesh;
    }

    /** Spikes of the recorded populations (the requested ones, and the readout when the stimulus has labels). */
    public SpikeRaster raster()
    {
        return raster;
    }

    public boolean isRequested(final int population)
    {
        return requestedPopulations[population];
    }

    public int readoutPopulation()
    {
        return readoutPopulation;
    }

    /** Classification by readout spike counts, or null when the stimulus has no labels. */
    public Classification classification()
    {
        return classification;
    }
}
