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
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Provenance;

/**
 * Trains a ReLU MLP on a shipped digit dataset, converts it to a rate-coded spiking model and writes the model file;
 * prints the float ANN, float SNN (reference simulator) and on-chip test accuracies.
 *
 * <pre>
 * TrainDigits DATASET OUTPUT.pb SEED EPOCHS HIDDEN [options]
 *   DATASET   uci-digits.idx.gz, mnist-10k.idx.gz or fashion-mnist-10k.idx.gz (a resource under /datasets/)
 *   HIDDEN    hidden layer sizes, comma-separated, e.g. 100 or 256,64
 * options (defaults in brackets):
 *   --test-fraction F     fraction held out for testing [0.3]
 *   --test-samples N      held-out images used as the test set, 0 = all [300]
 *   --train-samples N     train images used, 0 = all [0]
 *   --batch N [32]  --lr X [0.05]  --momentum X [0.9]  --weight-decay X [1e-4]
 *   --shift N             random shift augmentation in pixels [0]
 *   --ship-samples N      write only the first N test samples into the model file, 0 = all [0];
 *                         the accuracies are still measured on the whole test set, and also on these N
 *   --ticks N             ticks per test sample [64]
 *   --percentile P        activation percentile for weight normalisation [99.9]
 *   --output-percentile P the same for the output layer [99.9]
 *   --max-rate X          input spike probability per tick of a full pixel [1]
 *   --no-snn              write the model without simulating it
 *   --fixed-point         also run the fixed-point reference (must equal the chip)
 * </pre>
 */
public final class TrainDigits
{
    private TrainDigits()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 5)
        {
            System.err.println("usage: TrainDigits DATASET OUTPUT.pb SEED EPOCHS HIDDEN[,HIDDEN...] [options]");
            System.exit(2);
        }
        final PrintStream out = System.out;
        final String dataset = args[0];
        final Path output = Path.of(args[1]);
        final long seed = Long.parseLong(args[2]);
        final int epochs = Integer.parseInt(args[3]);
        final int[] hidden = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        final Options o = new Options(Arrays.copyOfRange(args, 5, args.length));

        final IdxDataset data = IdxDataset.loadResource(dataset);
        final DataSplit split = DataSplit.of(data, o.number("--test-fraction", 0.3), (int)o.number("--train-samples", 0),
            (int)o.number("--test-samples", 300), seed);
        final int[] sizes = new int[hidden.length + 2];
        sizes[0] = split.inputSize();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = split.classes();
        final String architecture = String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
        out.printf(Locale.ROOT, "%s: %d images %dx%d; train %d, test %d; MLP %s, seed %d%n", dataset, data.count(),
            data.rows(), data.cols(), split.trainInputs().length, split.testInputs().length, architecture, seed);

        final long trainStart = System.nanoTime();
        final Mlp mlp = Mlp.initialized(sizes, seed);
        final SgdTrainer.Settings training = new SgdTrainer.Settings(epochs, (int)o.number("--batch", 32),
            o.number("--lr", 0.05), o.number("--momentum", 0.9), o.number("--weight-decay", 1e-4),
            (int)o.number("--shift", 0), split.width(), seed);
        SgdTrainer.train(mlp, split.trainInputs(), split.trainLabels(), training, (epoch, loss, accuracy) ->
        {
            if (epoch == 1 || epoch % 5 == 0 || epoch == epochs)
            {
                out.printf(Locale.ROOT, "  epoch %3d  loss %.4f  train accuracy %.4f%n", epoch, loss, accuracy);
            }
        });
        final double annTrain = mlp.accuracy(split.trainInputs(), split.trainLabels());
        final double ann = mlp.accuracy(split.testInputs(), split.testLabels());
        out.printf(Locale.ROOT, "trained in %.1f s; ANN float accuracy: train %.4f, test %.4f%n",
            (System.nanoTime() - trainStart) / 1e9, annTrain, ann);

        final String name = dataset.replaceFirst("\\.idx\\.gz$", "") + "-mlp " + architecture +
            " (rate-converted ReLU MLP, seed " + seed + ")";
        final SnnConverter.Settings conversion = new SnnConverter.Settings(name, o.number("--percentile", 99.9),
            o.number("--output-percentile", 99.9), (float)o.number("--max-rate", 1), (int)o.number("--ticks", 64), 0.5f,
            seed);
        final double[] scales = SnnConverter.activationScales(mlp, split.trainInputs(), conversion);
        final Model model = SnnConverter.convert(mlp, scales, split.testInputs(), split.testLabels(), conversion);
        final int tested = split.testInputs().length;
        final int shipSamples = o.number("--ship-samples", 0) > 0 ? (int)o.number("--ship-samples", 0) : tested;
        final int shipped = Math.min(shipSamples, tested);
        final double annShipped = mlp.accuracy(Arrays.copyOf(split.testInputs(), shipped),
            Arrays.copyOf(split.testLabels(), shipped));
        final Model shippedModel = SnnAccuracy.firstSamples(model, shipped).toBuilder()
            .setProvenance(provenance(args, data, architecture, seed, epochs, split.trainInputs().length, tested,
                annShipped, shipped, ann))
            .build();
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(output))
        {
            shippedModel.writeTo(stream);
        }
        out.printf(Locale.ROOT, "normalisation scales %s; wrote %s (%d bytes, %d samples x %d ticks)%n",
            Arrays.toString(Arrays.stream(scales).mapToObj(s -> String.format(Locale.ROOT, "%.3f", s)).toArray()),
            output, Files.size(output), shipped, conversion.ticksPerSample());

        if (o.flag("--no-snn"))
        {
            return;
        }
        final SnnAccuracy.Result snn = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FLOAT);
        out.printf(Locale.ROOT, "SNN float reference accuracy: %.4f (%d samples, %.1f s)%n", snn.accuracy(),
            snn.samples(), snn.wallNanos() / 1e9);
        if (o.flag("--fixed-point"))
        {
            final SnnAccuracy.Result fixed = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FIXED_POINT);
            out.printf(Locale.ROOT, "SNN fixed-point reference accuracy: %.4f (%d samples, %.1f s)%n",
                fixed.accuracy(), fixed.samples(), fixed.wallNanos() / 1e9);
        }
        final SnnAccuracy.Result chip = SnnAccuracy.chip(model);
        out.printf(Locale.ROOT, "on-chip accuracy: %.4f (%d samples, %.1f s)%n", chip.accuracy(), chip.samples(),
            chip.wallNanos() / 1e9);
        out.printf(Locale.ROOT, "summary %s, %d test samples: ANN %.4f | SNN float %.4f | chip %.4f%n", architecture,
            tested, ann, snn.accuracy(), chip.accuracy());
        if (shipped < tested)
        {
            final float[][] first = Arrays.copyOf(split.testInputs(), shipped);
            final int[] firstLabels = Arrays.copyOf(split.testLabels(), shipped);
            out.printf(Locale.ROOT, "summary %s, the %d shipped samples: ANN %.4f | SNN float %.4f | chip %.4f%n",
                architecture, shipped, mlp.accuracy(first, firstLabels), snn.accuracyOfFirst(shipped),
                chip.accuracyOfFirst(shipped));
        }
    }

    /**
     * What the model file records about how it was made: the trainer and method, the command line, the data and the
     * ANN's accuracy on the shipped samples ({@code annShipped} over {@code shipped}) and on the whole test split.
     */
    static Provenance provenance(final String[] args, final IdxDataset data, final String architecture,
        final long seed, final int epochs, final int trainSamples, final int testSamples, final double annShipped,
        final int shipped, final double annTest)
    {
        return Provenance.newBuilder()
            .setSource("chipsim examples TrainDigits: bias-free ReLU MLP trained with mini-batch SGD (softmax " +
                "cross-entropy), converted to IF neurons by rate coding with data-based weight normalisation")
            .setDescription(String.format(Locale.ROOT, "MLP %s, seed %d, %d epochs; regenerate with: " +
                "TrainDigits %s (docs/training.md)", architecture, seed, epochs, String.join(" ", args)))
            .setDataset(String.format(Locale.ROOT, "%s (%d images, %dx%d pixels, %d classes)", args[0], data.count(),
                data.rows(), data.cols(), data.labelCounts().length))
            .setTrainSamples(trainSamples)
            .setTestSamples(testSamples)
            .setAnnAccuracy((float)annShipped)
            .setAnnAccuracySamples(shipped)
            .setAnnTestAccuracy((float)annTest)
            .build();
    }

    /** "--name value" options and "--flag" switches. */
    private static final class Options
    {
        private final String[] args;

        Options(final String[] args)
        {
            this.args = args;
            for (final String arg : args)
            {
                if (arg.startsWith("--") && !KNOWN.contains(" " + arg + " "))
                {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        }

        private static final String KNOWN = " --test-fraction --test-samples --train-samples --batch --lr --momentum " +
            "--weight-decay --shift --ship-samples --ticks --percentile --output-percentile --max-rate --no-snn --fixed-point ";

        double number(final String name, final double fallback)
        {
            for (int i = 0; i < args.length - 1; i++)
            {
                if (args[i].equals(name))
                {
                    return Double.parseDouble(args[i + 1]);
                }
            }
            return fallback;
        }

        boolean flag(final String name)
        {
            return Arrays.asList(args).contains(name);
        }
    }
}
