package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The congestion model alone, on traffic small enough to follow cycle by cycle by hand (docs/noc.md). */
class NocModelTest
{
    private final NocTraffic traffic = new NocTraffic();

    private NocModel model(final Mesh mesh, final int depth, final int bandwidth, final boolean drop,
        final int offChipLatency, final int inputChunks)
    {
        final int routers = mesh.width() * mesh.height();
        return new NocModel(mesh, depth, bandwidth, 1, drop, 1, 4, offChipLatency, 0, new int[routers],
            new int[routers + inputChunks], new NocTraffic[] {traffic});
    }

    /** Core {@code source} emits one packet to each of {@code destinations}, in that order. */
    private void emit(final NocModel noc, final int slot, final int... destinations)
    {
        final int from = traffic.count;
        for (final int dst : destinations)
        {
            traffic.add(SpikePacket.SPIKE, dst, traffic.count, 7, 0);
        }
        noc.emitted(slot, from, traffic.count);
    }

    @Test
    void shouldTakeOneCycleperPacketOverALinkOfBandwidthOne()
    {
        final NocModel noc = model(new Mesh(2, 1), 4, 1, false, 1, 0);
        emit(noc, 0, 1, 1, 1, 1, 1);
        final long[] links = new long[new Mesh(2, 1).linkCount()];
        // packet k is injected and crosses in cycle k, arriving at k + 1
        assertEquals(5, noc.run(links));
        assertEquals(5, links[Mesh.EAST]);
        assertEquals(5, traffic.delivered.count);
        assertEquals(5, noc.phaseHops[0]);
    }

    @Test
    void shouldMoveTwoPacketsPerCycleAtBandwidthTwo()
    {
        final NocModel noc = model(new Mesh(2, 1), 4, 2, false, 1, 0);
        emit(noc, 0, 1, 1, 1, 1, 1);
        assertEquals(3, noc.run(new long[new Mesh(2, 1).linkCount()]));
    }

    @Test
    void shouldStallLinksAndCoresOnFullBuffersWithBackPressure()
    {
        // 3 x 1 mesh: cores 0 and 1 each send two packets to core 2; one-packet buffers. Hand-run (docs/noc.md):
        // cycle 0 link 0->1 stalls (buffer of 1->2 holds core 1's packet); cycle 1 core 0 and link 0->1 stall;
        // cycle 2 core 0 stalls, core 0's first packet moves on; cycle 3 link 0->1 stalls; last arrival at cycle 6.
        final Mesh mesh = new Mesh(3, 1);
        final NocModel noc = model(mesh, 1, 1, false, 1, 0);
        emit(noc, 0, 2, 2);
        emit(noc, 1, 2, 2);
        final long[] links = new long[mesh.linkCount()];
        assertEquals(6, noc.run(links));
        assertEquals(3, noc.linkStallCycles[Mesh.EAST]);
        assertEquals(0, noc.linkStallCycles[4 + Mesh.EAST]);
        assertEquals(2, noc.phaseStallCycles[0]);
        assertEquals(0, noc.phaseStallCycles[1]);
        assertEquals(2, links[Mesh.EAST]);
        assertEquals(4, links[4 + Mesh.EAST]);
        assertEquals(4, noc.phaseHops[0]);
        assertEquals(2, noc.phaseHops[1]);
        assertEquals(4, traffic.delivered.count);
        assertEquals(0, noc.phaseDropped[2]);
        // arrival order at core 2: core 1's two packets, then core 0's
        assertArrayEquals(new int[] {2, 3, 0, 1}, java.util.Arrays.copyOf(traffic.delivered.target, 4));
    }

    @Test
    void shouldDropAtTheRouterWhoseBufferIsFullAndDeliverTheRest()
    {
        // the same traffic with the drop policy: both of core 0's packets cross 0->1 and find router 1's buffer
        // towards 2 full (core 1's packet of that cycle); they are dropped at router 1, core 1's arrive
        final Mesh mesh = new Mesh(3, 1);
        final NocModel noc = model(mesh, 1, 1, true, 1, 0);
        emit(noc, 0, 2, 2);
        emit(noc, 1, 2, 2);
        final long[] links = new long[mesh.linkCount()];
        assertEquals(2, noc.run(links));
        assertEquals(2, noc.phaseDropped[2]);
        assertEquals(2, noc.routerDropped[1]);
        assertEquals(2, traffic.delivered.count);
        assertArrayEquals(new int[] {2, 3}, java.util.Arrays.copyOf(traffic.delivered.target, 2));
        assertEquals(2, links[Mesh.EAST], "dropped packets crossed the first link");
        assertEquals(2, noc.phaseHops[0]);
        assertEquals(0, noc.linkStallCycles[Mesh.EAST]);
    }

    @Test
    void shouldBringInputPacketsOverTheOffChipLinkFirst()
    {
        // port at router 0, off-chip latency 3: arrives at cycle 3, crosses one hop, delivered at 4
        final Mesh mesh = new Mesh(2, 1);
        final NocModel noc = model(mesh, 4, 1, false, 3, 1);
        emit(noc, noc.inputSlot(0), 1);
        final long[] links = new long[mesh.linkCount()];
        assertEquals(4, noc.run(links));
        assertEquals(1, links[mesh.inputPortLink()]);
        assertEquals(1, links[Mesh.EAST]);
        assertEquals(2, noc.phaseInputHops);
        assertEquals(1, noc.phaseMaxInputHops);
    }

    @Test
    void shouldChargeInterChipLinksTheirOwnLatencyAndCountThem()
    {
        // two chips of 1 x 1 side by side: the one link between them takes 4 cycles (the model's inter-chip latency)
        final Mesh mesh = new Mesh(2, 1, 1, 1);
        final NocModel noc = model(mesh, 4, 1, false, 1, 0);
        emit(noc, 0, 1);
        assertEquals(4, noc.run(new long[mesh.linkCount()]));
        assertEquals(1, noc.phaseInterChipHops[0]);
        assertEquals(1, noc.phaseHops[0]);
    }
}
