package org.chipsim.chip;

import java.util.List;
import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.Synapse;

/** Small models for tests, built in code. */
final class TestModels
{
    private TestModels()
    {
    }

    static Population input(final String name, final int size)
    {
        return Population.newBuilder().setName(name).setSize(size).setInput(true).build();
    }

    static Population lif(final String name, final int size, final LifNeuron lif)
    {
        return Population.newBuilder().setName(name).setSize(size).setLif(lif).build();
    }

    static LifNeuron.Builder neuron(final float threshold)
    {
        return LifNeuron.newBuilder().setThreshold(threshold);
    }

    static Projection dense(final String source, final String target, final float[] weights, final int delay)
    {
        final Projection.Builder p = Projection.newBuilder().setSource(source).setTarget(target).setDelayTicks(delay);
        for (final float w : weights)
        {
            p.addWeights(w);
        }
        return p.build();
    }

    static float[] randomWeights(final SplittableRandom random, final int count, final double density,
        final float min, final float max)
    {
        final float[] w = new float[count];
        for (int i = 0; i < count; i++)
        {
            if (random.nextDouble() < density)
            {
                w[i] = (float)(min + (max - min) * random.nextDouble());
            }
        }
        return w;
    }

    static Stimulus spikes(final String population, final int neuron, final int... ticks)
    {
        final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation(population).setNeuron(neuron);
        for (final int t : ticks)
        {
            train.addTicks(t);
        }
        return Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder().addTrains(train)).build();
    }

    static Stimulus poisson(final String population, final int size, final int samples, final int ticksPerSample,
        final double rate, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final RateCoded.Builder rc = RateCoded.newBuilder().setPopulation(population).setTicksPerSample(ticksPerSample);
        for (int s = 0; s < samples; s++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(s % 3).setHasLabel(true);
            for (int i = 0; i < size; i++)
            {
                sample.addRates((float)(rate * 2 * random.nextDouble()));
            }
            rc.addSamples(sample);
        }
        return Stimulus.newBuilder().setRateCoded(rc).build();
    }

    /**
     * The mapping test network: 600 Poisson inputs feed 1,000 LIF neurons (fan-in 600: three axon groups, so
     * partial sums), which feed 50 outputs with a delay and themselves through a sparse recurrent projection.
     */
    static Model mappingNetwork(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Projection.Builder recurrent = Projection.newBuilder().setSource("hidden").setTarget("hidden")
            .setDelayTicks(1);
        for (int k = 0; k < 3000; k++)
        {
            final int pre = random.nextInt(1000);
            final int post = random.nextInt(1000);
            if (recurrent.getSynapsesList().stream().noneMatch(s -> s.getPre() == pre && s.getPost() == post))
            {
                recurrent.addSynapses(Synapse.newBuilder().setPre(pre).setPost(post)
                    .setWeight((float)(random.nextDouble() - 0.6)));
            }
        }
        final Network network = Network.newBuilder()
            .addPopulations(input("in", 600))
            .addPopulations(lif("hidden", 1000, neuron(1.0f).setDecay(0.9f).setRefractoryTicks(1).build()))
            .addPopulations(lif("out", 50, neuron(2.0f).setDecay(0.95f).setResetMode(ResetMode.RESET_SUBTRACT)
                .setLeak(0.01f).build()))
            .addProjections(dense("in", "hidden", randomWeights(random, 600 * 1000, 0.3, -0.2f, 0.35f), 0))
            .addProjections(recurrent)
            .addProjections(dense("hidden", "out", randomWeights(random, 1000 * 50, 0.5, -0.1f, 0.2f), 2))
            .build();
        return Model.newBuilder().setName("mapping").setNetwork(network)
            .setStimulus(poisson("in", 600, 4, 60, 0.05, seed))
            .setRun(RunConfig.newBuilder().setSeed(seed).addAllRecordPopulations(List.of("in", "hidden", "out")))
            .setChip(ChipSpec.getDefaultInstance())
            .build();
    }

    static RunResult run(final Model model, final int workers)
    {
        return new ChipSimulation(Compiler.compile(model), RunOptions.defaults().withWorkers(workers)).run();
    }

    /**
     * Nothing lost (ideal NoC): every spike packet sent (by cores and the input port) arrives; every arrival is
     * delivered, pending at the end or dropped, in total and per core; partial sums sent = received; hops counted per
     * core = packets counted per link.
     */
    static void assertSpikePacketsConserved(final RunResult result)
    {
        final long sent = result.total(CoreCounter.PACKETS_SENT) + result.inputPackets();
        final long received = result.total(CoreCounter.PACKETS_RECEIVED);
        org.junit.jupiter.api.Assertions.assertEquals(sent, received, "every packet sent arrives");
        org.junit.jupiter.api.Assertions.assertEquals(received, result.total(CoreCounter.SPIKES_DELIVERED) +
            result.total(CoreCounter.PENDING_AT_END) + result.total(CoreCounter.DROPPED),
            "every packet that arrived is delivered, pending or dropped");
        org.junit.jupiter.api.Assertions.assertEquals(result.total(CoreCounter.PSUM_PACKETS_SENT),
            result.total(CoreCounter.PSUM_PACKETS_RECEIVED));
        long linkTotal = 0;
        for (int l = 0; l < result.mesh().linkCount(); l++)
        {
            linkTotal += result.linkPackets(l);
        }
        org.junit.jupiter.api.Assertions.assertEquals(result.totalHops(), linkTotal,
            "hops counted per core equal packets counted per link");
        for (int k = 0; k < result.coreCount(); k++)
        {
            org.junit.jupiter.api.Assertions.assertEquals(result.counter(k, CoreCounter.PACKETS_RECEIVED),
                result.counter(k, CoreCounter.SPIKES_DELIVERED) + result.counter(k, CoreCounter.PENDING_AT_END) +
                    result.counter(k, CoreCounter.DROPPED), "core " + result.coreId(k));
        }
    }

    /** Learning happened (over 10,000 updates) and 2 and 4 workers learn the same spikes and weights as 1. */
    static void assertSameLearningFor1And2And4Workers(final org.chipsim.proto.v1.ChipProgram program)
    {
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        org.junit.jupiter.api.Assertions.assertTrue(one.total(CoreCounter.LEARN_UPDATES) > 10_000,
            "learning happened");
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            org.junit.jupiter.api.Assertions.assertEquals(one.raster(), many.raster());
            org.junit.jupiter.api.Assertions.assertEquals(one.total(CoreCounter.LEARN_UPDATES),
                many.total(CoreCounter.LEARN_UPDATES));
            for (int k = 0; k < one.coreCount(); k++)
            {
                org.junit.jupiter.api.Assertions.assertArrayEquals(one.learnedWeights(k), many.learnedWeights(k),
                    workers + " workers, core " + k);
            }
        }
    }
}
