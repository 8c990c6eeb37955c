package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipProgram;
import org.junit.jupiter.api.Test;

/** The comparison every determinism test relies on must see a real difference, and none between equal runs. */
class RunComparisonTest
{
    @Test
    void shouldFindNoDifferenceBetweenTwoRunsOfTheSameSeedAndOneBetweenSeeds()
    {
        final ChipProgram program = Compiler.compile(TestModels.mappingNetwork(5));
        final RunOptions options = RunOptions.defaults().withTicks(100).withWorkers(1);
        final RunResult a = new ChipSimulation(program, options.withSeed(3)).run();
        final RunResult b = new ChipSimulation(program, options.withSeed(3)).run();
        final RunResult c = new ChipSimulation(program, options.withSeed(4)).run();
        assertNull(RunComparison.firstDifference(a, b));
        assertNotNull(RunComparison.firstDifference(a, c), "another seed draws other input spikes");
    }
}
