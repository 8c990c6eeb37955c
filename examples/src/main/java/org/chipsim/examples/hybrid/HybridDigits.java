package org.chipsim.examples.hybrid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.LearnedModel;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.examples.train.DataSplit;
import org.chipsim.examples.train.Mlp;
import org.chipsim.examples.train.SgdTrainer;
import org.chipsim.examples.train.SnnConverter;
import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Stimulus;

/**
 * Demonstration of hybrid global-local plasticity (Wu et al. 2022) on the shipped 8x8 digits: few-shot learning of
 * held-out classes.
 *
 * <ol>
 *   <li>The project's own trainer (SgdTrainer) trains a 64-64-10 ReLU MLP on the classes 0-4 only; SnnConverter turns
 *       it into a rate-coded spiking network: these are the global weights W, frozen on chip.</li>
 *   <li>The hidden -> output projection is mapped with {@code hybrid_gl}: every synapse also has a local weight P.
 *       Ten "teacher" input neurons (one per class, appended to the 64 pixel inputs) drive the output neuron of the
 *       sample's class while the few-shot samples are shown, as input packets like any spike.</li>
 *   <li>The chip sees {@code k} samples of each of the classes 5-9 (k shots), teacher on, and learns P locally
 *       ({@code P <- gamma P + beta sbar tanh(v / v_th - eta)}: the taught output neuron is above eta v_th, the others
 *       below). The saved model (P written into p_init) is then tested with P frozen on the whole held-out split,
 *       teacher off.</li>
 * </ol>
 *
 * <pre>
 *   HybridDigits generate OUT.pb [shots]     the few-shot learning model (W trained here; run it with chipsim run
 *                                            --save-model LEARNED.pb)
 *   HybridDigits evaluate LEARNED.pb         held-out accuracy (classes 0-4, 5-9, all) with the learned P frozen
 *   HybridDigits demo [shots,...]            everything in one process for each shot count, with the energy spent
 * </pre>
 *
 * The rule's parameters (alpha, beta, eta, gamma) are set by hand here, not meta-learned as in the paper. For
 * sweeps they can be overridden: -Dhybrid.beta (beta x shots / max|W|, default 0.025), -Dhybrid.eta (outputs 5-9,
 * 0.1), -Dhybrid.oldEta (outputs 0-4, 0), -Dhybrid.gamma (1), -Dhybrid.noVmin=true (outputs without v_min = 0).
 */
public final class HybridDigits
{
    static final long SEED = 1;
    static final int HIDDEN = 64;
    static final int CLASSES = 10;
    static final int BASE_CLASSES = 5;
    static final int PIXELS = 64;
    static final int TICKS = 64;
    /** Teacher input neurons per class: each excites its class's output neuron and inhibits the others by max|W|. */
    static final int TEACHER_COPIES = 4;
    static final int TEACHERS = CLASSES * TEACHER_COPIES;
    static final float ALPHA = 1f;
    static final float GAMMA = Float.parseFloat(System.getProperty("hybrid.gamma", "1"));
    static final float ETA = Float.parseFloat(System.getProperty("hybrid.eta", "0.1"));
    static final float OLD_ETA = Float.parseFloat(System.getProperty("hybrid.oldEta", "0"));
    static final float TAU_PRE = 10f;
    /**
     * beta relative to the largest |W| into the output population, times the number of shots: with k shots beta is
     * BETA_OF_MAX_W * max|W| / k, so the teaching drive summed over the shots is the same for any k (P does not decay,
     * gamma = 1). p_max is max|W|.
     */
    static final float BETA_OF_MAX_W = Float.parseFloat(System.getProperty("hybrid.beta", "0.025"));
    static final boolean V_MIN_ZERO = !Boolean.getBoolean("hybrid.noVmin");

    private HybridDigits()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 2 && args[0].equals("generate"))
        {
            final int shots = args.length > 2 ? Integer.parseInt(args[2]) : 5;
            Files.write(Path.of(args[1]), fewShotModel(base(), shots).toByteArray());
            System.out.println("wrote " + args[1] + " (" + shots + " shots of each of the classes 5-9)");
        }
        else if (args.length == 2 && args[0].equals("evaluate"))
        {
            final Model learned = Model.parseFrom(Files.readAllBytes(Path.of(args[1])));
            print("learned P", evaluate(learned, base().split));
        }
        else if (args.length <= 2 && (args.length == 0 || args[0].equals("demo")))
        {
            final String shots = args.length == 2 ? args[1] : "1,5,10";
            demo(java.util.Arrays.stream(shots.split(",")).mapToInt(Integer::parseInt).toArray());
        }
        else
        {
            System.err.println("usage: HybridDigits generate OUT.pb [shots] | evaluate LEARNED.pb | demo [shots,...]");
            System.exit(2);
        }
    }

    /** The trained base network (classes 0-4) and the data split it came from. */
    record Base(Model model, DataSplit split, double baseAnnAccuracy)
    {
    }

    static Base base()
    {
        final IdxDataset data = IdxDataset.loadResource("uci-digits.idx.gz");
        final DataSplit split = DataSplit.of(data, 0.3, 0, 0, SEED);
        final List<float[]> x = new ArrayList<>();
        final List<Integer> y = new ArrayList<>();
        for (int i = 0; i < split.trainInputs().length; i++)
        {
            if (split.trainLabels()[i] < BASE_CLASSES)
            {
                x.add(split.trainInputs()[i]);
                y.add(split.trainLabels()[i]);
            }
        }
        final float[][] inputs = x.toArray(new float[0][]);
        final int[] labels = y.stream().mapToInt(Integer::intValue).toArray();
        final Mlp mlp = Mlp.initialized(new int[] {PIXELS, HIDDEN, CLASSES}, SEED);
        SgdTrainer.train(mlp, inputs, labels, new SgdTrainer.Settings(20, 32, 0.05, 0.9, 1e-4, 0, 8, SEED),
            (epoch, loss, accuracy) -> { });
        final SnnConverter.Settings settings = SnnConverter.Settings.defaults("hybrid-digits").withTicks(TICKS);
        final double[] scales = SnnConverter.activationScales(mlp, inputs, settings);
        final Model converted = SnnConverter.convert(mlp, scales, new float[0][], new int[0], settings);
        int correct = 0;
        int tested = 0;
        final float[][] activations = mlp.newActivations();
        for (int i = 0; i < split.testInputs().length; i++)
        {
            if (split.testLabels()[i] < BASE_CLASSES)
            {
                tested++;
                correct += mlp.predict(split.testInputs()[i], activations) == split.testLabels()[i] ? 1 : 0;
            }
        }
        return new Base(withTeacher(converted), split, (double)correct / tested);
    }

    /**
     * Adds ten teacher inputs (after the 64 pixels; no synapse to the hidden layer, one synapse of weight max|W| to
     * their class's output neuron) and maps hidden -> output with hybrid_gl.
     */
    private static Model withTeacher(final Model converted)
    {
        final Network.Builder network = converted.getNetwork().toBuilder();
        network.getPopulationsBuilder(0).setSize(PIXELS + TEACHERS);
        if (V_MIN_ZERO)
        {
            // a non-negative membrane for the output neurons, so an output the sample inhibits sits at v = 0
            // (tanh(-eta)) instead of far below it
            network.getPopulationsBuilder(2).getLifBuilder().setVMin(0f).setVMinSet(true);
        }
        final Projection.Builder inputToHidden = network.getProjectionsBuilder(0);
        for (int k = 0; k < TEACHERS * HIDDEN; k++)
        {
            inputToHidden.addWeights(0f);
        }
        final Projection.Builder hiddenToOutput = network.getProjectionsBuilder(1);
        // the output neurons of the classes 5-9 are blank: the base network has not learned them (training pushed
        // their weights negative; they are set to 0, so only the local weights P can make them respond)
        for (int i = 0; i < HIDDEN; i++)
        {
            for (int c = BASE_CLASSES; c < CLASSES; c++)
            {
                hiddenToOutput.setWeights(i * CLASSES + c, 0f);
            }
        }
        float maxW = 0;
        for (final float w : hiddenToOutput.getWeightsList())
        {
            maxW = Math.max(maxW, Math.abs(w));
        }
        hiddenToOutput.setPlasticity(Plasticity.newBuilder().setHybridGl(HybridGl.newBuilder()
            .setAlpha(ALPHA).setGamma(GAMMA).addBeta(0f).addAllEta(etas()).setPMax(maxW)
            .setTauPreTicks(TAU_PRE)));
        final Projection.Builder teacher = Projection.newBuilder().setName("teacher").setSource(SnnConverter.INPUT)
            .setTarget(SnnConverter.OUTPUT);
        for (int i = 0; i < PIXELS + TEACHERS; i++)
        {
            for (int c = 0; c < CLASSES; c++)
            {
                teacher.addWeights(i < PIXELS ? 0f : (i - PIXELS) / TEACHER_COPIES == c ? maxW : -maxW);
            }
        }
        network.addProjections(teacher);
        return converted.toBuilder().setNetwork(network)
            .setProvenance(Provenance.newBuilder()
                .setSource("chipsim examples HybridDigits: ReLU MLP 64-64-10 trained with SGD on the digits 0-4, " +
                    "rate-converted; hidden->output mapped with hybrid_gl; teacher inputs for few-shot learning")
                .setDataset("uci-digits.idx.gz (UCI 8x8 digits, 1,797 images), split seed 1, 30 % held out"))
            .build();
    }

    /**
     * eta per output neuron: 0 for the learned classes 0-4 (an output held silent by the teacher sits at v = 0, so
     * tanh(0) = 0 leaves its P alone), ETA for the blank classes 5-9 (silent while another class is taught: P falls).
     */
    private static List<Float> etas()
    {
        final List<Float> etas = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++)
        {
            etas.add(c < BASE_CLASSES ? OLD_ETA : ETA);
        }
        return etas;
    }

    private static Sample.Builder sample(final float[] pixels, final int label, final boolean teacher)
    {
        final Sample.Builder s = Sample.newBuilder().setLabel(label).setHasLabel(true);
        for (final float p : pixels)
        {
            s.addRates(p);
        }
        for (int t = 0; t < TEACHERS; t++)
        {
            s.addRates(teacher && t / TEACHER_COPIES == label ? 1f : 0f);
        }
        return s;
    }

    private static Model withSamples(final Model model, final RateCoded.Builder samples)
    {
        return model.toBuilder().setStimulus(Stimulus.newBuilder().setRateCoded(samples
            .setPopulation(SnnConverter.INPUT).setTicksPerSample(TICKS).setResetBetweenSamples(true))).build();
    }

    /** The learning run: the first {@code shots} training images of each class 5-9, interleaved, teacher on. */
    static Model fewShotModel(final Base base, final int shots)
    {
        final RateCoded.Builder samples = RateCoded.newBuilder();
        final int[] taken = new int[CLASSES];
        final DataSplit split = base.split();
        for (int round = 0; round < shots; round++)
        {
            for (int c = BASE_CLASSES; c < CLASSES; c++)
            {
                int seen = 0;
                for (int i = 0; i < split.trainInputs().length; i++)
                {
                    if (split.trainLabels()[i] == c && seen++ == taken[c])
                    {
                        samples.addSamples(sample(split.trainInputs()[i], c, true));
                        taken[c]++;
                        break;
                    }
                }
            }
        }
        final Model.Builder model = withSamples(base.model(), samples).toBuilder().setName("hybrid-digits");
        final HybridGl.Builder rule = model.getNetworkBuilder().getProjectionsBuilder(1).getPlasticityBuilder()
            .getHybridGlBuilder();
        rule.clearBeta().addBeta(BETA_OF_MAX_W * rule.getPMax() / shots);
        return model.build();
    }

    /** Accuracy on the held-out classes 0-4, 5-9 and all, P frozen (gamma 1, beta 0), teacher off. */
    static double[] evaluate(final Model learned, final DataSplit split)
    {
        final Model.Builder frozen = learned.toBuilder();
        frozen.getNetworkBuilder().getProjectionsBuilder(1).getPlasticityBuilder().getHybridGlBuilder()
            .setGamma(1f).clearBeta().addBeta(0f);
        final RateCoded.Builder samples = RateCoded.newBuilder();
        for (int i = 0; i < split.testInputs().length; i++)
        {
            samples.addSamples(sample(split.testInputs()[i], split.testLabels()[i], false));
        }
        final Model model = withSamples(frozen.build(), samples);
        final RunResult result = new ChipSimulation(Compiler.compile(model), RunOptions.defaults()).run();
        final NetworkIndex index = new NetworkIndex(model.getNetwork());
        final int output = index.indexOf(SnnConverter.OUTPUT);
        final int first = index.firstGlobalId(output);
        final int n = split.testInputs().length;
        final int[][] counts = new int[n][CLASSES];
        final SpikeRaster raster = result.raster();
        for (int i = 0; i < raster.size(); i++)
        {
            final int neuron = raster.globalId(i) - first;
            final long s = raster.tick(i) / TICKS;
            if (neuron >= 0 && neuron < CLASSES && s < n)
            {
                counts[(int)s][neuron]++;
            }
        }
        final int[] correct = new int[2];
        final int[] tested = new int[2];
        for (int s = 0; s < n; s++)
        {
            int best = -1;
            int bestCount = 0;
            boolean tie = false;
            for (int c = 0; c < CLASSES; c++)
            {
                if (counts[s][c] > bestCount)
                {
                    best = c;
                    bestCount = counts[s][c];
                    tie = false;
                }
                else if (counts[s][c] == bestCount && bestCount > 0)
                {
                    tie = true;
                }
            }
            final int group = split.testLabels()[s] < BASE_CLASSES ? 0 : 1;
            tested[group]++;
            correct[group] += !tie && best == split.testLabels()[s] ? 1 : 0;
        }
        return new double[] {(double)correct[0] / tested[0], (double)correct[1] / tested[1],
            (double)(correct[0] + correct[1]) / (tested[0] + tested[1])};
    }

    private static void print(final String what, final double[] accuracy)
    {
        System.out.printf(Locale.ROOT, "%-22s classes 0-4 %6.2f %%   classes 5-9 %6.2f %%   all %6.2f %%%n", what,
            100 * accuracy[0], 100 * accuracy[1], 100 * accuracy[2]);
    }

    static void demo(final int[] shotCounts)
    {
        final Base base = base();
        System.out.printf(Locale.ROOT, "base MLP (classes 0-4 only) on the held-out classes 0-4: %.2f %%%n",
            100 * base.baseAnnAccuracy());
        print("before (P = 0)", evaluate(base.model(), base.split()));
        for (final int shots : shotCounts)
        {
            final Model fewShot = fewShotModel(base, shots);
            final RunResult run = new ChipSimulation(Compiler.compile(fewShot), RunOptions.defaults()).run();
            final EnergyReport energy = energy(run);
            print(shots + " shots x 5 classes", evaluate(LearnedModel.apply(fewShot, run), base.split()));
            System.out.printf(Locale.ROOT, "%-22s learning run: %d samples, %d ticks, %,d P updates; energy " +
                "(tianjic preset) %.2f uJ in all, of which learn %.2f uJ, memory %.2f uJ%n", "",
                5 * shots, run.ticks(), run.total(CoreCounter.LEARN_UPDATES), energy.totalPj() / 1e6,
                energy.componentTotalPj(Component.LEARN) / 1e6, energy.componentTotalPj(Component.MEMORY) / 1e6);
        }
    }

    private static EnergyReport energy(final RunResult result)
    {
        final long[][] cores = new long[result.coreCount()][];
        for (int k = 0; k < cores.length; k++)
        {
            cores[k] = result.energyEvents(k);
        }
        final long inferences = (result.ticks() + TICKS - 1) / TICKS;
        return EnergyReport.of(EnergyModel.of(result.program().getChip()), new Activity(result.ticks(), 0.001,
            inferences, cores, result.inputPortEnergyEvents(), result.tickTrace()));
    }
}
