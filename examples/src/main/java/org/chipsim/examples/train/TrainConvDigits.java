package org.chipsim.examples.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.proto.v1.Conv2d;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Pool2d;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Stimulus;

/**
 * Trains the tiny {@link ConvNet} (3 x 3 conv with 8 channels, 2 x 2 average pooling, dense readout; no biases) on the
 * shipped 8 x 8 UCI digits, converts it to a rate-coded spiking model whose first two projections are a
 * {@code conv2d} and an {@code avg_pool2d} layer, writes it, and prints the ANN, float SNN, fixed-point and on-chip
 * accuracies. The conversion is {@link SnnConverter}'s (IF neurons, reset by subtraction, v_init 0.5, data-based
 * normalisation by the 99.9th percentile of each layer's positive activations), applied layer by layer.
 *
 * <pre>
 * TrainConvDigits OUTPUT.pb [SEED [EPOCHS [CHANNELS]]]      defaults: 1, 30, 8
 * </pre>
 * The split is {@link TrainDigits}'s default: 30 % held out, the first 300 of them the test set.
 */
public final class TrainConvDigits
{
    private static final String DATASET = "uci-digits.idx.gz";
    private static final int TICKS = 64;
    private static final double PERCENTILE = 99.9;

    private TrainConvDigits()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 1)
        {
            System.err.println("usage: TrainConvDigits OUTPUT.pb [SEED [EPOCHS [CHANNELS]]]");
            System.exit(2);
        }
        final PrintStream out = System.out;
        final Path output = Path.of(args[0]);
        final long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        final int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        final int channels = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        final IdxDataset data = IdxDataset.loadResource(DATASET);
        final DataSplit split = DataSplit.of(data, 0.3, 0, 300, seed);
        final long start = System.nanoTime();
        final ConvNet net = train(split, seed, epochs, channels);
        final double ann = net.accuracy(split.testInputs(), split.testLabels());
        out.printf(Locale.ROOT, "%s: train %d, test %d; conv %dx3x3 (pad 1) -> avgpool 2 -> dense %d; trained %d " +
            "epochs in %.1f s; ANN test accuracy %.4f (train %.4f)%n", DATASET, split.trainInputs().length,
            split.testInputs().length, channels, split.classes(), epochs, (System.nanoTime() - start) / 1e9, ann,
            net.accuracy(split.trainInputs(), split.trainLabels()));

        final double[] scales = activationScales(net, split.trainInputs());
        final Model model = convert(net, scales, split.testInputs(), split.testLabels(), seed).toBuilder()
            .setProvenance(Provenance.newBuilder()
                .setSource("chipsim examples TrainConvDigits: bias-free ReLU convnet (conv 3x3, average pooling, " +
                    "dense) trained with mini-batch SGD, converted to IF neurons by rate coding with data-based " +
                    "weight normalisation")
                .setDescription(String.format(Locale.ROOT, "conv %dx3x3 pad 1 -> avgpool 2x2 -> dense %d, seed %d, " +
                    "%d epochs; regenerate with: TrainConvDigits %s (docs/training.md)", channels, split.classes(),
                    seed, epochs, String.join(" ", args)))
                .setDataset(String.format(Locale.ROOT, "%s (%d images, %dx%d pixels)", DATASET, data.count(),
                    data.rows(), data.cols()))
                .setTrainSamples(split.trainInputs().length)
                .setTestSamples(split.testInputs().length)
                .setAnnAccuracy((float)ann)
                .setAnnAccuracySamples(split.testInputs().length)
                .setAnnTestAccuracy((float)ann))
            .build();
        if (output.toAbsolutePath().getParent() != null)
        {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (OutputStream stream = Files.newOutputStream(output))
        {
            model.writeTo(stream);
        }
        out.printf(Locale.ROOT, "normalisation scales %s; wrote %s (%d bytes)%n", Arrays.toString(Arrays.stream(scales)
            .mapToObj(s -> String.format(Locale.ROOT, "%.3f", s)).toArray()), output, Files.size(output));
        final SnnAccuracy.Result snn = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FLOAT);
        final SnnAccuracy.Result fixed = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FIXED_POINT);
        final SnnAccuracy.Result chip = SnnAccuracy.chip(model);
        out.printf(Locale.ROOT, "summary conv-digits, %d test samples: ANN %.4f | SNN float %.4f | SNN fixed point " +
            "%.4f | chip %.4f%n", split.testInputs().length, ann, snn.accuracy(), fixed.accuracy(), chip.accuracy());
    }

    /** The convnet trained with {@link TrainDigits}'s default SGD settings. */
    public static ConvNet train(final DataSplit split, final long seed, final int epochs, final int channels)
    {
        final ConvNet net = ConvNet.initialized(split.inputSize() / split.width(), split.width(), channels,
            split.classes(), seed);
        net.train(split.trainInputs(), split.trainLabels(), new SgdTrainer.Settings(epochs, 32, 0.05, 0.9, 1e-4, 0,
            split.width(), seed));
        return net;
    }

    /** λ per neuron layer: 1 for the input (rate 1 per unit pixel), then the percentile of positive activations. */
    public static double[] activationScales(final ConvNet net, final float[][] inputs)
    {
        final float[][] a = net.newActivations();
        final float[][] positives = new float[4][];
        final int[] counts = new int[4];
        for (int l = 1; l <= 3; l++)
        {
            positives[l] = new float[1024];
        }
        for (final float[] input : inputs)
        {
            net.forward(input, a);
            for (int l = 1; l <= 3; l++)
            {
                for (final float v : a[l])
                {
                    if (v > 0f)
                    {
                        if (counts[l] == positives[l].length)
                        {
                            positives[l] = Arrays.copyOf(positives[l], counts[l] * 2);
                        }
                        positives[l][counts[l]++] = v;
                    }
                }
            }
        }
        final double[] scales = new double[4];
        scales[0] = 1.0;
        for (int l = 1; l <= 3; l++)
        {
            final float[] sorted = Arrays.copyOf(positives[l], counts[l]);
            Arrays.sort(sorted);
            final int at = (int)Math.min(sorted.length - 1, Math.max(0, Math.ceil(PERCENTILE / 100 * sorted.length) -
                1));
            scales[l] = sorted[at];
        }
        return scales;
    }

    /**
     * The spiking model: input (1 x 8 x 8) -conv2d-> conv (C x 8 x 8) -avg_pool2d-> pool (C x 4 x 4) -dense->
     * output, IF neurons, weights normalised by {@code scales}; the test images rate-coded for 64 ticks each.
     */
    public static Model convert(final ConvNet net, final double[] scales, final float[][] testInputs,
        final int[] testLabels, final long seed)
    {
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1f).setResetMode(ResetMode.RESET_SUBTRACT)
            .setVInit(0.5f).build();
        final int h = net.height();
        final int w = net.width();
        final Conv2d.Builder conv = Conv2d.newBuilder().addInputShape(1).addInputShape(h).addInputShape(w)
            .setOutChannels(net.channels()).addKernel(ConvNet.KERNEL).addPadding(ConvNet.PADDING);
        for (final float k : net.kernel())
        {
            conv.addWeight((float)(k * scales[0] / scales[1]));
        }
        final Projection.Builder dense = Projection.newBuilder().setName("dense").setSource("pool").setTarget("output");
        for (final float k : net.dense())
        {
            dense.addWeights((float)(k * scales[2] / scales[3]));
        }
        final Network network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("input").setSize(h * w).setInput(true))
            .addPopulations(Population.newBuilder().setName("conv").setSize(net.convSize()).setLif(lif))
            .addPopulations(Population.newBuilder().setName("pool").setSize(net.pooledSize()).setLif(lif))
            .addPopulations(Population.newBuilder().setName("output").setSize(net.classes()).setLif(lif))
            .addProjections(Projection.newBuilder().setName("conv1").setSource("input").setTarget("conv")
                .setConv2D(conv))
            .addProjections(Projection.newBuilder().setName("pool1").setSource("conv").setTarget("pool")
                .setAvgPool2D(Pool2d.newBuilder().addInputShape(net.channels()).addInputShape(h).addInputShape(w)
                    .addKernel(ConvNet.POOL).setWeight((float)(scales[1] / scales[2]))))
            .addProjections(dense)
            .build();
        final RateCoded.Builder rate = RateCoded.newBuilder().setPopulation("input").setTicksPerSample(TICKS)
            .setResetBetweenSamples(true);
        for (int s = 0; s < testInputs.length; s++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(testLabels[s]).setHasLabel(true);
            for (final float x : testInputs[s])
            {
                sample.addRates(Math.min(1f, x));
            }
            rate.addSamples(sample);
        }
        return Model.newBuilder()
            .setSchemaVersion(1)
            .setName(String.format(Locale.ROOT, "uci-digits-conv %d-%dx3x3-avgpool2-%d (rate-converted ReLU convnet, " +
                "seed %d)", h * w, net.channels(), net.classes(), seed))
            .setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(rate))
            .setRun(RunConfig.newBuilder().setReadoutPopulation("output").setSeed(seed))
            .build();
    }
}
