package org.chipsim.chip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;

import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.ProgramValidator;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.stimulus.StimulusSchedule;
import org.chipsim.proto.v1.ChipProgram;
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

    public ChipSimulation(final ChipProgram program, final RunOptions options)
    {
        // a program may come from a file: every index the cores will follow is checked before any is built
        ProgramValidator.validate(program);
        final long limit = options.maxOffHeapBytes() > 0 ? options.maxOffHeapBytes() : Runtime.getRuntime().maxMemory();
        final long needed = offHeapBytesNeeded(program);
        if (needed > limit)
        {
            throw new ModelException(String.format("the chip's core memory needs %,d bytes (%s) off-heap but the " +
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
            throw new ModelException("workers must be >= 1, got " + requested);
        }
        this.workers = requested != 0 ? requested :
            Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), program.getCoresCount()));
        this.ringSize = options.ringSize() != 0 ? options.ringSize() : RunOptions.DEFAULT_RING_SIZE;
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new ModelException("ring size must be a power of two, got " + ringSize);
        }
        this.traceTicks = traceTicks(options.traceTicks(), ticks, program.getCoresCount());
        this.recordedPopulations = new boolean[index.populationCount()];
        this.requestedPopulations = new boolean[index.populationCount()];
        final List<String> record = options.recordPopulations() != null ? options.recordPopulations() :
            run.getRecordPopulationsList();
        for (final String name : record)
        {
            final int p = index.indexOf(name);
            if (p < 0)
            {
                throw new ModelException("cannot record population '" + name + "': it does not exist (populations: " +
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
            final boolean soma = cp.getRole() == org.chipsim.proto.v1.CoreRole.CORE_ROLE_SOMA;
            bytes += new CoreLayout(cp.getAxonCount(), cp.getNeuronCount(), weightBytes, delaySlots, soma,
                soma ? cp.getRoutes().getCoreCount() : 0, cp.getAxonRuleCount() > 0).totalBytes;
        }
        return bytes;
    }

    /** The ticks to record per core: the first {@code asked}, at most the run, within the recorder's bound. */
    private static int traceTicks(final long asked, final long ticks, final int cores)
    {
        if (asked < 0)
        {
            throw new ModelException("trace ticks must be >= 0, got " + asked);
        }
        final long traced = Math.min(asked, ticks);
        if (traced * Math.max(1, cores) > CoreTickRecorder.MAX_CORE_TICKS)
        {
            throw new ModelException(String.format("tracing %,d ticks x %,d cores exceeds the limit of %,d " +
                "core-ticks; trace at most %,d ticks", traced, cores, CoreTickRecorder.MAX_CORE_TICKS,
                CoreTickRecorder.MAX_CORE_TICKS / Math.max(1, cores)));
        }
        return (int)traced;
    }

    public RunResult run()
    {
        final long startNanos = System.nanoTime();
        final int coreSlots = program.getChip().getMeshWidth() * program.getChip().getMeshHeight();
        final Core[] coreById = new Core[coreSlots];
        final int delaySlots = program.getChip().getMaxDelayTicks() + 2;
        final int weightBytes = program.getChip().getWeightBits() <= 8 ? 1 : 2;
        final List<Core> cores = new ArrayList<>(program.getCoresCount());
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
        for (int i = 0; i < program.getInputsCount(); i++)
        {
            final int population = program.getInputs(i).getPopulation();
            final InputPort port = new InputPort(program.getInputs(i), index.firstGlobalId(population),
                recordedPopulations[population]);
            for (int from = 0; from < port.size; from += chunkSize)
            {
                chunks.get(nextWorker).add(new Worker.InputChunk(port, from, Math.min(port.size, from + chunkSize)));
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
        final Mesh mesh = new Mesh(program.getChip().getMeshWidth(), program.getChip().getMeshHeight());
        final TickBarrier barrier = new TickBarrier(workers);
        final Worker[] workerArray = new Worker[workers];
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
                index.populationCount(), recorder);
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
        return RunResult.gather(program, index, schedule, cores, workerArray, mesh, ticks, workers, seed,
            requestedPopulations, readoutPopulation, System.nanoTime() - startNanos);
    }
}
