package org.chipsim.chip.property;

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
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.Stimulus;

/**
 * Random small but complete models from one seed: 1-2 input populations, 1-3 LIF populations with random
 * parameters, random dense or sparse projections (feed-forward, recurrent and backward, with delays), random small
 * cores so that every population spans cores and most fan-ins need partial sums, a Poisson stimulus.
 */
final class RandomNetworks
{
    private RandomNetworks()
    {
    }

    static Model model(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int inputs = 1 + random.nextInt(2);
        final int neurons = 1 + random.nextInt(3);
        final Network.Builder network = Network.newBuilder();
        for (int p = 0; p < inputs; p++)
        {
            network.addPopulations(Population.newBuilder().setName("in" + p).setSize(1 + random.nextInt(30))
                .setInput(true));
        }
        for (int p = 0; p < neurons; p++)
        {
            final LifNeuron.Builder lif = LifNeuron.newBuilder()
                .setThreshold((float)(0.5 + random.nextDouble()))
                .setDecay((float)(0.5 + 0.5 * random.nextDouble()))
                .setLeak(random.nextInt(3) == 0 ? (float)(0.05 * random.nextDouble()) : 0f)
                .setBias(random.nextInt(3) == 0 ? (float)(0.2 * random.nextDouble() - 0.05) : 0f)
                .setResetMode(random.nextBoolean() ? ResetMode.RESET_SUBTRACT : ResetMode.RESET_TO_VALUE)
                .setRefractoryTicks(random.nextInt(3));
            if (random.nextBoolean())
            {
                lif.setVMinSet(true).setVMin(-1f);
            }
            network.addPopulations(Population.newBuilder().setName("n" + p).setSize(1 + random.nextInt(40))
                .setLif(lif));
        }
        // every LIF population gets input from an input population, plus random extra projections
        for (int p = 0; p < neurons; p++)
        {
            addProjection(network, random, "in" + random.nextInt(inputs), "n" + p, 0.6);
        }
        final int extra = random.nextInt(4);
        for (int k = 0; k < extra; k++)
        {
            addProjection(network, random, "n" + random.nextInt(neurons), "n" + random.nextInt(neurons), 0.3);
        }
        final Population first = network.getPopulations(0);
        final RateCoded.Builder stimulus = RateCoded.newBuilder().setPopulation(first.getName())
            .setTicksPerSample(20 + random.nextInt(30)).setResetBetweenSamples(random.nextBoolean());
        for (int s = 0; s < 3; s++)
        {
            final Sample.Builder sample = Sample.newBuilder();
            for (int i = 0; i < first.getSize(); i++)
            {
                sample.addRates((float)(0.3 * random.nextDouble()));
            }
            stimulus.addSamples(sample);
        }
        final int axons = 4 + random.nextInt(29);
        final int perCore = 3 + random.nextInt(18);
        final int weightBits = 4 + random.nextInt(13);
        final ChipSpec.Builder chip = ChipSpec.newBuilder().setAxonsPerCore(axons).setNeuronsPerCore(perCore)
            .setMeshWidth(32).setMeshHeight(32).setWeightBits(weightBits).setMaxDelayTicks(3)
            .setInputPortX(random.nextInt(32)).setInputPortY(random.nextInt(32));
        neuronModelsAndWidths(seed, network, chip, weightBits);
        final Model model = Model.newBuilder()
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(stimulus))
            .setChip(chip)
            .setRun(RunConfig.newBuilder().setSeed(seed + 1))
            .build();
        try
        {
            org.chipsim.compiler.Compiler.compile(model);
            return model;
        }
        catch (final org.chipsim.core.ModelException e)
        {
            // a population whose few incoming weights are tiny has a threshold of many steps: no narrow membrane
            return model.toBuilder().setChip(chip.clearMembraneBits()).build();
        }
    }

    /**
     * From a generator of its own (so the draws above, and the models they make, are unchanged): some populations
     * current-based (CUBA), and some chips with narrow membranes (kept only where the parameters fit) and
     * accumulators that saturate.
     */
    private static void neuronModelsAndWidths(final long seed, final Network.Builder network,
        final ChipSpec.Builder chip, final int weightBits)
    {
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (final Population.Builder population : network.getPopulationsBuilderList())
        {
            if (!population.getInput() && random.nextInt(3) == 0)
            {
                population.setLif(population.getLif().toBuilder().setSynapticCurrent(
                    org.chipsim.proto.v1.SynapticCurrent.newBuilder().setDecay((float)(0.9 * random.nextDouble()))));
            }
        }
        if (random.nextInt(3) == 0)
        {
            chip.setMembraneBits(Math.max(weightBits + 4, 12) + random.nextInt(6))
                .setAccumulatorBits(weightBits + random.nextInt(6));
        }
    }

    private static void addProjection(final Network.Builder network, final SplittableRandom random,
        final String source, final String target, final double density)
    {
        final int rows = size(network, source);
        final int cols = size(network, target);
        final Projection.Builder projection = Projection.newBuilder().setSource(source).setTarget(target)
            .setDelayTicks(random.nextInt(4));
        final boolean dense = random.nextBoolean();
        final SparseWeights.Builder sparse = SparseWeights.newBuilder();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                final float w = random.nextDouble() < density ? (float)(random.nextDouble() - 0.35) : 0f;
                if (dense)
                {
                    projection.addWeights(w);
                }
                else if (w != 0f)
                {
                    sparse.addPre(i).addPost(j).addWeight(w);
                }
            }
        }
        if (!dense)
        {
            projection.setSparse(sparse);
        }
        network.addProjections(projection);
    }

    private static int size(final Network.Builder network, final String name)
    {
        for (final Population population : network.getPopulationsList())
        {
            if (population.getName().equals(name))
            {
                return population.getSize();
            }
        }
        throw new IllegalArgumentException(name);
    }
}
