package org.chipsim.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;

import org.chipsim.core.ChipSpecs;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.NocSpecs;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.ProgramValidator;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.stimulus.StimulusSchedule;
import org.chipsim.proto.v1.CheckpointAggregates;
import org.chipsim.proto.v1.CheckpointRun;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Checkpoint;
import com.google.protobuf.ByteString;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.RunConfig;

/**
 * One run of a compiled {@link ChipProgram}: builds the cores' memory from the program, starts the workers, waits for
 * them and gathers a {@link RunResult}. The program is never modified; each simulation has its own run state.
 */
public final class ChipSimulation
{
    private final ChipProgram program;
    private final long ticks;
    private final int workers;
    private final long seed;
    private final int ringSize;
    /** Ticks whose per-core events are recorded (the first ones), 0 for none. */
    private final int traceTicks;
    /** Populations whose spikes are recorded: those asked for, plus the readout when accuracy needs it. */
    private final boolean[] recordedPopulations;
    /** Populations whose spikes the user asked for. */
    private final boolean[] requestedPopulations;
    private final int readoutPopulation;
    private final NetworkIndex index;
    private final StimulusSchedule schedule;
    private volatile long completedTicks;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The names recorded as asked (by the options or the program): saved in checkpoints. */
    private final List<String> recordNames;
    private final int ringSizeOption;
    private final long traceTicksOption;
    private volatile boolean stopRequested;
    private volatile long stopAfterTicks = Long.MAX_VALUE;
    /** The tick after which every worker stops (decided by worker 0 inside a tick, read by all after its barrier). */
    private volatile long stopTick = Long.MAX_VALUE;
    private long checkpointEvery;
    private Consumer<Checkpoint> checkpointSink;
    private Checkpoint restore;
    private long limitTick = Long.MAX_VALUE;
    // built by the first run(), kept across segments
    private Core[] coreById;
    private List<Core> cores;
    private Mesh mesh;
    private TickBarrier barrier;
    private Worker[] workerArray;
    private NocModel noc;

    public ChipSimulation(final ChipProgram program, final RunOptions options)
    {
        // a program may come from a file: every index the cores will follow is checked before any is built
        try
        {
            ProgramValidator.validate(program);
        }
        catch (final ModelException e)
        {
            throw e.withDefaultCode(ErrorCode.PROGRAM_INVALID);
        }
        final long limit = options.maxOffHeapBytes() > 0 ? options.maxOffHeapBytes() : Runtime.getRuntime().maxMemory();
        final long needed = offHeapBytesNeeded(program);
        if (needed > limit)
        {
            throw new ModelException(ErrorCode.MEMORY,
                String.format("the chip's core memory needs %,d bytes (%s) off-heap but the " +
                "limit is %,d bytes (%s); raise it with --max-memory or java -Xmx / -XX:MaxDirectMemorySize, or run " +
                "a smaller model", needed, binarySize(needed), limit, binarySize(limit)));
        }
        this.program = program;
        this.index = new NetworkIndex(layoutNetwork(program));
        final RunConfig run = program.getRun();
        this.seed = options.seed() != 0 ? options.seed() : (run.getSeed() != 0 ? run.getSeed() : 1);
        this.schedule = new StimulusSchedule(program.getStimulus(), index, seed);
        this.ticks = options.ticks() != 0 ? options.ticks() :
            (run.getTicks() != 0 ? run.getTicks() : schedule.naturalTicks());
        final int requested = options.workers() != 0 ? options.workers() : run.getWorkers();
        if (requested < 0)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "workers must be >= 1, got " + requested);
        }
        this.workers = requested != 0 ? requested :
            Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), program.getCoresCount()));
        this.ringSize = options.ringSize() != 0 ? options.ringSize() : RunOptions.DEFAULT_RING_SIZE;
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "ring size must be a power of two, got " + ringSize);
        }
        this.traceTicks = traceTicks(options.traceTicks(), ticks, program.getCoresCount());
        this.recordedPopulations = new boolean[index.populationCount()];
        this.requestedPopulations = new boolean[index.populationCount()];
        final List<String> record = options.recordPopulations() != null ? options.recordPopulations() :
            run.getRecordPopulationsList();
        this.recordNames = List.copyOf(record);
        this.ringSizeOption = ringSize;
        this.traceTicksOption = options.traceTicks();
        for (final String name : record)
        {
            final int p = index.indexOf(name);
            if (p < 0)
            {
                throw new ModelException(ErrorCode.OPTION_INVALID,
                    "cannot record population '" + name + "': it does not exist (populations: " +
                    String.join(", ", names()) + ")");
            }
            recordedPopulations[p] = true;
            requestedPopulations[p] = true;
        }
        final int readout = run.getReadoutPopulation().isEmpty() ? index.lastNonInput() :
            index.indexOf(run.getReadoutPopulation());
        this.readoutPopulation = readout;
        if (readout >= 0 && schedule.hasLabels())
        {
            // accuracy needs the readout spikes; they are recorded but only reported when asked for
            recordedPopulations[readout] = true;
        }
    }

    private List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (int p = 0; p < index.populationCount(); p++)
        {
            names.add(index.name(p));
        }
        return names;
    }

    /** A Network with only the populations' names and sizes, enough to index global neuron ids. */
    private static Network layoutNetwork(final ChipProgram program)
    {
        final Network.Builder network = Network.newBuilder();
        for (final PopulationLayout layout : program.getPopulationsList())
        {
            network.addPopulations(Population.newBuilder().setName(layout.getName()).setSize(layout.getSize())
                .setInput(layout.getInput()));
        }
        return network.build();
    }

    /** The program this simulation runs (workers read the chip's energy and latency costs from it). */
    ChipProgram program()
    {
        return program;
    }

    /** The core with this id, or null (for tests of core state). */
    Core core(final int coreId)
    {
        return coreId < coreById.length ? coreById[coreId] : null;
    }

    public long totalTicks()
    {
        return ticks;
    }

    public int workers()
    {
        return workers;
    }

    /** Ticks finished so far; safe to read from any thread while {@link #run()} is going. */
    public long completedTicks()
    {
        return completedTicks;
    }

    void tickCompleted(final long ticksDone)
    {
        completedTicks = ticksDone;
    }

    void fail(final Throwable cause)
    {
        failure.compareAndSet(null, cause);
    }

    private static String binarySize(final long bytes)
    {
        final String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    /** Off-heap bytes the cores of a program need: the sum of their memory layouts, known before allocating. */
    public static long offHeapBytesNeeded(final ChipProgram program)
    {
        final int delaySlots = program.getChip().getMaxDelayTicks() + 2;
        final int weightBytes = program.getChip().getWeightBits() <= 8 ? 1 : 2;
        long bytes = 0;
        for (final CoreProgram cp : program.getCoresList())
        {
            bytes += CoreLayout.of(cp, weightBytes, delaySlots).totalBytes;
        }
        return bytes;
    }

    /** The ticks to record per core: the first {@code asked}, at most the run, within the recorder's bound. */
    private static int traceTicks(final long asked, final long ticks, final int cores)
    {
        if (asked < 0)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "trace ticks must be >= 0, got " + asked);
        }
        final long traced = Math.min(asked, ticks);
        if (traced * Math.max(1, cores) > CoreTickRecorder.MAX_CORE_TICKS)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                String.format("tracing %,d ticks x %,d cores exceeds the limit of %,d " +
                "core-ticks; trace at most %,d ticks", traced, cores, CoreTickRecorder.MAX_CORE_TICKS,
                CoreTickRecorder.MAX_CORE_TICKS / Math.max(1, cores)));
        }
        return (int)traced;
    }

    /** Builds the cores and the workers (once). */
    private void build()
    {
        final int coreSlots = ChipSpecs.coreCount(program.getChip());
        coreById = new Core[coreSlots];
        final int delaySlots = program.getChip().getMaxDelayTicks() + 2;
        final int weightBytes = program.getChip().getWeightBits() <= 8 ? 1 : 2;
        cores = new ArrayList<>(program.getCoresCount());
        boolean partialSums = false;
        for (final CoreProgram cp : program.getCoresList())
        {
            final int population = cp.getPopulation();
            final Core core = new Core(cp, weightBytes, delaySlots,
                index.globalId(population, cp.getNeuronOffset()), recordedPopulations[population], seed);
            coreById[core.id] = core;
            cores.add(core);
            partialSums |= !core.soma;
        }

        final int[] ownerOfCore = new int[coreSlots];
        final List<List<Core>> owned = new ArrayList<>();
        for (int w = 0; w < workers; w++)
        {
            owned.add(new ArrayList<>());
        }
        // contiguous blocks of cores: a block of neurons' soma and partial-sum cores usually share a worker
        for (int k = 0; k < cores.size(); k++)
        {
            final int w = (int)((long)k * workers / cores.size());
            owned.get(w).add(cores.get(k));
            ownerOfCore[cores.get(k).id] = w;
        }

        final List<List<Worker.InputChunk>> chunks = new ArrayList<>();
        for (int w = 0; w < workers; w++)
        {
            chunks.add(new ArrayList<>());
        }
        final int chunkSize = Math.max(1, program.getChip().getNeuronsPerCore());
        int nextWorker = 0;
        final List<Integer> chunkWorkers = new ArrayList<>();
        for (int i = 0; i < program.getInputsCount(); i++)
        {
            final int population = program.getInputs(i).getPopulation();
            final InputPort port = new InputPort(program.getInputs(i), index.firstGlobalId(population),
                recordedPopulations[population]);
            for (int from = 0; from < port.size; from += chunkSize)
            {
                chunks.get(nextWorker).add(new Worker.InputChunk(port, from, Math.min(port.size, from + chunkSize),
                    chunkWorkers.size()));
                chunkWorkers.add(nextWorker);
                nextWorker = (nextWorker + 1) % workers;
            }
        }

        @SuppressWarnings("unchecked")
        final RingBuffer<SpikePacket>[] rings = new RingBuffer[workers];
        for (int w = 0; w < workers; w++)
        {
            // The wait strategy is never used: consumers poll between phases instead of blocking on the ring.
            rings[w] = RingBuffer.createMultiProducer(SpikePacket::new, ringSize, new BlockingWaitStrategy());
        }
        final ChipSpec chip = program.getChip();
        mesh = new Mesh(NocSpecs.gridWidth(chip), NocSpecs.gridHeight(chip), chip.getMeshWidth(),
            chip.getMeshHeight());
        // the congestion model runs only when the chip asks for it: the ideal NoC keeps the direct exchange
        final NocTraffic[] traffic = new NocTraffic[workers];
        final int[] sourceWorker = new int[coreSlots + chunkWorkers.size()];
        for (int k = 0; k < coreSlots; k++)
        {
            sourceWorker[k] = ownerOfCore[k];
        }
        for (int c = 0; c < chunkWorkers.size(); c++)
        {
            sourceWorker[coreSlots + c] = chunkWorkers.get(c);
        }
        if (NocSpecs.congestion(chip))
        {
            for (int w = 0; w < workers; w++)
            {
                traffic[w] = new NocTraffic();
            }
        }
        noc = NocModel.of(chip, mesh, ownerOfCore, sourceWorker, traffic);
        barrier = new TickBarrier(workers);
        workerArray = new Worker[workers];
        int firstOwned = 0;
        for (int w = 0; w < workers; w++)
        {
            final int count = owned.get(w).size();
            final CoreTickRecorder recorder = traceTicks == 0 ? null : new CoreTickRecorder(traceTicks,
                java.util.stream.IntStream.range(firstOwned, firstOwned + count).toArray());
            firstOwned += count;
            workerArray[w] = new Worker(w, owned.get(w).toArray(new Core[0]), coreById, ownerOfCore, rings, mesh,
                program.getChip().getInputPortX(), program.getChip().getInputPortY(),
                chunks.get(w).toArray(new Worker.InputChunk[0]), schedule, barrier, this, ticks, partialSums,
                index.populationCount(), recorder, noc, traffic[w]);
        }
    }

    /**
     * Runs the remaining ticks (all of them, or those after the restored checkpoint), in segments between checkpoints
     * when {@link #checkpointEvery} asked for them, until the last tick or a {@link #requestStop()}.
     */
    public RunResult run()
    {
        final long startNanos = System.nanoTime();
        if (cores == null)
        {
            build();
            if (restore != null)
            {
                restoreCheckpoint(restore);
                restore = null;
            }
        }
        long tick = completedTicks;
        final long end = Math.min(ticks, limitTick);
        while (tick < end && stopTick > tick)
        {
            final long to = Math.min(end, checkpointEvery > 0 ? (tick / checkpointEvery + 1) * checkpointEvery :
                ticks);
            runSegment(tick, to);
            tick = completedTicks;
            if (checkpointSink != null && tick < ticks)
            {
                checkpointSink.accept(checkpoint());
            }
            if (tick < to)
            {
                break; // stopped
            }
        }
        final RunResult result = RunResult.gather(program, index, schedule, cores, workerArray, mesh, tick, workers,
            seed, requestedPopulations, readoutPopulation, System.nanoTime() - startNanos);
        result.noc(noc);
        return result;
    }

    /**
     * Asks the run to stop at the next tick boundary (safe from any thread, e.g. a shutdown hook): {@link #run()}
     * then returns the result of the ticks completed, and writes a checkpoint there when checkpoints were asked for.
     */
    public void requestStop()
    {
        stopRequested = true;
    }

    /** Whether {@link #requestStop()} was called. */
    public boolean stopRequested()
    {
        return stopRequested;
    }

    /** Runs only up to tick {@code tick} (exclusive of later ticks); the result then covers the ticks run. */
    public void stopAt(final long tick)
    {
        limitTick = tick;
    }

    /**
     * As if {@link #requestStop()} arrived once {@code ticks} ticks are done: the same path as an interrupt, at a tick
     * known in advance (for tests and scripted stops; {@link #stopAt} instead shortens the run without a stop).
     */
    public void requestStopAfter(final long ticks)
    {
        stopAfterTicks = ticks;
    }

    /** Called by worker 0 at the end of tick {@code ticksDone - 1}, before the tick's last barrier. */
    void decideStop(final long ticksDone)
    {
        if (ticksDone >= stopAfterTicks)
        {
            stopRequested = true;
        }
        if (stopRequested && stopTick == Long.MAX_VALUE)
        {
            stopTick = ticksDone;
        }
    }

    long stopTick()
    {
        return stopTick;
    }

    /**
     * Saves a checkpoint every {@code every} ticks (at ticks every, 2 every, ... before the last, and where a stop
     * request stopped the run): {@code sink} gets it on the thread that called {@link #run()}, between segments,
     * when every worker has stopped and drained its inbound ring.
     */
    public void checkpointEvery(final long every, final Consumer<Checkpoint> sink)
    {
        if (every < 1)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, "--checkpoint-every must be at least 1, got " + every);
        }
        this.checkpointEvery = every;
        this.checkpointSink = sink;
    }

    /** The whole state at the current tick boundary (between segments only). */
    private Checkpoint checkpoint()
    {
        final Checkpoint.Builder checkpoint = Checkpoint.newBuilder().setFormatVersion(CHECKPOINT_FORMAT)
            .setProgram(program).setTick(completedTicks)
            .setRun(CheckpointRun.newBuilder().setTotalTicks(ticks).setSeed(seed).addAllRecordPopulations(recordNames)
                .setTraceTicks(traceTicksOption).setRingSize(ringSizeOption));
        for (final Core core : cores)
        {
            checkpoint.addCoreMemory(ByteString.copyFrom(core.snapshot()));
        }
        final CheckpointAggregates.Builder a = CheckpointAggregates.newBuilder();
        long inputSpikes = 0;
        long inputPackets = 0;
        long inputHops = 0;
        long inputInterChipHops = 0;
        final long[] population = new long[index.populationCount()];
        final long[] links = new long[mesh.linkCount()];
        final org.agrona.collections.LongArrayList spikes = new org.agrona.collections.LongArrayList();
        final Worker first = workerArray[0];
        final double[] busy = new double[first.traceMaxBusyCycles.length];
        final int[] hops = new int[first.traceMaxHops.length];
        final int[] inputHopsMax = new int[first.traceMaxInputHops.length];
        java.util.Arrays.fill(inputHopsMax, -1);
        final long[] events = new long[first.traceEvents.length];
        for (final Worker w : workerArray)
        {
            inputSpikes += w.inputSpikes;
            inputPackets += w.inputPackets;
            inputHops += w.inputHops;
            inputInterChipHops += w.inputInterChipHops;
            for (int p = 0; p < population.length; p++)
            {
                population[p] += w.inputSpikesByPopulation[p];
            }
            for (int l = 0; l < links.length; l++)
            {
                links[l] += w.linkPackets[l];
            }
            for (int i = 0; i < w.recorded.size(); i++)
            {
                spikes.addLong(w.recorded.getLong(i));
            }
            for (int b = 0; b < busy.length; b++)
            {
                busy[b] = Math.max(busy[b], w.traceMaxBusyCycles[b]);
                hops[b] = Math.max(hops[b], w.traceMaxHops[b]);
                inputHopsMax[b] = Math.max(inputHopsMax[b], w.traceMaxInputHops[b]);
            }
            for (int i = 0; i < events.length; i++)
            {
                events[i] += w.traceEvents[i];
            }
        }
        a.setInputSpikes(inputSpikes).setInputPackets(inputPackets).setInputHops(inputHops)
            .setInputInterChipHops(inputInterChipHops);
        if (first.traceMeshCycles != null)
        {
            for (int b = 0; b < first.traceMeshCycles.length; b++)
            {
                double max = 0;
                for (final Worker w : workerArray)
                {
                    max = Math.max(max, w.traceMeshCycles[b]);
                }
                a.addTraceMeshCycles(max);
            }
        }
        if (noc != null)
        {
            for (final long v : noc.linkStallCycles)
            {
                a.addNocLinkStallCycles(v);
            }
            for (final long v : noc.routerDropped)
            {
                a.addNocRouterDropped(v);
            }
        }
        for (final long v : population)
        {
            a.addPopulationInputSpikes(v);
        }
        for (final long v : links)
        {
            a.addLinkPackets(v);
        }
        final long[] sorted = spikes.toLongArray();
        java.util.Arrays.sort(sorted);
        for (final long v : sorted)
        {
            a.addRecordedSpikes(v);
        }
        for (int b = 0; b < busy.length; b++)
        {
            a.addTraceMaxBusyCycles(busy[b]).addTraceMaxHops(hops[b]).addTraceMaxInputHops(inputHopsMax[b]);
        }
        for (final long v : events)
        {
            a.addTraceEvents(v);
        }
        if (first.coreTicks != null)
        {
            final CoreTickRecorder[] recorders = new CoreTickRecorder[workerArray.length];
            for (int w = 0; w < recorders.length; w++)
            {
                recorders[w] = workerArray[w].coreTicks;
            }
            final CoreTrace trace = CoreTickRecorder.merge(recorders, cores.size());
            for (final long v : trace.events())
            {
                a.addCoreTickEvents(v);
            }
            for (int t = 0; t < trace.ticks(); t++)
            {
                a.addCoreTickMaxHops(trace.maxHops()[t]).addCoreTickMaxInputHops(trace.maxInputHops()[t]);
            }
        }
        return checkpoint.setAggregates(a).build();
    }

    /** Format version of the checkpoints this simulation writes and reads. */
    public static final int CHECKPOINT_FORMAT = 1;

    /**
     * A simulation that continues the run saved in {@code checkpoint}: same program, seed, total ticks, recorded
     * populations and trace; {@code options} may choose the workers, the ring size and the memory limit.
     */
    public static ChipSimulation resume(final Checkpoint checkpoint, final RunOptions options)
    {
        if (checkpoint.getFormatVersion() != CHECKPOINT_FORMAT)
        {
            throw new ModelException(ErrorCode.CHECKPOINT_INVALID,
                "checkpoint format version " + checkpoint.getFormatVersion() + " is not " +
                "supported (this chipsim reads version " + CHECKPOINT_FORMAT + ")");
        }
        final CheckpointRun run = checkpoint.getRun();
        final RunOptions resumed = options.withTicks(run.getTotalTicks()).withSeed(run.getSeed())
            .withRecord(run.getRecordPopulationsList()).withTraceTicks(run.getTraceTicks())
            .withRingSize(options.ringSize() != 0 ? options.ringSize() : (int)run.getRingSize());
        final ChipSimulation simulation = new ChipSimulation(checkpoint.getProgram(), resumed);
        if (checkpoint.getTick() > simulation.ticks || checkpoint.getCoreMemoryCount() !=
            checkpoint.getProgram().getCoresCount())
        {
            throw new ModelException(ErrorCode.CHECKPOINT_INVALID,
                "checkpoint is inconsistent: tick " + checkpoint.getTick() + " of " +
                simulation.ticks + ", " + checkpoint.getCoreMemoryCount() + " core memories for " +
                checkpoint.getProgram().getCoresCount() + " cores");
        }
        simulation.restore = checkpoint;
        simulation.completedTicks = checkpoint.getTick();
        return simulation;
    }

    private void restoreCheckpoint(final Checkpoint checkpoint)
    {
        for (int k = 0; k < cores.size(); k++)
        {
            final byte[] bytes = checkpoint.getCoreMemory(k).toByteArray();
            if (bytes.length != cores.get(k).memoryBytes())
            {
                throw new ModelException(ErrorCode.CHECKPOINT_INVALID,
                    "checkpoint is inconsistent: core " + cores.get(k).id + " has " +
                    bytes.length + " bytes of memory saved, its layout needs " + cores.get(k).memoryBytes());
            }
            cores.get(k).restore(bytes);
        }
        final CheckpointAggregates a = checkpoint.getAggregates();
        final Worker first = workerArray[0];
        if (a.getPopulationInputSpikesCount() != first.inputSpikesByPopulation.length ||
            a.getLinkPacketsCount() != first.linkPackets.length ||
            a.getTraceMaxBusyCyclesCount() != first.traceMaxBusyCycles.length ||
            a.getTraceMaxHopsCount() != first.traceMaxHops.length ||
            a.getTraceMaxInputHopsCount() != first.traceMaxInputHops.length ||
            a.getTraceEventsCount() != first.traceEvents.length ||
            a.getTraceMeshCyclesCount() != (first.traceMeshCycles == null ? 0 : first.traceMeshCycles.length) ||
            a.getNocLinkStallCyclesCount() != (noc == null ? 0 : noc.linkStallCycles.length) ||
            a.getNocRouterDroppedCount() != (noc == null ? 0 : noc.routerDropped.length))
        {
            throw new ModelException(ErrorCode.CHECKPOINT_INVALID,
                "checkpoint is inconsistent: its aggregates do not fit the program");
        }
        first.inputSpikes = a.getInputSpikes();
        first.inputPackets = a.getInputPackets();
        first.inputHops = a.getInputHops();
        first.inputInterChipHops = a.getInputInterChipHops();
        if (first.traceMeshCycles != null)
        {
            for (int b = 0; b < first.traceMeshCycles.length; b++)
            {
                first.traceMeshCycles[b] = a.getTraceMeshCycles(b);
            }
        }
        if (noc != null)
        {
            for (int l = 0; l < noc.linkStallCycles.length; l++)
            {
                noc.linkStallCycles[l] = a.getNocLinkStallCycles(l);
            }
            for (int r = 0; r < noc.routerDropped.length; r++)
            {
                noc.routerDropped[r] = a.getNocRouterDropped(r);
            }
        }
        for (int p = 0; p < first.inputSpikesByPopulation.length; p++)
        {
            first.inputSpikesByPopulation[p] = a.getPopulationInputSpikes(p);
        }
        for (int l = 0; l < first.linkPackets.length; l++)
        {
            first.linkPackets[l] = a.getLinkPackets(l);
        }
        for (int i = 0; i < a.getRecordedSpikesCount(); i++)
        {
            first.recorded.addLong(a.getRecordedSpikes(i));
        }
        for (int b = 0; b < first.traceMaxBusyCycles.length; b++)
        {
            first.traceMaxBusyCycles[b] = a.getTraceMaxBusyCycles(b);
            first.traceMaxHops[b] = a.getTraceMaxHops(b);
            first.traceMaxInputHops[b] = a.getTraceMaxInputHops(b);
        }
        for (int i = 0; i < first.traceEvents.length; i++)
        {
            first.traceEvents[i] = a.getTraceEvents(i);
        }
        if (first.coreTicks != null)
        {
            final int traced = a.getCoreTickMaxHopsCount();
            final long[] events = new long[a.getCoreTickEventsCount()];
            for (int i = 0; i < events.length; i++)
            {
                events[i] = a.getCoreTickEvents(i);
            }
            final int[] hops = new int[traced];
            final int[] inputHops = new int[traced];
            for (int t = 0; t < traced; t++)
            {
                hops[t] = a.getCoreTickMaxHops(t);
                inputHops[t] = a.getCoreTickMaxInputHops(t);
            }
            final CoreTrace merged;
            try
            {
                merged = new CoreTrace(traced, cores.size(), events, hops, inputHops);
            }
            catch (final IllegalArgumentException e)
            {
                throw new ModelException(ErrorCode.CHECKPOINT_INVALID, "checkpoint is inconsistent: " + e.getMessage());
            }
            for (final Worker w : workerArray)
            {
                w.coreTicks.restore(merged, checkpoint.getTick());
            }
        }
        for (final Worker w : workerArray)
        {
            w.restartTrace();
        }
    }

    /** Runs ticks [from, to) on every worker (worker 0 on this thread) and waits for all of them. */
    private void runSegment(final long from, final long to)
    {
        for (final Worker worker : workerArray)
        {
            worker.segment(from, to);
        }
        final Thread[] threads = new Thread[workers];
        for (int w = 1; w < workers; w++)
        {
            threads[w] = new Thread(workerArray[w], "chipsim-worker-" + w);
            threads[w].setDaemon(true);
            threads[w].start();
        }
        workerArray[0].run();
        for (int w = 1; w < workers; w++)
        {
            try
            {
                threads[w].join();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                barrier.abort();
                throw new IllegalStateException("interrupted while waiting for worker " + w, e);
            }
        }
        final Throwable cause = failure.get();
        if (cause != null)
        {
            if (cause instanceof RuntimeException)
            {
                throw (RuntimeException)cause;
            }
            throw new IllegalStateException("worker failed: " + cause, cause);
        }
    }
}
