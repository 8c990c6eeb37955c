package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.proto.v1.Checkpoint;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.StdpPair;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints: run 0..T equals run 0..t, checkpoint, resume t..T bit for bit (spikes, every counter, learned weights,
 * link loads, per-tick trace, per-core trace), with other worker counts after the resume; and a stop request stops
 * at a tick boundary with a result of the ticks completed.
 */
class CheckpointTest
{
    /** 60 Poisson inputs learning (pair STDP) into 150 neurons, with a delayed recurrent projection. */
    private static Model learningNetwork()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final Plasticity stdp = Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder().setAPlus(0.01f)
            .setAMinus(0.012f).setTauPlusTicks(5f).setTauMinusTicks(5f)).setWMin(0f).setWMax(0.3f).build();
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 60))
                .addPopulations(lif("n", 150, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 60 * 150, 0.5, 0f, 0.3f), 0)
                    .toBuilder().setPlasticity(stdp))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 150 * 150, 0.05, -0.2f, 0.1f), 2)))
            .setStimulus(TestModels.poisson("in", 60, 2, 50, 0.1, 5))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n").addRecordPopulations("in"))
            .build();
    }

    private static final RunOptions SMALL_CHIP = RunOptions.defaults().withTraceTicks(100);

    @Test
    void shouldResumeAPartialSumNetworkBitForBitWithOtherWorkerCounts()
    {
        final ChipProgram program = Compiler.compile(TestModels.mappingNetwork(13));
        assertResumeEqualsUninterrupted(program, 2, 1, 3, 80);
        assertResumeEqualsUninterrupted(program, 1, 2, 1, 157);
    }

    @Test
    void shouldResumeACongestedNocBitForBitWithOtherWorkerCounts()
    {
        final ChipProgram program = NocCongestionTest.congested(Compiler.compile(TestModels.mappingNetwork(13)), 2, 1,
            org.chipsim.proto.v1.NocOverflow.NOC_OVERFLOW_DROP);
        assertResumeEqualsUninterrupted(program, 2, 1, 3, 90);
    }

    @Test
    void shouldResumeACurrentBasedNetworkBitForBit()
    {
        // the synaptic currents live in the cores' memory, so a checkpoint carries them
        final org.chipsim.proto.v1.Model base = TestModels.mappingNetwork(31);
        final org.chipsim.proto.v1.Network.Builder network = base.getNetwork().toBuilder();
        for (int p = 1; p < network.getPopulationsCount(); p++)
        {
            final org.chipsim.proto.v1.Population.Builder population = network.getPopulationsBuilder(p);
            population.setLif(population.getLif().toBuilder().setSynapticCurrent(
                org.chipsim.proto.v1.SynapticCurrent.newBuilder().setDecay(0.85f)));
        }
        assertResumeEqualsUninterrupted(Compiler.compile(base.toBuilder().setNetwork(network).build()), 2, 1, 1, 70);
    }

    @Test
    void shouldResumeALearningNetworkBitForBitWithOtherWorkerCounts()
    {
        final ChipProgram program = Compiler.compile(learningNetwork());
        assertResumeEqualsUninterrupted(program, 1, 2, 2, 37);
        assertResumeEqualsUninterrupted(program, 2, 1, 1, 50);
    }

    @Test
    void shouldResumeAnSbpNetworkMidEpochBitForBit()
    {
        // epochs of 25 ticks, checkpoints every 37: pending changes and received SBP sums cross the checkpoints
        final ChipProgram program = Compiler.compile(SbpTest.network());
        assertResumeEqualsUninterrupted(program, 1, 2, 2, 37);
    }

    @Test
    void shouldResumeAHybridAnnNetworkBitForBitWithOtherWorkerCounts()
    {
        // checkpoints in the middle of ANN windows (window 8): inputs counted so far, held activations and spike
        // phases live in the cores' memory and must survive
        final ChipProgram program = Compiler.compile(AnnHybridTest.hybrid(7));
        assertResumeEqualsUninterrupted(program, 2, 1, 1, 37);
        assertResumeEqualsUninterrupted(program, 1, 2, 2, 61);
    }

    @Test
    void shouldResumeAHybridNetworkBitForBit()
    {
        final ChipProgram program = Compiler.compile(HybridTest.network());
        assertResumeEqualsUninterrupted(program, 1, 2, 1, 61);
    }

    /** Checkpoints every {@code every} ticks with {@code before} workers and resumes each with {@code after}. */
    private static void assertResumeEqualsUninterrupted(final ChipProgram program, final int before, final int after,
        final int reference, final long every)
    {
        final RunResult whole = new ChipSimulation(program, SMALL_CHIP.withWorkers(reference)).run();
        final ChipSimulation first = new ChipSimulation(program, SMALL_CHIP.withWorkers(before));
        final List<byte[]> saved = new ArrayList<>();
        first.checkpointEvery(every, checkpoint -> saved.add(checkpoint.toByteArray()));
        final RunResult segmented = first.run();
        assertTrue(!saved.isEmpty(), "checkpoints written");
        assertSame(whole, segmented, "run in segments of " + every);
        for (final byte[] bytes : saved)
        {
            final Checkpoint checkpoint = parse(bytes);
            final ChipSimulation resumed = ChipSimulation.resume(checkpoint, RunOptions.defaults().withWorkers(after));
            assertEquals(checkpoint.getTick(), resumed.completedTicks());
            assertSame(whole, resumed.run(), "resumed at tick " + checkpoint.getTick() + " with " + after +
                " workers (saved with " + before + ")");
        }
    }

    private static Checkpoint parse(final byte[] bytes)
    {
        try
        {
            return Checkpoint.parseFrom(bytes);
        }
        catch (final InvalidProtocolBufferException e)
        {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldStopAtATickBoundaryWhenAskedAndResumeFromThere()
    {
        final ChipProgram program = Compiler.compile(learningNetwork());
        final RunResult whole = new ChipSimulation(program, SMALL_CHIP.withWorkers(1)).run();
        final ChipSimulation stopped = new ChipSimulation(program, SMALL_CHIP.withWorkers(2));
        final List<Checkpoint> saved = new ArrayList<>();
        stopped.checkpointEvery(1_000_000, saved::add);
        // the interrupt's path at a tick fixed in advance, so the test cannot race the run's end
        stopped.requestStopAfter(30);
        final RunResult partial = stopped.run();
        assertTrue(stopped.stopRequested());
        final long done = partial.ticks();
        assertTrue(done >= 30 && done < whole.ticks(), "stopped after " + done + " ticks");
        assertEquals(done, stopped.completedTicks());
        assertEquals(1, saved.size(), "a checkpoint where it stopped");
        assertEquals(done, saved.get(0).getTick());
        final RunResult rest = ChipSimulation.resume(saved.get(0), RunOptions.defaults().withWorkers(1)).run();
        assertSame(whole, rest, "resumed after a stop at " + done);
        // the partial result holds exactly the spikes of the ticks run
        int before = 0;
        for (int i = 0; i < whole.raster().size(); i++)
        {
            before += whole.raster().tick(i) < done ? 1 : 0;
        }
        assertEquals(before, partial.raster().size(), "spikes of the ticks run");
    }

    @Test
    void shouldStopAtAGivenTick()
    {
        final ChipProgram program = Compiler.compile(learningNetwork());
        final ChipSimulation simulation = new ChipSimulation(program, SMALL_CHIP.withWorkers(1));
        simulation.stopAt(40);
        assertEquals(40, simulation.run().ticks());
    }

    static void assertSame(final RunResult expected, final RunResult actual, final String what)
    {
        assertEquals(expected.ticks(), actual.ticks(), what + ": ticks");
        assertEquals(expected.raster(), actual.raster(), what + ": spikes");
        assertEquals(expected.coreCount(), actual.coreCount());
        for (int k = 0; k < expected.coreCount(); k++)
        {
            for (final CoreCounter counter : CoreCounter.values())
            {
                assertEquals(expected.counter(k, counter), actual.counter(k, counter),
                    what + ": core " + k + " " + counter);
            }
            assertArrayEquals(expected.learnedWeights(k), actual.learnedWeights(k), what + ": weights of core " + k);
            assertArrayEquals(expected.localWeights(k), actual.localWeights(k), what + ": hybrid P of core " + k);
            assertEquals(expected.learnedState(k), actual.learnedState(k), what + ": learned state of core " + k);
        }
        for (int l = 0; l < expected.mesh().linkCount(); l++)
        {
            assertEquals(expected.linkPackets(l), actual.linkPackets(l), what + ": link " + l);
        }
        assertEquals(expected.inputSpikes(), actual.inputSpikes(), what + ": input spikes");
        assertEquals(expected.inputPackets(), actual.inputPackets(), what + ": input packets");
        assertEquals(expected.inputHops(), actual.inputHops(), what + ": input hops");
        assertEquals(expected.inputInterChipHops(), actual.inputInterChipHops(), what + ": input inter-chip hops");
        assertEquals(expected.congestion(), actual.congestion(), what + ": NoC model");
        for (int l = 0; l < expected.mesh().linkCount(); l++)
        {
            assertEquals(expected.linkStallCycles(l), actual.linkStallCycles(l), what + ": stalls of link " + l);
        }
        for (int r = 0; r < expected.mesh().width() * expected.mesh().height(); r++)
        {
            assertEquals(expected.routerDropped(r), actual.routerDropped(r), what + ": drops of router " + r);
        }
        assertArrayEquals(expected.tickTrace().meshCycles(), actual.tickTrace().meshCycles(), what + ": NoC cycles");
        for (int p = 0; p < expected.index().populationCount(); p++)
        {
            assertEquals(expected.populationSpikes(p), actual.populationSpikes(p), what + ": population " + p);
        }
        final TickTrace a = expected.tickTrace();
        final TickTrace b = actual.tickTrace();
        assertArrayEquals(a.maxBusyCycles(), b.maxBusyCycles(), what + ": busy cycles per tick");
        assertArrayEquals(a.maxHops(), b.maxHops(), what + ": hops per tick");
        assertArrayEquals(a.maxInputHops(), b.maxInputHops(), what + ": input hops per tick");
        assertArrayEquals(a.binEvents(), b.binEvents(), what + ": events per tick");
        final CoreTrace c = expected.coreTrace();
        final CoreTrace d = actual.coreTrace();
        assertNotNull(c);
        assertArrayEquals(c.events(), d.events(), what + ": per-core trace");
        assertArrayEquals(c.maxHops(), d.maxHops(), what + ": per-core trace hops");
        assertArrayEquals(c.maxInputHops(), d.maxInputHops(), what + ": per-core trace input hops");
        if (expected.classification() != null)
        {
            assertEquals(expected.classification().correct(), actual.classification().correct(), what);
            assertArrayEquals(expected.classification().predicted(), actual.classification().predicted(), what);
        }
    }
}
