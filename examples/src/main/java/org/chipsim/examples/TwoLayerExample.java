package org.chipsim.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.chipsim.proto.v1.Synapse;

/**
 * Builds {@code examples/models/two-layer.pb}: a small, hand-wired (not trained) two-layer LIF network that classifies
 * noisy Poisson-coded patterns, and shows how to write a chipsim model from Java.
 *
 * <p>Ten classes; each has a prototype of 60 active pixels out of a 20 x 20 input. The hidden layer has 60 LIF neurons
 * per class, each excited by a random half of its class's pixels and weakly inhibited by the others; the output layer
 * has one LIF neuron per class, excited by its class's hidden neurons and inhibited by the rest. With 400 inputs and
 * 600 hidden neurons the fan-ins exceed a 256-axon core, so the compiler needs partial-sum cores: nine cores in all.
 *
 * <p>Run it with {@code java -cp ... org.chipsim.examples.TwoLayerExample examples/models/two-layer.pb}. The output is
 * a pure function of the code (fixed seed), and a test checks the shipped file matches it byte for byte.
 */
public final class TwoLayerExample
{
    static final int CLASSES = 10;
    static final int SIDE = 20;
    static final int INPUTS = SIDE * SIDE;
    static final int ACTIVE_PIXELS = 60;
    static final int HIDDEN_PER_CLASS = 60;
    static final int HIDDEN = CLASSES * HIDDEN_PER_CLASS;
    static final int SAMPLES_PER_CLASS = 5;
    static final int TICKS_PER_SAMPLE = 50;
    static final float ACTIVE_RATE = 0.3f;
    static final float BACKGROUND_RATE = 0.02f;
    static final long SEED = 20261125L;

    private TwoLayerExample()
    {
    }

    public static Model build()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final boolean[][] prototype = new boolean[CLASSES][INPUTS];
        for (int k = 0; k < CLASSES; k++)
        {
            int placed = 0;
            while (placed < ACTIVE_PIXELS)
            {
                final int pixel = random.nextInt(INPUTS);
                if (!prototype[k][pixel])
                {
                    prototype[k][pixel] = true;
                    placed++;
                }
            }
        }

        // input -> hidden is sparse (about 18 % of pairs), so it is written as a synapse list
        final Projection.Builder inputToHidden = Projection.newBuilder().setName("input->hidden").setSource("input")
            .setTarget("hidden");
        for (int h = 0; h < HIDDEN; h++)
        {
            final int k = h / HIDDEN_PER_CLASS;
            for (int i = 0; i < INPUTS; i++)
            {
                final float w;
                if (prototype[k][i])
                {
                    w = random.nextBoolean() ? 0.25f + 0.1f * (float)random.nextDouble() : 0f;
                }
                else
                {
                    w = random.nextInt(8) == 0 ? -0.1f : 0f;
                }
                if (w != 0f)
                {
                    inputToHidden.addSynapses(Synapse.newBuilder().setPre(i).setPost(h).setWeight(w));
                }
            }
        }
        final float[] hiddenToOutput = new float[HIDDEN * CLASSES];
        for (int h = 0; h < HIDDEN; h++)
        {
            for (int k = 0; k < CLASSES; k++)
            {
                hiddenToOutput[h * CLASSES + k] = h / HIDDEN_PER_CLASS == k ? 0.2f : -0.05f;
            }
        }

        final LifNeuron hiddenLif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.9f)
            .setResetMode(ResetMode.RESET_TO_VALUE).setRefractoryTicks(2).build();
        final LifNeuron outputLif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.8f)
            .setResetMode(ResetMode.RESET_SUBTRACT).setVMinSet(true).setVMin(-1.0f).build();
        final Network network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("input").setSize(INPUTS).setInput(true))
            .addPopulations(Population.newBuilder().setName("hidden").setSize(HIDDEN).setLif(hiddenLif))
            .addPopulations(Population.newBuilder().setName("output").setSize(CLASSES).setLif(outputLif))
            .addProjections(inputToHidden)
            .addProjections(Projection.newBuilder().setName("hidden->output").setSource("hidden")
                .setTarget("output").setDelayTicks(1).addAllWeights(asList(hiddenToOutput)))
            .build();

        final RateCoded.Builder stimulus = RateCoded.newBuilder().setPopulation("input")
            .setTicksPerSample(TICKS_PER_SAMPLE).setResetBetweenSamples(true).setRateScale(1.0f);
        for (int s = 0; s < CLASSES * SAMPLES_PER_CLASS; s++)
        {
            final int k = s % CLASSES;
            final Sample.Builder sample = Sample.newBuilder().setLabel(k).setHasLabel(true);
            for (int i = 0; i < INPUTS; i++)
            {
                // noisy copy of the prototype: 20 % of its pixels dropped, 5 % of the background lit
                final boolean on = prototype[k][i] ? random.nextInt(5) != 0 : random.nextInt(20) == 0;
                sample.addRates(on ? ACTIVE_RATE : BACKGROUND_RATE);
            }
            stimulus.addSamples(sample);
        }

        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName("two-layer")
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(stimulus))
            .setChip(ChipSpec.getDefaultInstance())
            .setRun(RunConfig.newBuilder().setSeed(7).addRecordPopulations("output").setReadoutPopulation("output"))
            .build();
    }

    private static java.util.List<Float> asList(final float[] values)
    {
        final java.util.List<Float> list = new java.util.ArrayList<>(values.length);
        for (final float v : values)
        {
            list.add(v);
        }
        return list;
    }

    public static void main(final String[] args) throws IOException
    {
        final Path out = Path.of(args.length > 0 ? args[0] : "examples/models/two-layer.pb");
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out))
        {
            build().writeTo(stream);
        }
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
