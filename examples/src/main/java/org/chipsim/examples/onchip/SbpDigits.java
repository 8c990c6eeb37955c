package org.chipsim.examples.onchip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Sbp;
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.TwoPhase;

/**
 * Demonstration 2: supervised learning on chip on the shipped 8x8 UCI digits with the two-phase rule, with and without
 * SBP on top. A 3-layer network: 64 rate-coded pixels -> 100 hidden integrate-and-fire neurons -> 10 outputs, both
 * layers learning by two_phase; a fixed random feedback projection from the outputs to the hidden layer carries the
 * nudge down (feedback alignment). The stimulus is digits 0..TRAIN-1 for training and the next TEST digits held out.
 *
 * <pre>
 *   SbpDigits generate OUT.pb [sbp|base] [seed]     the model (examples/models/sbp-digits.pb is "sbp", seed 1)
 *   SbpDigits compare [epochs] [seeds] [lambda]      trains both variants for each seed on the chip and prints accuracy
 *                                                    per epoch and the chip energy needed to reach accuracy levels
 * </pre>
 */
public final class SbpDigits
{
    static final int HIDDEN = 100;
    static final int PHASE_TICKS = 20;
    static final int TRAIN = 500;
    static final int TEST = 200;
    static final float MAX_RATE = 0.4f;
    /** Learning rates of the output and the hidden layer, and the nudging strength (chosen by a few trial runs). */
    static final float ETA = 0.01f;
    static final float ETA_HIDDEN = 0.003f;
    static final float BETA = 1f;
    static final double[] LEVELS = {0.3, 0.4, 0.5, 0.6};

    private SbpDigits()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length >= 2 && args[0].equals("generate"))
        {
            final boolean sbp = args.length < 3 || args[2].equals("sbp");
            final long seed = args.length >= 4 ? Long.parseLong(args[3]) : 1;
            ModelFiles.write(generate(digits(), sbp, seed, 1f), Path.of(args[1]));
            System.out.printf("wrote %s: 64-%d-10 two-phase%s, %d training + %d held-out digits, seed %d%n", args[1],
                HIDDEN, sbp ? " + SBP" : "", TRAIN, TEST, seed);
            return;
        }
        if (args.length >= 1 && args[0].equals("compare"))
        {
            final int epochs = args.length >= 2 ? Integer.parseInt(args[1]) : 8;
            final int seeds = args.length >= 3 ? Integer.parseInt(args[2]) : 3;
            final float lambda = args.length >= 4 ? Float.parseFloat(args[3]) : 1f;
            compare(epochs, seeds, lambda);
            return;
        }
        System.err.println("usage: SbpDigits generate OUT.pb [sbp|base] [seed] | SbpDigits compare [epochs] [seeds] " +
            "[lambda]");
        System.exit(2);
    }

    static IdxDataset digits()
    {
        return IdxDataset.loadResource("uci-digits.idx.gz");
    }

    /** The model: two-phase learning in both layers, with SBP (lambda as given) or without. */
    static Model generate(final IdxDataset data, final boolean sbp, final long seed, final float lambda)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        Plasticity plasticity = Plasticity.newBuilder().setTwoPhase(TwoPhase.newBuilder().setPhaseTicks(PHASE_TICKS)
            .setEta(ETA).setBeta(BETA)).setWMin(-1f).setWMax(1f).build();
        if (sbp)
        {
            plasticity = plasticity.toBuilder().setSbp(Sbp.newBuilder().setEpochTicks(2 * PHASE_TICKS)
                .setLambda(lambda)).build();
        }
        final Plasticity hiddenRule = plasticity.toBuilder().setTwoPhase(plasticity.getTwoPhase().toBuilder()
            .setEta(ETA_HIDDEN)).build();
        final Projection.Builder input = Projection.newBuilder().setName("pixels->hidden").setSource("pixels")
            .setTarget("hidden").setPlasticity(hiddenRule);
        for (int k = 0; k < 64 * HIDDEN; k++)
        {
            input.addWeights((float)(0.15 * (random.nextDouble() - 0.35)));
        }
        final Projection.Builder output = Projection.newBuilder().setName("hidden->output").setSource("hidden")
            .setTarget("output").setPlasticity(plasticity);
        for (int k = 0; k < HIDDEN * 10; k++)
        {
            output.addWeights((float)(0.2 * (random.nextDouble() - 0.4)));
        }
        final Projection.Builder feedback = Projection.newBuilder().setName("output->hidden (feedback)")
            .setSource("output").setTarget("hidden");
        for (int k = 0; k < 10 * HIDDEN; k++)
        {
            feedback.addWeights((float)(0.6 * (random.nextDouble() - 0.5)));
        }
        final RateCoded.Builder stimulus = RateCoded.newBuilder().setPopulation("pixels")
            .setTicksPerSample(2 * PHASE_TICKS).setResetBetweenSamples(true);
        for (int i = 0; i < TRAIN + TEST; i++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(data.label(i)).setHasLabel(true);
            for (final float p : data.image(i, 16f))
            {
                sample.addRates(p * MAX_RATE);
            }
            stimulus.addSamples(sample);
        }
        final LifNeuron neuron = LifNeuron.newBuilder().setThreshold(1f).setResetMode(ResetMode.RESET_SUBTRACT)
            .setVMin(-1f).setVMinSet(true).build();
        return Model.newBuilder()
            .setName("sbp-digits" + (sbp ? "" : "-base"))
            .setProvenance(Provenance.newBuilder().setSource("chipsim examples SbpDigits: two-phase contrastive " +
                "learning on chip" + (sbp ? " with SBP" : "")).setDescription("64-" + HIDDEN + "-10 integrate-and-" +
                "fire, fixed random feedback output->hidden, phases of " + PHASE_TICKS + " ticks, seed " + seed +
                "; regenerate: SbpDigits generate OUT.pb " + (sbp ? "sbp" : "base") + " " + seed)
                .setDataset("uci-digits.idx.gz (UCI 8x8 digits)").setTrainSamples(TRAIN).setTestSamples(TEST))
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("pixels").setSize(64).setInput(true))
                .addPopulations(Population.newBuilder().setName("hidden").setSize(HIDDEN).setWeightScale(1.0 / 127)
                    .setLif(neuron))
                .addPopulations(Population.newBuilder().setName("output").setSize(10).setWeightScale(1.0 / 127)
                    .setLif(neuron))
                .addProjections(input)
                .addProjections(output)
                .addProjections(feedback))
            .setStimulus(Stimulus.newBuilder().setRateCoded(stimulus))
            .setRun(RunConfig.newBuilder().setSeed(seed).setReadoutPopulation("output").setTestSamples(TEST))
            .build();
    }

    /** Trains both variants for every seed and prints what the issue asks: accuracy per epoch, energy per level. */
    static void compare(final int epochs, final int seeds, final float lambda)
    {
        final IdxDataset data = digits();
        final List<List<OnChipTrainer.Epoch>> base = new ArrayList<>();
        final List<List<OnChipTrainer.Epoch>> sbp = new ArrayList<>();
        for (int s = 1; s <= seeds; s++)
        {
            for (final boolean withSbp : new boolean[] {false, true})
            {
                final OnChipTrainer trainer = new OnChipTrainer(generate(data, withSbp, s, lambda), 0, -1);
                final List<OnChipTrainer.Epoch> run = new ArrayList<>();
                for (int e = 1; e <= epochs; e++)
                {
                    final OnChipTrainer.Epoch epoch = trainer.epoch(e);
                    run.add(epoch);
                    System.out.printf(Locale.ROOT, "seed %d %-9s epoch %2d  accuracy %6.2f %%  epoch energy %.3f mJ " +
                        "(learn %.3f mJ, %d SBP packets)%n", s, withSbp ? "two-phase+SBP" : "two-phase", e,
                        100 * epoch.accuracy(), epoch.trainEnergyPj() / 1e9, epoch.learnEnergyPj() / 1e9,
                        epoch.sbpPackets());
                }
                (withSbp ? sbp : base).add(run);
            }
        }
        System.out.println();
        System.out.println("mean held-out accuracy per epoch (" + seeds + " seeds, " + TEST + " held-out digits)");
        System.out.println("epoch  two-phase  two-phase+SBP");
        for (int e = 0; e < epochs; e++)
        {
            System.out.printf(Locale.ROOT, "%5d  %8.2f %%  %11.2f %%%n", e + 1, 100 * mean(base, e), 100 * mean(sbp, e));
        }
        System.out.println();
        System.out.println("chip energy (training, cumulative) to first reach each held-out accuracy, mean over the " +
            "seeds that reach it");
        System.out.println("level   two-phase            two-phase+SBP        SBP / base");
        for (final double level : LEVELS)
        {
            final double[] b = energyToReach(base, level);
            final double[] s = energyToReach(sbp, level);
            System.out.printf(Locale.ROOT, "%4.0f %%  %-19s  %-19s  %s%n", 100 * level, describe(b, seeds),
                describe(s, seeds), b[1] > 0 && s[1] > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * s[0] / b[0]) :
                "-");
        }
    }

    private static double mean(final List<List<OnChipTrainer.Epoch>> runs, final int epoch)
    {
        double sum = 0;
        for (final List<OnChipTrainer.Epoch> run : runs)
        {
            sum += run.get(epoch).accuracy();
        }
        return sum / runs.size();
    }

    /** {mean cumulative energy in pJ over the runs that reach the level, how many reach it}. */
    private static double[] energyToReach(final List<List<OnChipTrainer.Epoch>> runs, final double level)
    {
        double sum = 0;
        int reached = 0;
        for (final List<OnChipTrainer.Epoch> run : runs)
        {
            for (final OnChipTrainer.Epoch epoch : run)
            {
                if (epoch.accuracy() >= level)
                {
                    sum += epoch.cumulativeEnergyPj();
                    reached++;
                    break;
                }
            }
        }
        return new double[] {reached == 0 ? 0 : sum / reached, reached};
    }

    private static String describe(final double[] energy, final int seeds)
    {
        return energy[1] == 0 ? "not reached" : String.format(Locale.ROOT, "%.2f mJ (%d/%d)", energy[0] / 1e9,
            (int)energy[1], seeds);
    }
}
