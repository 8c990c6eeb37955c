package org.chipsim.examples.dvs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.Classification;
import org.chipsim.chip.ReferenceRun;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SparseWeights;

/**
 * Builds {@code examples/models/dvs-motion.pb}: a hand-wired (not trained) spiking network that tells the direction in
 * which a bar or edge moves across a 16 x 16 event-camera retina ({@link DvsMotion}), four classes.
 *
 * <p>The network is a bank of correlation-type elementary motion detectors (Hassenstein and Reichardt 1956; Barlow
 * and Levick 1965) built from the chip's own parts, synaptic delays and leaky integration:
 * <ul>
 *   <li>{@code ds_right}, {@code ds_left}, {@code ds_down}, {@code ds_up}: one direction-selective LIF neuron per
 *   pixel pair (pixel, its neighbour in the preferred direction) and polarity, 2 x 15 x 16 = 480 per direction. It
 *   gets the pixel's events through a projection with {@code delay_ticks} = {@link Params#delayTicks()} and the
 *   neighbour's events with no extra delay, weight 1 each; its threshold is above one input and its membrane decays,
 *   so it fires only when both arrive within a tick or so: when an edge passed the pixel and then the neighbour about
 *   {@code delayTicks} ticks later, i.e. moved in the preferred direction at about 1 / delayTicks pixels per tick.
 *   Motion the other way gives the two inputs {@code delayTicks} + travel time apart, too far to add up.</li>
 *   <li>{@code output}: four integrate-and-fire neurons, each counting its direction's detector spikes (weight 1,
 *   threshold {@link Params#outputThreshold()}, reset by subtraction) and inhibited by the opposite direction's
 *   (weight -{@link Params#opponentWeight()}): the opponent subtraction of the Reichardt detector. The readout is
 *   the output neuron with the most spikes in the sample.</li>
 * </ul>
 * The parameters were set by hand from this reasoning and checked on samples of other seeds than the shipped ones
 * (see docs/training.md). Run: {@code DvsMotionExample OUTPUT.pb [--samples N] [--seed S] [--csv EVENTS.csv]}.
 */
public final class DvsMotionExample
{
    public static final String INPUT = "input";
    public static final String RELAY = "relay";
    public static final String OUTPUT = "output";
    /** Seed of the shipped samples; the parameters were checked on other seeds. */
    public static final long SEED = 7;
    public static final int SAMPLES = 200;

    /**
     * @param relayRefractoryTicks ticks a relay neuron ignores its pixel after a spike
     * @param delayTicks      extra delay of the detector's slow arm, ticks (preferred speed 1 / delayTicks px/tick)
     * @param decay           detector membrane decay per tick
     * @param threshold       detector threshold (one input is 1)
     * @param outputThreshold output neuron threshold, in detector spikes
     * @param opponentWeight  inhibition of an output neuron per spike of the opposite direction's detectors
     */
    public record Params(int relayRefractoryTicks, int delayTicks, float decay, float threshold, float outputThreshold,
                         float opponentWeight)
    {
        public static Params defaults()
        {
            return new Params(3, 2, 0.5f, 1.3f, 8f, 0.5f);
        }
    }

    private DvsMotionExample()
    {
    }

    /** The network for a retina of {@code settings.size()} pixels. */
    public static Network network(final DvsMotion.Settings settings, final Params params)
    {
        final int size = settings.size();
        final int detectors = 2 * (size - 1) * size;
        final Network.Builder network = Network.newBuilder();
        network.addPopulations(Population.newBuilder().setName(INPUT).setSize(settings.inputs()).setInput(true));
        // relay: one neuron per input, fires on an event and then ignores its input for a few ticks, so that a pixel's
        // burst of events (several thresholds crossed by one passing edge) becomes one spike
        network.addPopulations(Population.newBuilder().setName(RELAY).setSize(settings.inputs())
            .setLif(LifNeuron.newBuilder().setThreshold(0.5f).setDecay(0f).setDecaySet(true)
                .setResetMode(ResetMode.RESET_TO_VALUE).setRefractoryTicks(params.relayRefractoryTicks())));
        final SparseWeights.Builder oneToOne = SparseWeights.newBuilder();
        for (int i = 0; i < settings.inputs(); i++)
        {
            oneToOne.addPre(i).addPost(i).addWeight(1f);
        }
        network.addProjections(Projection.newBuilder().setSource(INPUT).setTarget(RELAY).setSparse(oneToOne));
        final LifNeuron detector = LifNeuron.newBuilder().setThreshold(params.threshold()).setDecay(params.decay())
            .setDecaySet(true).setResetMode(ResetMode.RESET_TO_VALUE).setVMin(0f).setVMinSet(true).build();
        for (int d = 0; d < DvsMotion.CLASSES; d++)
        {
            network.addPopulations(Population.newBuilder().setName(detectorName(d)).setSize(detectors)
                .setLif(detector));
        }
        network.addPopulations(Population.newBuilder().setName(OUTPUT).setSize(DvsMotion.CLASSES)
            .setLif(LifNeuron.newBuilder().setThreshold(params.outputThreshold()).setResetMode(ResetMode.RESET_SUBTRACT)
                .setVMin(0f).setVMinSet(true)));
        for (int d = 0; d < DvsMotion.CLASSES; d++)
        {
            final SparseWeights.Builder slow = SparseWeights.newBuilder();
            final SparseWeights.Builder fast = SparseWeights.newBuilder();
            for (int p = 0; p < 2; p++)
            {
                for (int u = 0; u < size - 1; u++)
                {
                    for (int c = 0; c < size; c++)
                    {
                        final int j = (p * (size - 1) + u) * size + c;
                        slow.addPre(DvsMotion.input(size, d, p, u, c)).addPost(j).addWeight(1f);
                        fast.addPre(DvsMotion.input(size, d, p, u + 1, c)).addPost(j).addWeight(1f);
                    }
                }
            }
            network.addProjections(Projection.newBuilder().setName(detectorName(d) + " slow arm").setSource(RELAY)
                .setTarget(detectorName(d)).setDelayTicks(params.delayTicks()).setSparse(slow));
            network.addProjections(Projection.newBuilder().setName(detectorName(d) + " fast arm").setSource(RELAY)
                .setTarget(detectorName(d)).setSparse(fast));
        }
        for (int d = 0; d < DvsMotion.CLASSES; d++)
        {
            final float[] weights = new float[detectors * DvsMotion.CLASSES];
            for (int j = 0; j < detectors; j++)
            {
                weights[j * DvsMotion.CLASSES + d] = 1f;
                weights[j * DvsMotion.CLASSES + opposite(d)] = -params.opponentWeight();
            }
            final Projection.Builder projection = Projection.newBuilder().setSource(detectorName(d)).setTarget(OUTPUT);
            for (final float w : weights)
            {
                projection.addWeights(w);
            }
            network.addProjections(projection);
        }
        return network.build();
    }

    /** The model: network, the samples as a labeled spike-train stimulus, readout and provenance. */
    public static Model model(final DvsMotion.Settings settings, final Params params, final long seed,
        final int samples)
    {
        final List<DvsMotion.Sample> list = Arrays.asList(DvsMotion.generate(settings, seed, 0, samples));
        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName(String.format(Locale.ROOT, "dvs-motion %dx%d (hand-wired motion detectors, seed %d)",
                settings.size(), settings.size(), seed))
            .setNetwork(network(settings, params))
            .setStimulus(DvsMotion.stimulus(settings, list, INPUT))
            .setRun(RunConfig.newBuilder().setReadoutPopulation(OUTPUT).setSeed(1))
            .setProvenance(Provenance.newBuilder()
                .setSource("chipsim examples DvsMotionExample: hand-wired correlation-type (Reichardt) motion " +
                    "detectors with synaptic delays; not trained")
                .setDescription(String.format(Locale.ROOT, "%s; %s; regenerate with: DvsMotionExample " +
                    "examples/models/dvs-motion.pb --samples %d --seed %d (docs/training.md)", settings, params,
                    samples, seed))
                .setDataset(String.format(Locale.ROOT, "DvsMotion generator (org.chipsim.examples.dvs), seed %d: " +
                    "%d samples of a bar or edge moving right, left, down or up", seed, samples))
                .setTestSamples(samples))
            .build();
    }

    public static String detectorName(final int direction)
    {
        return "ds_" + DvsMotion.DIRECTIONS[direction];
    }

    static int opposite(final int direction)
    {
        return direction ^ 1;
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 1)
        {
            System.err.println("usage: DvsMotionExample OUTPUT.pb [--samples N] [--seed S] [--csv EVENTS.csv] " +
                "[--check-seed S2]");
            System.exit(2);
        }
        final Path output = Path.of(args[0]);
        final int samples = (int)option(args, "--samples", SAMPLES);
        final long seed = option(args, "--seed", SEED);
        final DvsMotion.Settings settings = DvsMotion.Settings.defaults();
        final Params params = Params.defaults();
        final Model model = model(settings, params, seed, samples);
        if (output.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (OutputStream out = Files.newOutputStream(output))
        {
            model.writeTo(out);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%,d bytes, %d samples x %d ticks)%n", output, Files.size(output),
            samples, settings.ticksPerSample());
        final String csv = stringOption(args, "--csv");
        if (csv != null)
        {
            try (Writer writer = Files.newBufferedWriter(Path.of(csv), StandardCharsets.UTF_8))
            {
                DvsMotion.writeCsv(settings, Arrays.asList(DvsMotion.generate(settings, seed, 0, samples)), writer);
            }
            System.out.println("wrote " + csv);
        }
        report("shipped samples, seed " + seed, model);
        final String check = stringOption(args, "--check-seed");
        if (check != null)
        {
            report("check samples, seed " + check, model(settings, params, Long.parseLong(check), samples));
        }
    }

    private static void report(final String what, final Model model)
    {
        final ReferenceRun reference = new ReferenceRun(model, ReferenceSimulator.Mode.FLOAT, 0);
        final Classification floatResult = reference.classify(reference.naturalTicks());
        final RunResult chip = new ChipSimulation(Compiler.compile(model), RunOptions.defaults()).run();
        System.out.printf(Locale.ROOT, "%s: float SNN %.4f, chip %.4f (%d samples); chip confusion %s%n", what,
            floatResult.accuracy(), chip.classification().accuracy(), chip.classification().labeled(),
            confusion(chip.classification()));
    }

    /** Confusion matrix rows = true class, columns = predicted (last column: no prediction). */
    static String confusion(final Classification c)
    {
        final int[][] m = new int[DvsMotion.CLASSES][DvsMotion.CLASSES + 1];
        for (int s = 0; s < c.labels().length; s++)
        {
            final int predicted = c.predicted()[s];
            m[c.labels()[s]][predicted < 0 ? DvsMotion.CLASSES : predicted]++;
        }
        return Arrays.deepToString(m);
    }

    private static long option(final String[] args, final String name, final long fallback)
    {
        final String value = stringOption(args, name);
        return value == null ? fallback : Long.parseLong(value);
    }

    private static String stringOption(final String[] args, final String name)
    {
        for (int i = 1; i < args.length - 1; i++)
        {
            if (args[i].equals(name))
            {
                return args[i + 1];
            }
        }
        return null;
    }
}
