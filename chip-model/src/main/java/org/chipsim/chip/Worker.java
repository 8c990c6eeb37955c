package org.chipsim.chip;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.core.stimulus.StimulusSchedule;

/**
 * A worker thread owns a fixed set of cores and drives them through every tick. Packets to cores it owns are filed
 * directly; packets to other workers' cores are published on that worker's inbound Disruptor ring (multi-producer,
 * pre-allocated {@link SpikePacket} events). A full ring applies back-pressure: the producer drains its own ring while
 * it waits, so two workers publishing to each other cannot deadlock, and nothing is ever dropped.
 */
final class Worker implements Runnable, EventPoller.Handler<SpikePacket>
{
    final int index;
    private final Core[] ownCores;
    private final Core[] somaCores;
    private final Core[] partialSumCores;
    private final Core[] learningCores;
    /** Readout cores of two-phase learning (worker 0 sends them the labels), or none. */
    private final Core[] teachingCores;
    private final Core[] coreById;
    private final int[] ownerOfCore;
    private final RingBuffer<SpikePacket>[] rings;
    private final EventPoller<SpikePacket> poller;
    private final Mesh mesh;
    private final int portX;
    private final int portY;
    private final InputChunk[] inputs;
    private final int[] inputScratch;
    private final StimulusSchedule schedule;
    private final TickBarrier barrier;
    private final ChipSimulation simulation;
    private final long ticks;
    private final boolean partialSumPhase;
    private final BackoffIdleStrategy idle = new BackoffIdleStrategy(64, 16, 1_000, 100_000);

    final long[] linkPackets;
    final LongArrayList recorded = new LongArrayList(4096, Long.MIN_VALUE);
    long inputSpikes;
    final long[] inputSpikesByPopulation;
    long inputPackets;
    /** Wall time spent waiting at tick barriers (draining the inbound ring meanwhile). */
    long barrierWaitNanos;
    /** Times a publish found the destination ring full and had to wait (back-pressure, not loss). */
    long ringFullWaits;
    long inputHops;
    /** Of {@link #inputHops}, the links between two chips. */
    long inputInterChipHops;

    /** Core counters traced per tick, and the energy event each one is. */
    static final CoreCounter[] TRACED = {CoreCounter.SOPS, CoreCounter.NEURON_UPDATES, CoreCounter.SPIKES_OUT,
        CoreCounter.PACKETS_SENT, CoreCounter.HOPS, CoreCounter.PSUM_PACKETS_SENT, CoreCounter.PSUM_PACKETS_RECEIVED,
        CoreCounter.MEM_READ_BYTES, CoreCounter.MEM_WRITE_BYTES, CoreCounter.LEARN_UPDATES, CoreCounter.MACS,
        CoreCounter.ACT_PACKETS_SENT, CoreCounter.INTER_CHIP_HOPS, CoreCounter.SBP_PACKETS_SENT};
    static final EnergyEvent[] TRACED_EVENTS = {EnergyEvent.SOP, EnergyEvent.NEURON_UPDATE, EnergyEvent.SPIKE_OUT,
        EnergyEvent.PACKET_OUT, EnergyEvent.HOP, EnergyEvent.PARTIAL_SUM_SENT, EnergyEvent.PARTIAL_SUM_RECEIVED,
        EnergyEvent.MEM_READ_BYTE, EnergyEvent.MEM_WRITE_BYTE, EnergyEvent.LEARN_UPDATE, EnergyEvent.MAC,
        EnergyEvent.ACTIVATION_PACKET, EnergyEvent.INTER_CHIP_HOP, EnergyEvent.SBP_PACKET};
    /** Indexes into TRACED of HOPS and INTER_CHIP_HOPS: the HOP event is the on-chip part, HOPS - INTER_CHIP_HOPS. */
    static final int TRACED_HOPS = java.util.Arrays.asList(TRACED).indexOf(CoreCounter.HOPS);
    static final int TRACED_INTER_CHIP_HOPS = java.util.Arrays.asList(TRACED).indexOf(CoreCounter.INTER_CHIP_HOPS);

    /** Turns counter deltas in TRACED order into events: hops between chips are not on-chip hops. */
    static void toEvents(final long[] traced)
    {
        traced[TRACED_HOPS] -= traced[TRACED_INTER_CHIP_HOPS];
    }
    // Per-tick trace for latency and energy per tick: preallocated here, filled at the end of each tick by this
    // worker for its own cores, merged by max / sum in RunResult (so independent of the worker count).
    private final EnergyCosts costs;
    private final long[] lastCounts;
    private final long[] traceDelta = new long[TRACED.length];
    private long lastInputPackets;
    private long lastInputHops;
    private long lastInputInterChipHops;
    private int tickMaxHops;
    private int tickMaxInputHops = -1;
    final int latencyBinTicks;
    final double[] traceMaxBusyCycles;
    final int[] traceMaxHops;
    final int[] traceMaxInputHops;
    final int eventBinTicks;
    final long[] traceEvents;
    /** Per-core events tick by tick over the first ticks (chipsim run --trace), or null. */
    final CoreTickRecorder coreTicks;
    /** The congestion model and this worker's packets for it, or null with the ideal NoC (decided at setup). */
    private final NocModel noc;
    private final NocTraffic traffic;
    private final boolean multiChip;
    /**
     * Per latency bin, the mesh part of the tick's critical path as recorded here (merged by max), or null when it is
     * priced from the longest paths: the congestion model's delivery time (worker 0), or on a multi-chip grid with
     * the ideal NoC the slowest packet's path, inter-chip links at their own latency (each worker, its packets).
     */
    final double[] traceMeshCycles;
    private double tickMeshCycles;
    private final double hopLatencyCycles;
    private final double interChipHopLatencyCycles;
    private final double offChipHopLatencyCycles;

    /** A slice [from, to) of one input population that this worker generates; {@code order} is its input order. */
    record InputChunk(InputPort port, int from, int to, int order)
    {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    Worker(final int index, final Core[] ownCores, final Core[] coreById, final int[] ownerOfCore,
        final RingBuffer<SpikePacket>[] rings, final Mesh mesh, final int portX, final int portY,
        final InputChunk[] inputs, final StimulusSchedule schedule, final TickBarrier barrier,
        final ChipSimulation simulation, final long ticks, final boolean partialSumPhase, final int populationCount,
        final CoreTickRecorder coreTicks, final NocModel noc, final NocTraffic traffic)
    {
        this.noc = noc;
        this.traffic = traffic;
        this.multiChip = mesh.multiChip();
        this.index = index;
        this.ownCores = ownCores;
        this.somaCores = java.util.Arrays.stream(ownCores).filter(c -> c.soma).toArray(Core[]::new);
        this.partialSumCores = java.util.Arrays.stream(ownCores).filter(c -> !c.soma).toArray(Core[]::new);
        this.learningCores = java.util.Arrays.stream(ownCores).filter(Core::learns).toArray(Core[]::new);
        this.coreById = coreById;
        this.teachingCores = java.util.Arrays.stream(coreById).filter(c -> c != null && c.teaches())
            .toArray(Core[]::new);
        this.ownerOfCore = ownerOfCore;
        this.rings = rings;
        this.poller = rings[index].newPoller();
        rings[index].addGatingSequences(poller.getSequence());
        this.mesh = mesh;
        this.portX = portX;
        this.portY = portY;
        this.inputs = inputs;
        int widest = 1;
        for (final InputChunk chunk : inputs)
        {
            widest = Math.max(widest, chunk.to() - chunk.from());
        }
        this.inputScratch = new int[widest];
        this.schedule = schedule;
        this.barrier = barrier;
        this.simulation = simulation;
        this.ticks = ticks;
        this.partialSumPhase = partialSumPhase;
        this.linkPackets = new long[mesh.linkCount()];
        this.inputSpikesByPopulation = new long[populationCount];
        this.costs = EnergyModel.of(simulation.program().getChip()).costs();
        this.lastCounts = new long[ownCores.length * TRACED.length];
        // fixed sizes, whatever the run length, so a longer run allocates nothing more (bins of several ticks when
        // the run is longer than the trace)
        this.latencyBinTicks = TickTrace.binTicks(ticks, TickTrace.MAX_LATENCY_BINS);
        this.traceMaxBusyCycles = new double[TickTrace.MAX_LATENCY_BINS];
        this.traceMaxHops = new int[TickTrace.MAX_LATENCY_BINS];
        this.traceMaxInputHops = new int[TickTrace.MAX_LATENCY_BINS];
        java.util.Arrays.fill(traceMaxInputHops, -1);
        this.eventBinTicks = TickTrace.binTicks(ticks, TickTrace.MAX_EVENT_BINS);
        this.traceEvents = new long[TickTrace.MAX_EVENT_BINS * EnergyEvent.count()];
        this.coreTicks = coreTicks;
        this.traceMeshCycles = noc == null && !multiChip ? null : new double[TickTrace.MAX_LATENCY_BINS];
        this.hopLatencyCycles = costs.hopLatencyCycles();
        this.interChipHopLatencyCycles = costs.interChipHopLatencyCycles();
        this.offChipHopLatencyCycles = costs.offChipHopLatencyCycles();
        this.to = ticks;
    }

    /** The ticks [from, to) the next {@link #run()} simulates (a run in segments keeps its workers and cores). */
    void segment(final long from, final long to)
    {
        this.from = from;
        this.to = to;
    }

    private long from;
    private long to;

    /**
     * After a checkpoint was restored into the cores (and the aggregates into worker 0): the per-tick trace takes
     * its deltas from the restored counters.
     */
    void restartTrace()
    {
        for (int i = 0; i < ownCores.length; i++)
        {
            for (int k = 0; k < TRACED.length; k++)
            {
                lastCounts[i * TRACED.length + k] = ownCores[i].counter(TRACED[k]);
            }
        }
        lastInputPackets = inputPackets;
        lastInputHops = inputHops;
        lastInputInterChipHops = inputInterChipHops;
    }

    @Override
    public void run()
    {
        try
        {
            long done = from;
            for (long t = from; t < to; t++)
            {
                tick(t);
                done = t + 1;
                if (index == 0)
                {
                    simulation.tickCompleted(t + 1);
                }
                if (simulation.stopTick() <= t + 1)
                {
                    break; // every worker reads the same stop tick, decided by worker 0 before the tick's barrier
                }
            }
            drainInbound();
            if (done == ticks)
            {
                // the run's last learning epoch (its SBP packets are in by now)
                for (final Core core : learningCores)
                {
                    core.finishLearning();
                }
            }
            for (final Core core : ownCores)
            {
                core.countPending();
            }
        }
        catch (final TickBarrier.AbortedException e)
        {
            // another worker failed; it reported the cause
        }
        catch (final Throwable t)
        {
            simulation.fail(t);
            barrier.abort();
        }
    }

    private void tick(final long t)
    {
        if (schedule.isResetTick(t) || isNudgedPhaseStart(t))
        {
            for (final Core core : somaCores)
            {
                core.resetState();
            }
        }
        drainInbound();
        for (final Core core : ownCores)
        {
            core.deliver(t);
        }
        if (partialSumPhase)
        {
            for (final Core core : partialSumCores)
            {
                final int first = noc == null ? 0 : traffic.count;
                core.sendPartialSums(t, this);
                emitted(core, first);
            }
            if (noc == null)
            {
                awaitBarrier();
                drainInbound();
            }
            else
            {
                exchangeThroughNoc();
            }
        }
        injectInputs(t);
        if (index == 0 && teachingCores.length > 0)
        {
            sendLabels(t);
        }
        for (final Core core : somaCores)
        {
            final int first = noc == null ? 0 : traffic.count;
            core.fire(t, this);
            if (noc != null && core.learns())
            {
                // the congestion model takes one range of packets per core and phase: its spikes, then its SBP
                // packets (a core's learning reads only its own memory, so learning right after its own firing
                // gives the same result as after every core has fired)
                core.learn(t, this);
            }
            emitted(core, first);
        }
        if (noc == null)
        {
            for (final Core core : learningCores)
            {
                core.learn(t, this);
            }
        }
        if (noc != null)
        {
            exchangeThroughNoc();
        }
        trace(t);
        if (index == 0)
        {
            simulation.decideStop(t + 1);
        }
        awaitBarrier();
    }

    /** Congestion model: the packets {@code core} emitted since {@code first} are its packets of this phase. */
    private void emitted(final Core core, final int first)
    {
        if (noc != null)
        {
            noc.emitted(core.id, first, traffic.count);
        }
    }

    /**
     * Congestion model: once every worker has emitted the phase's packets, worker 0 moves them through the mesh
     * ({@link NocModel#run}); then each worker files the packets delivered to its cores and adds the phase's hops,
     * drops and stalls to their counters.
     */
    private void exchangeThroughNoc()
    {
        awaitBarrier();
        if (index == 0)
        {
            tickMeshCycles += noc.run(linkPackets);
            inputHops += noc.phaseInputHops;
            inputInterChipHops += noc.phaseInputInterChipHops;
            tickMaxHops = Math.max(tickMaxHops, noc.phaseMaxHops);
            tickMaxInputHops = Math.max(tickMaxInputHops, noc.phaseMaxInputHops);
        }
        awaitBarrier();
        final NocTraffic own = traffic;
        final PacketList in = own.delivered;
        for (int i = 0; i < in.count; i++)
        {
            apply(in.kind[i], coreById[in.dst[i]], in.target[i], in.tick[i], in.value[i], in.extra[i]);
        }
        in.count = 0;
        for (final Core core : ownCores)
        {
            final int id = core.id;
            addIfAny(core, CoreCounter.HOPS, noc.phaseHops[id]);
            addIfAny(core, CoreCounter.INTER_CHIP_HOPS, noc.phaseInterChipHops[id]);
            addIfAny(core, CoreCounter.DROPPED, noc.phaseDropped[id]);
            addIfAny(core, CoreCounter.NOC_STALL_CYCLES, noc.phaseStallCycles[id]);
        }
    }

    private static void addIfAny(final Core core, final CoreCounter counter, final long delta)
    {
        if (delta != 0)
        {
            core.increment(counter, delta);
        }
    }

    /**
     * End of tick t, before the barrier: every counter traced here is final for the tick (packets filed early for a
     * later tick only move PACKETS_RECEIVED, which is not traced). Allocation-free.
     */
    private void trace(final long t)
    {
        final int eventBase = (int)(t / eventBinTicks) * EnergyEvent.count();
        final long[] events = traceEvents;
        final boolean perCore = coreTicks != null && coreTicks.records(t);
        double maxBusy = 0.0;
        for (int i = 0; i < ownCores.length; i++)
        {
            final Core core = ownCores[i];
            final int base = i * TRACED.length;
            final long[] delta = traceDelta;
            for (int k = 0; k < TRACED.length; k++)
            {
                final long now = core.counter(TRACED[k]);
                delta[k] = now - lastCounts[base + k];
                lastCounts[base + k] = now;
            }
            toEvents(delta);
            for (int k = 0; k < TRACED.length; k++)
            {
                events[eventBase + TRACED_EVENTS[k].ordinal()] += delta[k];
            }
            if (perCore)
            {
                coreTicks.record(t, i, delta);
            }
            // indexes into TRACED: 0 SOPS, 1 NEURON_UPDATES, 3 PACKETS_SENT, 5 PSUM_PACKETS_SENT, 6 PSUM_RECEIVED,
            // 9 LEARN_UPDATES, 10 MACS, 11 ACT_PACKETS_SENT
            final double busy = costs.coreBusyCycles(delta[0], delta[1], delta[3], delta[5], delta[6], delta[9],
                delta[10], delta[11]);
            maxBusy = Math.max(maxBusy, busy);
        }
        final long packetsIn = inputPackets - lastInputPackets;
        final long hopsIn = inputHops - lastInputHops;
        final long interChipHopsIn = inputInterChipHops - lastInputInterChipHops;
        lastInputPackets = inputPackets;
        lastInputHops = inputHops;
        lastInputInterChipHops = inputInterChipHops;
        events[eventBase + EnergyEvent.OFF_CHIP_PACKET.ordinal()] += packetsIn;
        // inputHops counts the off-chip link too: one per input packet
        events[eventBase + EnergyEvent.HOP.ordinal()] += hopsIn - packetsIn - interChipHopsIn;
        events[eventBase + EnergyEvent.INTER_CHIP_HOP.ordinal()] += interChipHopsIn;
        final int bin = (int)(t / latencyBinTicks);
        traceMaxBusyCycles[bin] = Math.max(traceMaxBusyCycles[bin], maxBusy);
        traceMaxHops[bin] = Math.max(traceMaxHops[bin], tickMaxHops);
        traceMaxInputHops[bin] = Math.max(traceMaxInputHops[bin], tickMaxInputHops);
        if (traceMeshCycles != null)
        {
            traceMeshCycles[bin] = Math.max(traceMeshCycles[bin], tickMeshCycles);
            tickMeshCycles = 0;
        }
        if (perCore)
        {
            coreTicks.recordPaths(t, tickMaxHops, tickMaxInputHops);
        }
        tickMaxHops = 0;
        tickMaxInputHops = -1;
    }

    /** Waits for the other workers, timing the wait: that time is the exchange's cost, not the cores'. */
    private void awaitBarrier()
    {
        final long start = System.nanoTime();
        barrier.await(this, idle);
        barrierWaitNanos += System.nanoTime() - start;
    }

    private void injectInputs(final long t)
    {
        for (final InputChunk chunk : inputs)
        {
            final InputPort port = chunk.port();
            final int count = schedule.spikesAt(t, port.population, chunk.from(), chunk.to(), inputScratch);
            inputSpikes += count;
            inputSpikesByPopulation[port.population] += count;
            if (noc != null)
            {
                injectThroughNoc(t, chunk, count);
                continue;
            }
            for (int k = 0; k < count; k++)
            {
                final int neuron = inputScratch[k];
                if (port.recorded)
                {
                    record(t, port.firstGlobalId + neuron);
                }
                for (int e = port.routeStart(neuron), end = port.routeEnd(neuron); e < end; e++)
                {
                    fromPort(SpikePacket.SPIKE, coreById[port.core(e)], port.axon(e), t + 1 + port.delay(e));
                }
            }
        }
    }

    /**
     * Two-phase learning with reset_between_samples: the neurons also reset when the nudged phase starts, so both
     * phases start from rest (otherwise the nudged phase, starting warm, would always fire more than the free one).
     */
    private boolean isNudgedPhaseStart(final long t)
    {
        if (teachingCores.length == 0 || !schedule.isResetTick(t + schedule.ticksPerSample() / 2))
        {
            return false;
        }
        final int phase = teachingCores[0].phaseTicks();
        return t % (2L * phase) == phase;
    }

    /**
     * Two-phase learning: in the last free tick of a labeled sample, the input port sends the label to every readout
     * core (one input packet each, over the off-chip link and the mesh, counted like input spikes). It is filed before
     * the nudged phase's first tick, whichever worker owns the core.
     */
    private void sendLabels(final long t)
    {
        final int phase = teachingCores[0].phaseTicks();
        if (t % (2L * phase) != phase - 1)
        {
            return;
        }
        final int label = schedule.label((int)(t / schedule.ticksPerSample()));
        if (label < 0)
        {
            return;
        }
        for (final Core dst : teachingCores)
        {
            fromPort(SpikePacket.LABEL, dst, label, 0);
        }
    }

    /**
     * One packet from the input port (ideal NoC): across the off-chip link into the port's router, then XY on the
     * mesh, counted as an input packet with its hops (inter-chip ones apart) and on the tick's longest input path.
     */
    private void fromPort(final int kind, final Core dst, final int target, final long tick)
    {
        linkPackets[mesh.inputPortLink()]++;
        final int hops = mesh.walk(portX, portY, dst.x, dst.y, linkPackets);
        inputHops += 1 + hops;
        if (multiChip)
        {
            final int inter = mesh.interChipHops(portX, portY, dst.x, dst.y);
            inputInterChipHops += inter;
            path(offChipHopLatencyCycles, hops, inter);
        }
        tickMaxInputHops = Math.max(tickMaxInputHops, hops);
        inputPackets++;
        send(kind, dst.id, target, tick, 0, 0);
    }

    /** Congestion model: the chunk's input spikes become packets for the model (it counts their hops). */
    private void injectThroughNoc(final long t, final InputChunk chunk, final int count)
    {
        final InputPort port = chunk.port();
        final int first = traffic.count;
        for (int k = 0; k < count; k++)
        {
            final int neuron = inputScratch[k];
            if (port.recorded)
            {
                record(t, port.firstGlobalId + neuron);
            }
            for (int e = port.routeStart(neuron), end = port.routeEnd(neuron); e < end; e++)
            {
                inputPackets++;
                traffic.add(SpikePacket.SPIKE, port.core(e), port.axon(e), t + 1 + port.delay(e), 0);
            }
        }
        noc.emitted(noc.inputSlot(chunk.order()), first, traffic.count);
    }

    /**
     * Sends one spike packet from {@code source}; returns the hops it takes (the caller counts them). With the
     * congestion model the packet goes to the model instead, which counts the hops it really takes: 0 here.
     */
    int sendSpike(final Core source, final int dstCore, final int axon, final long deliverTick)
    {
        return route(SpikePacket.SPIKE, source, dstCore, axon, deliverTick, 0, 0);
    }

    /** Sends one activation packet from an ANN-mode core; returns its hops as {@link #sendSpike} does. */
    int sendActivation(final Core source, final int dstCore, final int axon, final long deliverTick, final int value)
    {
        return route(SpikePacket.ACTIVATION, source, dstCore, axon, deliverTick, value, 0);
    }

    /**
     * One packet from {@code source}: handed to the congestion model (which counts the hops it really takes: 0
     * here), or walked along its XY path now, counting links, inter-chip hops and the tick's longest path.
     */
    private int route(final int kind, final Core source, final int dstCore, final int target, final long tick,
        final int value, final int extra)
    {
        if (traffic != null)
        {
            traffic.add(kind, dstCore, target, tick, value, extra);
            return 0;
        }
        final Core dst = coreById[dstCore];
        final int hops = mesh.walk(source.x, source.y, dst.x, dst.y, linkPackets);
        if (multiChip)
        {
            interChip(source, dst, hops);
        }
        tickMaxHops = Math.max(tickMaxHops, hops);
        send(kind, dstCore, target, tick, value, extra);
        return hops;
    }

    /** Multi-chip grid, ideal NoC: the packet's inter-chip hops, counted, and its path's cycles. */
    private void interChip(final Core source, final Core dst, final int hops)
    {
        final int inter = mesh.interChipHops(source.x, source.y, dst.x, dst.y);
        source.increment(CoreCounter.INTER_CHIP_HOPS, inter);
        path(0.0, hops, inter);
    }

    /** Multi-chip grid, ideal NoC: a packet's path, {@code inter} of its {@code hops} links between chips. */
    private void path(final double offChipCycles, final int hops, final int inter)
    {
        final double cycles = offChipCycles + (hops - inter) * hopLatencyCycles + inter * interChipHopLatencyCycles;
        if (cycles > tickMeshCycles)
        {
            tickMeshCycles = cycles;
        }
    }

    /** The run's total ticks (a learning epoch also ends at the run's last tick). */
    long totalTicks()
    {
        return ticks;
    }

    /**
     * Sends one SBP packet from {@code source} on a reverse route to the core holding {@code neuron}, with the sums
     * L+ and L- of its output synapses' pending changes: counted as sent, its hops as the source's hops.
     */
    void sendSbp(final Core source, final int dstCore, final int neuron, final int plusQ8, final int minusQ8)
    {
        source.increment(CoreCounter.SBP_PACKETS_SENT, 1);
        final int hops = route(SpikePacket.SBP, source, dstCore, neuron, 0, plusQ8, minusQ8);
        if (hops != 0)
        {
            source.increment(CoreCounter.HOPS, hops);
        }
    }

    void sendPartialSum(final Core source, final int neuron, final int value, final long tick)
    {
        source.increment(CoreCounter.PSUM_PACKETS_SENT, 1);
        final int hops = route(SpikePacket.PARTIAL_SUM, source, source.psumTargetCore, neuron, tick, value, 0);
        if (hops != 0)
        {
            source.increment(CoreCounter.HOPS, hops);
        }
    }

    private void send(final int kind, final int dstCore, final int target, final long tick, final int value,
        final int extra)
    {
        final int owner = ownerOfCore[dstCore];
        if (owner == index)
        {
            apply(kind, coreById[dstCore], target, tick, value, extra);
            return;
        }
        final RingBuffer<SpikePacket> ring = rings[owner];
        long sequence;
        while (true)
        {
            try
            {
                sequence = ring.tryNext();
                break;
            }
            catch (final InsufficientCapacityException full)
            {
                ringFullWaits++;
                if (barrier.isAborted())
                {
                    throw TickBarrier.AbortedException.INSTANCE;
                }
                if (drainInbound() == 0)
                {
                    // the consumer may be descheduled (more workers than processors): give it the processor
                    Thread.yield();
                }
            }
        }
        try
        {
            ring.get(sequence).set(kind, dstCore, target, tick, value, extra);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private static void apply(final int kind, final Core dst, final int target, final long tick, final int value,
        final int extra)
    {
        if (kind == SpikePacket.SPIKE)
        {
            dst.fileSpike(target, tick);
        }
        else if (kind == SpikePacket.ACTIVATION)
        {
            dst.fileActivation(target, tick, value);
        }
        else if (kind == SpikePacket.PARTIAL_SUM)
        {
            dst.addPartialSum(target, value);
        }
        else if (kind == SpikePacket.LABEL)
        {
            dst.receiveLabel(target);
        }
        else
        {
            dst.receiveSbp(target, value, extra);
        }
    }

    void record(final long tick, final int globalId)
    {
        recorded.addLong(SpikeRaster.encode(tick, globalId));
    }

    /** Files every packet published to this worker so far; returns how many. */
    int drainInbound()
    {
        drained = 0;
        try
        {
            while (poller.poll(this) == EventPoller.PollState.PROCESSING)
            {
                // keep going until the ring is empty
            }
        }
        catch (final RuntimeException e)
        {
            throw e;
        }
        catch (final Exception e)
        {
            throw new IllegalStateException(e);
        }
        return drained;
    }

    private int drained;

    @Override
    public boolean onEvent(final SpikePacket packet, final long sequence, final boolean endOfBatch)
    {
        apply(packet.kind, coreById[packet.dstCore], packet.target, packet.tick, packet.value, packet.extra);
        drained++;
        return true;
    }
}
