package org.chipsim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunComparison;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Population;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model shipped in {@code examples/models/} gives bit-identical spikes (of every population), counters, link
 * loads and learned weights with 1, 2 and 4 workers, and conserves its packets. The directory is listed, so a model
 * added later is covered without touching this test. Runs are cut to their first ticks to keep CI short: enough for
 * every layer of every model to fire (checked) and for the learning models to change weights.
 */
class ShippedModelsDeterminismTest
{
    private static final long TICKS = 400;

    static Stream<Path> shippedModels() throws IOException
    {
        // surefire runs in the module directory
        final List<Path> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("models")))
        {
            files.filter(p -> p.toString().endsWith(".pb")).sorted().forEach(models::add);
        }
        assertTrue(models.size() >= 7, "shipped models found: " + models);
        return models.stream();
    }

    @ParameterizedTest
    @MethodSource("shippedModels")
    void shouldGiveIdenticalResultsFor1And2And4Workers(final Path file) throws IOException
    {
        final Model model = ModelFiles.readModel(file);
        final List<String> every = new ArrayList<>();
        for (final Population p : model.getNetwork().getPopulationsList())
        {
            every.add(p.getName());
        }
        final ChipProgram program = Compiler.compile(model);
        final RunOptions options = RunOptions.defaults().withTicks(TICKS).withRecord(every);
        final RunResult one = new ChipSimulation(program, options.withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.SPIKES_OUT) > 0, file + ": no neuron fired in " + TICKS + " ticks");
        final long sent = one.total(CoreCounter.PACKETS_SENT) + one.inputPackets();
        assertEquals(sent, one.total(CoreCounter.SPIKES_DELIVERED) + one.total(CoreCounter.PENDING_AT_END) +
            one.total(CoreCounter.DROPPED) + one.total(CoreCounter.LABEL_PACKETS_RECEIVED),
            file + ": spike and label packets sent = delivered + pending + dropped");
        assertEquals(one.total(CoreCounter.ACT_PACKETS_SENT), one.total(CoreCounter.ACT_PACKETS_DELIVERED) +
            one.total(CoreCounter.ACT_PENDING_AT_END), file + ": activation packets sent = delivered + pending");
        assertEquals(one.total(CoreCounter.SBP_PACKETS_SENT), one.total(CoreCounter.SBP_PACKETS_RECEIVED),
            file + ": SBP packets sent = received");
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, options.withWorkers(workers)).run();
            assertNull(RunComparison.firstDifference(one, many), file + " with " + workers + " workers");
        }
    }
}
