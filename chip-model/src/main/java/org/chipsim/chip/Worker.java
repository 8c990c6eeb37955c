package org.chipsim.chip;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.chipsim.core.SpikeRaster;
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

    /** A slice [from, to) of one input population that this worker generates. */
    record InputChunk(InputPort port, int from, int to)
    {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    Worker(final int index, final Core[] ownCores, final Core[] coreById, final int[] ownerOfCore,
        final RingBuffer<SpikePacket>[] rings, final Mesh mesh, final int portX, final int portY,
        final InputChunk[] inputs, final StimulusSchedule schedule, final TickBarrier barrier,
        final ChipSimulation simulation, final long ticks, final boolean partialSumPhase, final int populationCount)
    {
        this.index = index;
        this.ownCores = ownCores;
        this.somaCores = java.util.Arrays.stream(ownCores).filter(c -> c.soma).toArray(Core[]::new);
        this.partialSumCores = java.util.Arrays.stream(ownCores).filter(c -> !c.soma).toArray(Core[]::new);
        this.coreById = coreById;
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
    }

    @Override
    public void run()
    {
        try
        {
            for (long t = 0; t < ticks; t++)
            {
                tick(t);
                if (index == 0)
                {
                    simulation.tickCompleted(t + 1);
                }
            }
            drainInbound();
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
        if (schedule.isResetTick(t))
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
                core.sendPartialSums(t, this);
            }
            awaitBarrier();
            drainInbound();
        }
        injectInputs(t);
        for (final Core core : somaCores)
        {
            core.fire(t, this);
        }
        awaitBarrier();
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
            for (int k = 0; k < count; k++)
            {
                final int neuron = inputScratch[k];
                if (port.recorded)
                {
                    record(t, port.firstGlobalId + neuron);
                }
                for (int e = port.routeStart(neuron), end = port.routeEnd(neuron); e < end; e++)
                {
                    final Core dst = coreById[port.core(e)];
                    // one off-chip link into the port's router, then XY on the mesh
                    linkPackets[mesh.inputPortLink()]++;
                    inputHops += 1 + mesh.walk(portX, portY, dst.x, dst.y, linkPackets);
                    inputPackets++;
                    send(SpikePacket.SPIKE, dst.id, port.axon(e), t + 1 + port.delay(e), 0);
                }
            }
        }
    }

    void sendSpike(final Core source, final int dstCore, final int axon, final long deliverTick)
    {
        final Core dst = coreById[dstCore];
        final int hops = mesh.walk(source.x, source.y, dst.x, dst.y, linkPackets);
        source.increment(CoreCounter.PACKETS_SENT, 1);
        source.increment(CoreCounter.HOPS, hops);
        send(SpikePacket.SPIKE, dstCore, axon, deliverTick, 0);
    }

    void sendPartialSum(final Core source, final int neuron, final int value, final long tick)
    {
        final Core dst = coreById[source.psumTargetCore];
        final int hops = mesh.walk(source.x, source.y, dst.x, dst.y, linkPackets);
        source.increment(CoreCounter.PSUM_PACKETS_SENT, 1);
        source.increment(CoreCounter.HOPS, hops);
        send(SpikePacket.PARTIAL_SUM, dst.id, neuron, tick, value);
    }

    private void send(final int kind, final int dstCore, final int target, final long tick, final int value)
    {
        final int owner = ownerOfCore[dstCore];
        if (owner == index)
        {
            apply(kind, coreById[dstCore], target, tick, value);
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
            ring.get(sequence).set(kind, dstCore, target, tick, value);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private static void apply(final int kind, final Core dst, final int target, final long tick, final int value)
    {
        if (kind == SpikePacket.SPIKE)
        {
            dst.fileSpike(target, tick);
        }
        else
        {
            dst.addPartialSum(target, value);
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
        apply(packet.kind, coreById[packet.dstCore], packet.target, packet.tick, packet.value);
        drained++;
        return true;
    }
}
