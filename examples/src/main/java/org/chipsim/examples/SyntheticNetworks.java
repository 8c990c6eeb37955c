package org.chipsim.examples;

import java.util.SplittableRandom;

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
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.SparseWeights;

/**
 * Synthetic networks for benchmarks and scaling studies, built to a given size and activity.
 */
public final class SyntheticNetworks
{
    private SyntheticNetworks()
    {
    }

    /**
     * A chip-filling throughput network: {@code cores} dense crossbars of {@code axons x neurons}, each fed by its own
     * slice of Poisson inputs firing with probability {@code rate} per tick (block-diagonal input projection, so every
     * crossbar row is used and every delivered spike costs {@code neurons} SOPs). The neurons integrate without leak
     * and with a high threshold, so they fire rarely and the load is the synaptic delivery the chip is built for;
     * a sparse projection from each core's neurons to the next core's (fan-out {@code recurrentFanOut}) sends their
     * spikes across the mesh.
     */
    public static Model denseCores(final int cores, final int axons, final int neurons, final double rate,
        final int recurrentFanOut, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int inputs = cores * axons;
        final int size = cores * neurons;
        final SparseWeights.Builder feed = SparseWeights.newBuilder();
        for (int c = 0; c < cores; c++)
        {
            for (int a = 0; a < axons; a++)
            {
                for (int n = 0; n < neurons; n++)
                {
                    // weights in [-1, 1) x 0.1: mean zero, never exactly zero, so every row is a full row of SOPs
                    float w = (float)((random.nextDouble() * 2 - 1) * 0.1);
                    if (w == 0f)
                    {
                        w = 0.05f;
                    }
                    feed.addPre(c * axons + a).addPost(c * neurons + n).addWeight(w);
                }
            }
        }
        final SparseWeights.Builder recurrent = SparseWeights.newBuilder();
        final int fanOut = Math.min(recurrentFanOut, neurons);
        for (int pre = 0; pre < size && fanOut > 0; pre++)
        {
            // each core's neurons feed the next core's (a ring of cores): one more crossbar of axons per core, and
            // spikes that travel the mesh
            final int nextCore = (pre / neurons + 1) % cores;
            final int start = random.nextInt(neurons);
            for (int k = 0; k < fanOut; k++)
            {
                recurrent.addPre(pre).addPost(nextCore * neurons + (start + k) % neurons).addWeight(0.01f);
            }
        }
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.95f)
            .setResetMode(ResetMode.RESET_TO_VALUE).build();
        final Network.Builder network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("input").setSize(inputs).setInput(true))
            .addPopulations(Population.newBuilder().setName("layer").setSize(size).setLif(lif))
            .addProjections(Projection.newBuilder().setName("input->layer").setSource("input").setTarget("layer")
                .setSparse(feed));
        if (recurrentFanOut > 0)
        {
            network.addProjections(Projection.newBuilder().setName("layer->layer").setSource("layer")
                .setTarget("layer").setSparse(recurrent));
        }
        final Sample.Builder sample = Sample.newBuilder();
        for (int i = 0; i < inputs; i++)
        {
            sample.addRates((float)rate);
        }
        final int width = (int)Math.ceil(Math.sqrt(cores * 1.25));
        final int height = (int)Math.ceil((double)cores * 1.25 / width);
        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName(String.format("synthetic-dense-%dx%dx%d-rate%.3f", cores, axons, neurons, rate))
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder().setPopulation("input")
                .setTicksPerSample(1 << 30).addSamples(sample)))
            .setChip(ChipSpec.newBuilder().setAxonsPerCore(axons + (recurrentFanOut > 0 ? axons : 0))
                .setNeuronsPerCore(neurons).setMeshWidth(width).setMeshHeight(height))
            .setRun(RunConfig.newBuilder().setSeed(seed))
            .build();
    }
}
