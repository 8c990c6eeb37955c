package org.chipsim.examples.train;

import java.util.Arrays;

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

/**
 * Rate-based ANN→SNN conversion of a bias-free ReLU {@link Mlp} into a chipsim {@link Model}.
 *
 * <p>Every ReLU unit becomes an integrate-and-fire neuron (decay 1, no leak, threshold 1, reset by subtraction) whose
 * firing rate approximates its normalised activation {@code a / λ}. Weights are rescaled layer by layer with
 * data-based normalisation: {@code W'_l = W_l * λ_(l-1) / λ_l}, where {@code λ_l} is a high percentile (99.9 by
 * default) of the positive activations of layer {@code l} over training data, so that almost every unit fires below
 * one spike per tick (Diehl et al., IJCNN 2015, "Fast-classifying, high-accuracy spiking deep networks through weight
 * and threshold balancing", used the maximum; Rueckauer et al., Front. Neurosci. 11:682, 2017, "Conversion of
 * continuous-valued deep networks to efficient event-driven networks for image classification", the percentile and
 * reset by subtraction). Input pixel {@code x} in [0, 1] is coded as a Bernoulli spike train of rate
 * {@code x * maxRate} per tick, so {@code λ_0 = 1 / maxRate}. Membranes start at {@code vInit} (half the threshold by
 * default), which turns the spike count's floor into rounding and shortens the latency.
 */
public final class SnnConverter
{
    /**
     * @param name              model name written into the file
     * @param percentile        percentile (0..100] of positive hidden activations that maps to one spike per tick
     * @param outputPercentile  the same for the output layer
     * @param maxRate           spike probability per tick of a pixel of value 1, in (0, 1]
     * @param ticksPerSample    ticks each test image is presented
     * @param vInit             initial membrane potential, as a fraction of the threshold
     * @param seed              run seed (drives the input spike generator)
     */
    public record Settings(String name, double percentile, double outputPercentile, float maxRate, int ticksPerSample,
        float vInit, long seed)
    {
        public Settings
        {
            if (!(percentile > 0 && percentile <= 100) || !(outputPercentile > 0 && outputPercentile <= 100) ||
                !(maxRate > 0 && maxRate <= 1) || ticksPerSample < 1 || !(vInit >= 0 && vInit < 1))
            {
                throw new IllegalArgumentException("invalid conversion settings: " + this);
            }
        }

        public static Settings defaults(final String name)
        {
            return new Settings(name, 99.9, 99.9, 1f, 64, 0.5f, 1);
        }

        public Settings withTicks(final int ticks)
        {
            return new Settings(name, percentile, outputPercentile, maxRate, ticks, vInit, seed);
        }

        public Settings withSeed(final long newSeed)
        {
            return new Settings(name, percentile, outputPercentile, maxRate, ticksPerSample, vInit, newSeed);
        }
    }

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private SnnConverter()
    {
    }

    /** Name of neuron layer {@code layer} (0 = input) in a converted network with {@code layers} weight layers. */
    public static String populationName(final int layer, final int layers)
    {
        return layer == 0 ? INPUT : layer == layers ? OUTPUT : "hidden" + layer;
    }

    /**
     * The normalisation factors: {@code λ[0] = 1 / maxRate}, {@code λ[l]} the percentile of the positive activations
     * of neuron layer {@code l} over {@code inputs}.
     */
    public static double[] activationScales(final Mlp mlp, final float[][] inputs, final Settings settings)
    {
        final int layers = mlp.layerCount();
        final float[][] positives = new float[layers + 1][];
        final int[] counts = new int[layers + 1];
        for (int l = 1; l <= layers; l++)
        {
            positives[l] = new float[Math.max(16, inputs.length * mlp.size(l) / 4)];
        }
        final float[][] activations = mlp.newActivations();
        for (final float[] input : inputs)
        {
            mlp.forward(input, activations);
            for (int l = 1; l <= layers; l++)
            {
                for (final float a : activations[l])
                {
                    if (a > 0f)
                    {
                        if (counts[l] == positives[l].length)
                        {
                            positives[l] = Arrays.copyOf(positives[l], positives[l].length * 2);
                        }
                        positives[l][counts[l]++] = a;
                    }
                }
            }
        }
        final double[] scales = new double[layers + 1];
        scales[0] = 1.0 / settings.maxRate();
        for (int l = 1; l <= layers; l++)
        {
            if (counts[l] == 0)
            {
                throw new IllegalArgumentException("layer " + l + " is never active on the normalisation data");
            }
            final float[] sorted = Arrays.copyOf(positives[l], counts[l]);
            Arrays.sort(sorted);
            final double p = l == layers ? settings.outputPercentile() : settings.percentile();
            final int at = (int)Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            scales[l] = sorted[at];
        }
        return scales;
    }

    /**
     * Converts {@code mlp} with the normalisation {@code scales} (from {@link #activationScales}) into a model that
     * presents {@code testInputs} (values in [0, 1]) with their labels and reads the class out of the output
     * population's spike counts. The chip is left unset: the Tianjic-like defaults.
     */
    public static Model convert(final Mlp mlp, final double[] scales, final float[][] testInputs,
        final int[] testLabels, final Settings settings)
    {
        final int layers = mlp.layerCount();
        final Network.Builder network = Network.newBuilder();
        network.addPopulations(Population.newBuilder().setName(INPUT).setSize(mlp.size(0)).setInput(true));
        final LifNeuron lif = LifNeuron.newBuilder()
            .setThreshold(1f)
            .setResetMode(ResetMode.RESET_SUBTRACT)
            .setVInit(settings.vInit())
            .build();
        for (int l = 1; l <= layers; l++)
        {
            network.addPopulations(Population.newBuilder().setName(populationName(l, layers)).setSize(mlp.size(l))
                .setLif(lif));
        }
        for (int l = 0; l < layers; l++)
        {
            final float[] w = mlp.weights(l);
            final double factor = scales[l] / scales[l + 1];
            final Projection.Builder projection = Projection.newBuilder()
                .setSource(populationName(l, layers))
                .setTarget(populationName(l + 1, layers));
            for (final float weight : w)
            {
                projection.addWeights((float)(weight * factor));
            }
            network.addProjections(projection);
        }
        final RateCoded.Builder rate = RateCoded.newBuilder()
            .setPopulation(INPUT)
            .setTicksPerSample(settings.ticksPerSample())
            .setResetBetweenSamples(true);
        for (int s = 0; s < testInputs.length; s++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(testLabels[s]).setHasLabel(true);
            for (final float x : testInputs[s])
            {
                sample.addRates(Math.min(1f, x * settings.maxRate()));
            }
            rate.addSamples(sample);
        }
        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName(settings.name())
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(rate))
            .setRun(RunConfig.newBuilder().setReadoutPopulation(OUTPUT).setSeed(settings.seed()))
            .build();
    }
}
