package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;

/** Nothing lost, nothing different: packets are conserved and results do not depend on the worker count. */
class ConservationAndDeterminismTest
{
    private static final Model MODEL = TestModels.mappingNetwork(13);

    @Test
    void shouldDeliverEveryPacketSentOrHoldItPendingAtTheEnd()
    {
        final RunResult result = TestModels.run(MODEL, 2);
        assertTrue(result.total(CoreCounter.PACKETS_SENT) + result.inputPackets() > 10_000, "traffic");
        TestModels.assertSpikePacketsConserved(result);
    }

    @Test
    void shouldMatchSpikesAndCountersFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(MODEL);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            assertSameResult(one, many, workers + " workers");
        }
    }

    @Test
    void shouldMatchWhenTinyRingsForceBackPressure()
    {
        final ChipProgram program = Compiler.compile(MODEL);
        final RunResult reference = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        // ~1,800 packets per tick against 64-slot rings: producers block and drain their own ring many times a tick
        final RunResult squeezed = new ChipSimulation(program, RunOptions.defaults().withWorkers(3).withRingSize(64))
            .run();
        assertTrue(squeezed.ringFullWaits() > 100, "back-pressure must be exercised: " + squeezed.ringFullWaits());
        assertSameResult(reference, squeezed, "ring of 64 slots");
    }

    private static void assertSameResult(final RunResult expected, final RunResult actual, final String what)
    {
        assertNull(RunComparison.firstDifference(expected, actual), what);
    }
}
