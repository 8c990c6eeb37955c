package org.chipsim.chip;

import java.util.Arrays;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.NocSpecs;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.proto.v1.ChipSpec;

/**
 * The congestion model of the network-on-chip (ChipSpec.noc_model = CONGESTION; docs/noc.md gives the exact rules).
 * Once per phase of a tick (partial sums, then spikes) it moves that phase's packets through the mesh cycle by cycle:
 * every output link of a router has a FIFO buffer of {@code depth} packets and moves at most its bandwidth of packets
 * per cycle; a packet crossing a link arrives {@code latency} cycles later in the next router's buffer (a place is
 * taken when it leaves, so a buffer never overflows in flight). A packet that finds the next buffer full waits (the
 * link stalls: back-pressure) or, with the drop policy, is dropped by that router and never delivered.
 *
 * <p>Determinism: workers emit packets in parallel, but the model reads them in a canonical order, sources by slot
 * (cores by id, then the input chunks in input order) and each source's packets in emission order, and serves links
 * in link-id order; the drop decision is made here, before any packet is filed into a core. So stalls, drops and what
 * each core receives are the same for any number of workers. It runs on worker 0 between two barriers; nothing is
 * allocated per packet (arrays are kept and grow by doubling).
 */
final class NocModel
{
    /** Routers of the grid; source slots [0, routers) are the cores by id, then one slot per input chunk. */
    private final int routers;
    private final int width;
    private final Mesh mesh;
    private final int depth;
    private final int injectPerCycle;
    private final boolean drop;
    private final int offChipLatency;
    private final int offChipBandwidth;
    private final int portRouter;
    private final int[] linkBandwidth;
    private final int[] linkLatency;
    private final boolean[] linkInterChip;
    private final int[] ownerOfCore;
    private final int[] sourceWorker;
    private final NocTraffic[] traffic;

    /** Per source slot: the range of its packets in its worker's {@link NocTraffic} for the phase being collected. */
    private final int[] sourceFrom;
    private final int[] sourceTo;

    // the phase's packets in canonical order, with their source slot, ready cycle and hops so far
    private int[] pSrc = new int[1024];
    private final PacketList phase = new PacketList();
    private int[] pReady = new int[1024];
    private int[] pHops = new int[1024];
    // core sources with packets: slot, next packet, end
    private final int[] activeSlot;
    private final int[] activeNext;
    private final int[] activeEnd;
    // one FIFO per mesh link, in the upstream router: packet indexes
    private final int[] queue;
    private final int[] queueHead;
    private final int[] queueSize;
    /** Bit l set when link l's buffer holds a packet: the cycle loop visits only those links (in link-id order). */
    private final long[] busyLinks;

    // this phase, per core (read by the owning worker after the model ran)
    final long[] phaseHops;
    final long[] phaseInterChipHops;
    final long[] phaseDropped;
    final long[] phaseStallCycles;
    long phaseInputHops;
    long phaseInputInterChipHops;
    int phaseMaxHops;
    int phaseMaxInputHops;
    int phaseCycles;

    /** Packets of the phase not yet delivered or dropped, and the latest arrival so far. */
    private int remaining;
    private int last;

    // whole run (checkpointed)
    final long[] linkStallCycles;
    final long[] routerDropped;

    @SuppressWarnings("checkstyle:ParameterNumber")
    NocModel(final Mesh mesh, final int depth, final int linkPacketsPerCycle, final int interChipPacketsPerCycle,
        final boolean drop, final int hopLatency, final int interChipLatency, final int offChipLatency,
        final int portRouter, final int[] ownerOfCore, final int[] sourceWorker, final NocTraffic[] traffic)
    {
        this.mesh = mesh;
        this.width = mesh.width();
        this.routers = mesh.width() * mesh.height();
        this.depth = depth;
        this.injectPerCycle = linkPacketsPerCycle;
        this.drop = drop;
        this.offChipLatency = offChipLatency;
        this.offChipBandwidth = linkPacketsPerCycle;
        this.portRouter = portRouter;
        final int meshLinks = routers * 4;
        this.linkBandwidth = new int[meshLinks];
        this.linkLatency = new int[meshLinks];
        this.linkInterChip = new boolean[meshLinks];
        for (int l = 0; l < meshLinks; l++)
        {
            linkInterChip[l] = mesh.interChip(l);
            linkBandwidth[l] = linkInterChip[l] ? interChipPacketsPerCycle : linkPacketsPerCycle;
            linkLatency[l] = linkInterChip[l] ? interChipLatency : hopLatency;
        }
        this.ownerOfCore = ownerOfCore;
        this.sourceWorker = sourceWorker;
        this.traffic = traffic;
        this.sourceFrom = new int[sourceWorker.length];
        this.sourceTo = new int[sourceWorker.length];
        this.activeSlot = new int[routers];
        this.activeNext = new int[routers];
        this.activeEnd = new int[routers];
        this.queue = new int[Math.multiplyExact(meshLinks, depth)];
        this.queueHead = new int[meshLinks];
        this.queueSize = new int[meshLinks];
        this.busyLinks = new long[(meshLinks + 63) >>> 6];
        this.phaseHops = new long[routers];
        this.phaseInterChipHops = new long[routers];
        this.phaseDropped = new long[routers];
        this.phaseStallCycles = new long[routers];
        this.linkStallCycles = new long[mesh.linkCount()];
        this.routerDropped = new long[routers];
    }

    /**
     * The model for a program whose chip asks for it, or null for the ideal NoC. Link latencies are the chip's latency
     * costs rounded up to whole cycles (at least 1): hop_latency_cycles on chip, inter_chip_hop_latency_cycles between
     * chips, off_chip_hop_latency_cycles into the input port.
     */
    static NocModel of(final ChipSpec chip, final Mesh mesh, final int[] ownerOfCore, final int[] sourceWorker,
        final NocTraffic[] traffic)
    {
        if (!NocSpecs.congestion(chip))
        {
            return null;
        }
        final EnergyCosts costs = EnergyModel.of(chip).costs();
        final long queueSlots = (long)mesh.width() * mesh.height() * 4 * NocSpecs.bufferDepthPackets(chip);
        if (queueSlots > MAX_QUEUE_SLOTS)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, String.format("the NoC congestion model needs %,d " +
                "buffer places (routers x 4 links x noc_buffer_depth_packets), more than its limit of %,d; use a " +
                "smaller buffer depth or grid", queueSlots, MAX_QUEUE_SLOTS));
        }
        return new NocModel(mesh, NocSpecs.bufferDepthPackets(chip), NocSpecs.linkPacketsPerCycle(chip),
            NocSpecs.interChipLinkPacketsPerCycle(chip), NocSpecs.drops(chip), cycles(costs.hopLatencyCycles()),
            cycles(costs.interChipHopLatencyCycles()), cycles(costs.offChipHopLatencyCycles()),
            chip.getInputPortY() * mesh.width() + chip.getInputPortX(), ownerOfCore, sourceWorker, traffic);
    }

    /** Buffer places the model allocates at most (4 bytes each). */
    static final long MAX_QUEUE_SLOTS = 1L << 26;

    /** A latency cost as whole cycles of the model: rounded up, at least 1. */
    static int cycles(final double latencyCycles)
    {
        return (int)Math.max(1, Math.min(1 << 20, Math.ceil(latencyCycles)));
    }

    /** Source slot of an input chunk (by its place in input order). */
    int inputSlot(final int chunkOrder)
    {
        return routers + chunkOrder;
    }

    /** The packets a source emitted in this phase: {@code [from, to)} of its worker's traffic (called by that worker). */
    void emitted(final int slot, final int from, final int to)
    {
        sourceFrom[slot] = from;
        sourceTo[slot] = to;
    }

    /**
     * Moves the phase's packets (collected in every worker's traffic) through the mesh until each is delivered or
     * dropped; delivered packets are handed to the traffic of the worker owning their core. Adds link crossings to
     * {@code linkPackets}. Returns the cycles until the last packet arrived (0 without packets).
     */
    int run(final long[] linkPackets)
    {
        Arrays.fill(phaseHops, 0);
        Arrays.fill(phaseInterChipHops, 0);
        Arrays.fill(phaseDropped, 0);
        Arrays.fill(phaseStallCycles, 0);
        phaseInputHops = 0;
        phaseInputInterChipHops = 0;
        phaseMaxHops = 0;
        phaseMaxInputHops = -1;
        final int n = gather();
        int active = 0;
        int inputStart = n;
        for (int p = 0; p < n; p++)
        {
            final int slot = pSrc[p];
            if (slot >= routers)
            {
                inputStart = p; // the input slots come last
                break;
            }
            if (active == 0 || activeSlot[active - 1] != slot)
            {
                activeSlot[active] = slot;
                activeNext[active] = p;
                active++;
            }
            activeEnd[active - 1] = p + 1;
        }
        int inputNext = inputStart;
        remaining = n;
        last = 0;
        int cycle = 0;
        while (remaining > 0)
        {
            // 1. cores inject into their router, in slot order, at most injectPerCycle packets each
            int kept = 0;
            for (int a = 0; a < active; a++)
            {
                final int slot = activeSlot[a];
                int next = activeNext[a];
                final int end = activeEnd[a];
                for (int injected = 0; injected < injectPerCycle && next < end; injected++)
                {
                    final int p = next;
                    if (phase.dst[p] == slot)
                    {
                        remaining--;
                        last = Math.max(last, deliver(p, cycle));
                    }
                    else
                    {
                        final int link = nextLink(slot, phase.dst[p]);
                        if (queueSize[link] >= depth)
                        {
                            phaseStallCycles[slot]++;
                            break;
                        }
                        enqueue(link, p, cycle);
                    }
                    next++;
                }
                if (next < end)
                {
                    activeSlot[kept] = slot;
                    activeNext[kept] = next;
                    activeEnd[kept] = end;
                    kept++;
                }
            }
            active = kept;
            // 2. the input port: packets cross the off-chip link into the port's router
            for (int injected = 0; injected < offChipBandwidth && inputNext < n; injected++)
            {
                final int p = inputNext;
                final int arrival = cycle + offChipLatency;
                if (phase.dst[p] == portRouter)
                {
                    crossOffChip(p, linkPackets);
                    remaining--;
                    last = Math.max(last, deliver(p, arrival));
                }
                else
                {
                    final int link = nextLink(portRouter, phase.dst[p]);
                    if (queueSize[link] >= depth)
                    {
                        if (!drop)
                        {
                            linkStallCycles[mesh.inputPortLink()]++;
                            break;
                        }
                        crossOffChip(p, linkPackets);
                        remaining--;
                        dropAt(p, portRouter);
                    }
                    else
                    {
                        crossOffChip(p, linkPackets);
                        enqueue(link, p, arrival);
                    }
                }
                inputNext++;
            }
            // 3. every link moves up to its bandwidth of ready packets from the head of its buffer, in link-id order
            // (a buffer that fills during the scan holds only packets that are not ready before the next cycle)
            for (int word = 0; word < busyLinks.length; word++)
            {
                long bits = busyLinks[word];
                while (bits != 0)
                {
                    final int link = (word << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    serve(link, cycle, linkPackets);
                }
            }
            cycle++;
            if (cycle < 0)
            {
                throw new IllegalStateException("NoC model: a phase did not drain within 2^31 cycles");
            }
        }
        phaseCycles = last;
        return last;
    }

    /** Link {@code link} moves up to its bandwidth of ready packets from the head of its buffer in {@code cycle}. */
    private void serve(final int link, final int cycle, final long[] linkPackets)
    {
        int size = queueSize[link];
        final int bandwidth = linkBandwidth[link];
        for (int moved = 0; moved < bandwidth && size > 0; moved++)
        {
            final int p = queue[link * depth + queueHead[link]];
            if (pReady[p] > cycle)
            {
                break;
            }
            final int router = downstream(link);
            final int arrival = cycle + linkLatency[link];
            if (router == phase.dst[p])
            {
                dequeue(link);
                cross(link, p, linkPackets);
                remaining--;
                last = Math.max(last, deliver(p, arrival));
            }
            else
            {
                final int nextLink = nextLink(router, phase.dst[p]);
                if (queueSize[nextLink] >= depth)
                {
                    if (!drop)
                    {
                        linkStallCycles[link]++;
                        break;
                    }
                    dequeue(link);
                    cross(link, p, linkPackets);
                    remaining--;
                    dropAt(p, router);
                }
                else
                {
                    dequeue(link);
                    cross(link, p, linkPackets);
                    enqueue(nextLink, p, arrival);
                }
            }
            size = queueSize[link];
        }
    }

    /** Copies the phase's packets out of the workers' traffic in canonical order; returns how many. */
    private int gather()
    {
        phase.count = 0;
        int n = 0;
        for (int slot = 0; slot < sourceWorker.length; slot++)
        {
            final int from = sourceFrom[slot];
            final int to = sourceTo[slot];
            if (to <= from)
            {
                continue;
            }
            sourceFrom[slot] = 0;
            sourceTo[slot] = 0;
            final NocTraffic t = traffic[sourceWorker[slot]];
            final int count = to - from;
            ensure(n + count);
            phase.addAll(t, from, count);
            Arrays.fill(pSrc, n, n + count, slot);
            Arrays.fill(pHops, n, n + count, 0);
            n += count;
        }
        for (final NocTraffic t : traffic)
        {
            t.count = 0;
        }
        return n;
    }

    private void ensure(final int size)
    {
        if (size > pSrc.length)
        {
            final int grown = Math.max(size, pSrc.length * 2);
            pSrc = Arrays.copyOf(pSrc, grown);
            pReady = Arrays.copyOf(pReady, grown);
            pHops = Arrays.copyOf(pHops, grown);
        }
    }

    /** The output link of {@code router} on the XY route to {@code dst} (x first, then y). */
    private int nextLink(final int router, final int dst)
    {
        final int x = router % width;
        final int dx = dst % width;
        if (x != dx)
        {
            return router * 4 + (dx > x ? Mesh.EAST : Mesh.WEST);
        }
        return router * 4 + (dst > router ? Mesh.SOUTH : Mesh.NORTH);
    }

    /** The router a mesh link leads to. */
    private int downstream(final int link)
    {
        final int router = link >> 2;
        return switch (link & 3)
        {
            case Mesh.EAST -> router + 1;
            case Mesh.WEST -> router - 1;
            case Mesh.NORTH -> router - width;
            default -> router + width;
        };
    }

    private void enqueue(final int link, final int p, final int ready)
    {
        final int size = queueSize[link];
        int at = queueHead[link] + size;
        if (at >= depth)
        {
            at -= depth;
        }
        queue[link * depth + at] = p;
        queueSize[link] = size + 1;
        busyLinks[link >>> 6] |= 1L << link;
        pReady[p] = ready;
    }

    private void dequeue(final int link)
    {
        final int head = queueHead[link] + 1;
        queueHead[link] = head == depth ? 0 : head;
        if (--queueSize[link] == 0)
        {
            busyLinks[link >>> 6] &= ~(1L << link);
        }
    }

    private void cross(final int link, final int p, final long[] linkPackets)
    {
        linkPackets[link]++;
        pHops[p]++;
        final int slot = pSrc[p];
        final boolean inter = linkInterChip[link];
        if (slot < routers)
        {
            phaseHops[slot]++;
            if (inter)
            {
                phaseInterChipHops[slot]++;
            }
        }
        else
        {
            phaseInputHops++;
            if (inter)
            {
                phaseInputInterChipHops++;
            }
        }
    }

    private void crossOffChip(final int p, final long[] linkPackets)
    {
        linkPackets[mesh.inputPortLink()]++;
        phaseInputHops++;
    }

    private int deliver(final int p, final int arrival)
    {
        final int dst = phase.dst[p];
        traffic[ownerOfCore[dst]].delivered.add(phase.kind[p], dst, phase.target[p], phase.tick[p], phase.value[p],
            phase.extra[p]);
        if (pSrc[p] < routers)
        {
            phaseMaxHops = Math.max(phaseMaxHops, pHops[p]);
        }
        else
        {
            phaseMaxInputHops = Math.max(phaseMaxInputHops, pHops[p]);
        }
        return arrival;
    }

    private void dropAt(final int p, final int router)
    {
        phaseDropped[phase.dst[p]]++;
        routerDropped[router]++;
    }
}
