package org.chipsim.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
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
 * Builds {@code examples/models/synthetic-8layer.pb}: the placement benchmark. An 8-layer feed-forward network (an
 * off-chip input of 2,048 neurons and seven LIF layers of 3,072 … 2,048 neurons, 17,920 in all) with topographic
 * sparse projections, like a stack of 1-D convolutions: every neuron of a layer and every input lie on a ring, and
 * each neuron draws {@value #FAN_IN} synapses from a window of {@value #WINDOW} neighbouring positions of the layer
 * below (80 % excitatory, 20 % stronger inhibitory), delays 0.
 *
 * <p>On the default 12 x 13 chip it takes 140 of the 156 cores (90 %): 70 neuron cores, and because a block's window
 * spans 256 + 192 positions, one partial-sum core per neuron core. The stimulus is Poisson rate coding of 8 samples x
 * 50 ticks; each sample is a bump of activity (up to 30 % per tick) at a random place on the input ring over a 1 %
 * background. Each layer's synaptic gain is calibrated here, by bisection against the float reference simulator, so
 * that the layers fire at 8 % … 2.5 % per tick (see {@link #TARGET_RATES}).
 *
 * <p>Topographic projections reward placement: each block talks to the few blocks below and above it, so a placer
 * can keep them neighbours, while row-major placement breaks the neighbourhoods at every row end and layer boundary.
 * The file is a pure function of the code (fixed seed).
 */
public final class Synthetic8Layer
{
    static final int INPUTS = 2048;
    static final int[] LAYERS = {3072, 3072, 2816, 2560, 2304, 2048, 2048};
    /** Mean spikes per tick per neuron each layer is calibrated to, in the float reference. */
    static final double[] TARGET_RATES = {0.08, 0.065, 0.05, 0.04, 0.035, 0.03, 0.025};
    static final int FAN_IN = 40;
    static final int WINDOW = 192;
    static final int SAMPLES = 8;
    static final int TICKS_PER_SAMPLE = 50;
    static final long SEED = 20260208L;

    private Synthetic8Layer()
    {
    }

    /** Connectivity of one projection, before the gain: pre, post and a signed weight factor per synapse. */
    record Wiring(int[] pre, int[] post, float[] factor)
    {
    }

    /**
     * Topographic wiring from a ring of {@code sources} to a ring of {@code targets}: target j, at position
     * (j + 0.5) x sources / targets of the source ring, gets {@code fanIn} distinct sources from the {@code window}
     * positions centred there; factor +U(0.5, 1.5) with probability 0.8, else −1.5 x U(0.5, 1.5).
     */
    static Wiring topographic(final int sources, final int targets, final int fanIn, final int window,
        final SplittableRandom random)
    {
        final int count = targets * fanIn;
        final int[] pre = new int[count];
        final int[] post = new int[count];
        final float[] factor = new float[count];
        final int[] offsets = new int[window];
        int at = 0;
        for (int j = 0; j < targets; j++)
        {
            final int centre = (int)StrictMath.floor((j + 0.5) * sources / targets);
            for (int k = 0; k < window; k++)
            {
                offsets[k] = k - window / 2;
            }
            // partial Fisher-Yates: the first fanIn offsets are a uniform sample without repetition
            for (int k = 0; k < fanIn; k++)
            {
                final int swap = k + random.nextInt(window - k);
                final int tmp = offsets[k];
                offsets[k] = offsets[swap];
                offsets[swap] = tmp;
                pre[at] = Math.floorMod(centre + offsets[k], sources);
                post[at] = j;
                final double magnitude = 0.5 + random.nextDouble();
                factor[at++] = (float)(random.nextInt(5) == 0 ? -1.5 * magnitude : magnitude);
            }
        }
        return new Wiring(pre, post, factor);
    }

    /** The layers' wiring, input → layer 1 first. */
    static Wiring[] wiring(final int inputs, final int[] layers, final int fanIn, final int window,
        final SplittableRandom random)
    {
        final Wiring[] wiring = new Wiring[layers.length];
        for (int l = 0; l < layers.length; l++)
        {
            wiring[l] = topographic(l == 0 ? inputs : layers[l - 1], layers[l], fanIn, window, random);
        }
        return wiring;
    }

    /** Rate-coded bumps on the input ring: 1 % background plus up to 30 % in a Gaussian bump of width 300. */
    static RateCoded stimulus(final int inputs, final int samples, final int ticksPerSample,
        final SplittableRandom random)
    {
        final RateCoded.Builder stimulus = RateCoded.newBuilder().setPopulation("input")
            .setTicksPerSample(ticksPerSample).setResetBetweenSamples(true).setRateScale(1.0f);
        for (int s = 0; s < samples; s++)
        {
            final int centre = random.nextInt(inputs);
            final Sample.Builder sample = Sample.newBuilder();
            for (int i = 0; i < inputs; i++)
            {
                final int d = Math.min(Math.floorMod(i - centre, inputs), Math.floorMod(centre - i, inputs));
                final double bump = StrictMath.exp(-StrictMath.pow(d / 300.0, 2));
                sample.addRates((float)(0.01 + 0.30 * bump));
            }
            stimulus.addSamples(sample);
        }
        return stimulus.build();
    }

    /** The model with the given gains for the first {@code gains.length} layers (the rest are left out). */
    static Model model(final String name, final int inputs, final int[] layers, final Wiring[] wiring,
        final double[] gains, final RateCoded stimulus, final ChipSpec chip)
    {
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.85f)
            .setResetMode(ResetMode.RESET_TO_VALUE).setRefractoryTicks(1).build();
        final Network.Builder network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("input").setSize(inputs).setInput(true));
        for (int l = 0; l < gains.length; l++)
        {
            final String source = l == 0 ? "input" : layerName(l - 1);
            network.addPopulations(Population.newBuilder().setName(layerName(l)).setSize(layers[l]).setLif(lif));
            final Wiring w = wiring[l];
            final SparseWeights.Builder sparse = SparseWeights.newBuilder();
            for (int k = 0; k < w.pre().length; k++)
            {
                sparse.addPre(w.pre()[k]).addPost(w.post()[k]).addWeight((float)(gains[l] * w.factor()[k]));
            }
            network.addProjections(Projection.newBuilder().setName(source + "->" + layerName(l)).setSource(source)
                .setTarget(layerName(l)).setSparse(sparse));
        }
        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName(name)
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(stimulus))
            .setChip(chip)
            .setRun(RunConfig.newBuilder().setSeed(11))
            .build();
    }

    static String layerName(final int l)
    {
        return "layer" + (l + 1);
    }

    /**
     * Gains such that each layer's mean rate in the float reference is its target: layer by layer, bisection on the
     * logarithm of the gain (the rate grows with the gain), with the layers below already calibrated.
     */
    static double[] calibrate(final int inputs, final int[] layers, final Wiring[] wiring, final RateCoded stimulus,
        final double[] targets, final long ticks)
    {
        final double[] gains = new double[layers.length];
        for (int l = 0; l < layers.length; l++)
        {
            double lo = StrictMath.log(1e-3);
            double hi = StrictMath.log(10.0);
            for (int iteration = 0; iteration < 16; iteration++)
            {
                final double mid = 0.5 * (lo + hi);
                gains[l] = StrictMath.exp(mid);
                final double rate = layerRate(model("calibration", inputs, layers, wiring,
                    java.util.Arrays.copyOf(gains, l + 1), stimulus, ChipSpec.getDefaultInstance()), l, ticks);
                if (rate < targets[l])
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            gains[l] = StrictMath.exp(0.5 * (lo + hi));
        }
        return gains;
    }

    /** Mean spikes per tick per neuron of layer l (population l + 1) in the float reference. */
    static double layerRate(final Model model, final int l, final long ticks)
    {
        final ReferenceSimulator simulator = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT);
        final SpikeRaster raster = simulator.run(ticks);
        final int first = simulator.index().firstGlobalId(l + 1);
        final int size = simulator.index().size(l + 1);
        return (double)raster.filter(first, first + size).size() / ((double)size * ticks);
    }

    public static Model build()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Wiring[] wiring = wiring(INPUTS, LAYERS, FAN_IN, WINDOW, random);
        final RateCoded stimulus = stimulus(INPUTS, SAMPLES, TICKS_PER_SAMPLE, random);
        final double[] gains = calibrate(INPUTS, LAYERS, wiring, stimulus, TARGET_RATES,
            (long)SAMPLES * TICKS_PER_SAMPLE);
        return model("synthetic-8layer", INPUTS, LAYERS, wiring, gains, stimulus, ChipSpec.getDefaultInstance());
    }

    public static void main(final String[] args) throws IOException
    {
        final Path out = Path.of(args.length > 0 ? args[0] : "examples/models/synthetic-8layer.pb");
        final Model model = build();
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out))
        {
            model.writeTo(stream);
        }
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
