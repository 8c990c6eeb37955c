package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.Sbp;
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.TwoPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chipsim train: epochs printed and written, held-out split, worker independence, write-back and refusals. */
class TrainCliTest
{
    @TempDir
    Path dir;

    /** Two classes (pixels 0..7 or 8..15 bright) learnt by a 16-2 two-phase layer with SBP. */
    static Model twoClasses(final boolean learns)
    {
        final SplittableRandom random = new SplittableRandom(3);
        Plasticity plasticity = Plasticity.newBuilder().setTwoPhase(TwoPhase.newBuilder().setPhaseTicks(10)
            .setEta(0.05f).setBeta(1f)).setSbp(Sbp.newBuilder().setEpochTicks(20)).setWMin(-1f).setWMax(1f).build();
        final Projection.Builder weights = Projection.newBuilder().setSource("in").setTarget("out");
        for (int k = 0; k < 32; k++)
        {
            weights.addWeights((float)(0.1 * random.nextDouble()));
        }
        if (learns)
        {
            weights.setPlasticity(plasticity);
        }
        final RateCoded.Builder rates = RateCoded.newBuilder().setPopulation("in").setTicksPerSample(20)
            .setResetBetweenSamples(true);
        for (int s = 0; s < 30; s++)
        {
            final Sample.Builder sample = Sample.newBuilder().setLabel(s % 2).setHasLabel(true);
            for (int i = 0; i < 16; i++)
            {
                sample.addRates(i / 8 == s % 2 ? 0.5f : 0.02f);
            }
            rates.addSamples(sample);
        }
        return Model.newBuilder().setName("two-classes")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(16).setInput(true))
                .addPopulations(Population.newBuilder().setName("out").setSize(2).setWeightScale(1.0 / 127)
                    .setLif(LifNeuron.newBuilder().setThreshold(1f).setResetMode(ResetMode.RESET_SUBTRACT)))
                .addProjections(weights))
            .setStimulus(Stimulus.newBuilder().setRateCoded(rates))
            .setRun(RunConfig.newBuilder().setSeed(2).setTestSamples(10))
            .build();
    }

    private Path write(final Model model, final String name)
    {
        final Path file = dir.resolve(name);
        ModelFiles.write(model, file);
        return file;
    }

    @Test
    void shouldPrintAccuracyAndEnergyPerEpochAndWriteTheSameForAnyWorkerCount() throws Exception
    {
        final Path model = write(twoClasses(true), "m.pb");
        final Cli.Outcome one = Cli.chipsim("train", model.toString(), "--epochs", "3", "--workers", "1", "--out",
            dir.resolve("one").toString(), "--save-model", dir.resolve("trained.pb").toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("20 samples per epoch, 10 held out, 3 epochs"), one.out());
        assertEquals(3, one.out().lines().filter(l -> l.startsWith("epoch ")).count(), one.out());
        final List<String> csv = Files.readAllLines(dir.resolve("one").resolve("train.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(0).startsWith("epoch,train_samples,test_samples,correct,accuracy,train_energy_pj"));
        // the two classes are easy: the last epoch classifies most of the held-out samples
        final String[] last = csv.get(3).split(",");
        assertTrue(Integer.parseInt(last[3]) >= 8, "correct of 10: " + csv.get(3));
        assertTrue(Double.parseDouble(last[5]) > 0, "training energy counted");
        assertTrue(Long.parseLong(last[7]) > 0, "learning updates counted");
        final Cli.Outcome two = Cli.chipsim("train", model.toString(), "--epochs", "3", "--workers", "2", "--out",
            dir.resolve("two").toString());
        assertEquals(0, two.code(), two.err());
        assertEquals(csv, Files.readAllLines(dir.resolve("two").resolve("train.csv")), "same for 2 workers");
        // the saved model keeps its rule and carries the learned weights
        final Model trained = ModelFiles.readModel(dir.resolve("trained.pb"));
        assertTrue(trained.getNetwork().getProjections(0).hasPlasticity());
        assertFalse(trained.getNetwork().getProjections(0).getWeightsList()
            .equals(twoClasses(true).getNetwork().getProjections(0).getWeightsList()));
    }

    @Test
    void shouldKeepTheRunSummaryConservedAndReportLearningPackets()
    {
        final Path model = write(twoClasses(true), "m.pb");
        final Cli.Outcome run = Cli.chipsim("run", model.toString(), "--no-reference");
        assertEquals(0, run.code(), run.err());
        final java.util.regex.Matcher packets = java.util.regex.Pattern.compile("packets +([0-9,]+) spike packets " +
            "sent, ([0-9,]+) delivered, ([0-9,]+) pending").matcher(run.out());
        assertTrue(packets.find(), run.out());
        // label packets are input packets but no spikes: the spike line still adds up
        assertEquals(number(packets.group(1)), number(packets.group(2)) + number(packets.group(3)), run.out());
        assertTrue(run.out().contains("SBP packets") && run.out().contains(" 30 label packets"), run.out());
    }

    private static long number(final String text)
    {
        return Long.parseLong(text.replace(",", ""));
    }

    @Test
    void shouldRefuseAModelWithoutALearningRuleInOneLine()
    {
        final Path model = write(twoClasses(false), "fixed.pb");
        final Cli.Outcome outcome = Cli.chipsim("train", model.toString(), "--epochs", "2", "--out",
            dir.resolve("out").toString());
        assertEquals(2, outcome.code());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().startsWith("chipsim: error E201: "), outcome.err());
        assertTrue(outcome.err().contains("has no learning rule"), outcome.err());
        assertFalse(Files.exists(dir.resolve("out")), "no partial output");
    }

    @Test
    void shouldRefuseBadEpochsAndAHeldOutSplitWithNothingLeftToTrainOn()
    {
        final Path model = write(twoClasses(true), "m.pb");
        final Cli.Outcome zero = Cli.chipsim("train", model.toString(), "--epochs", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--epochs"), zero.err());
        final Cli.Outcome all = Cli.chipsim("train", model.toString(), "--epochs", "1", "--test-samples", "30");
        assertEquals(2, all.code());
        assertTrue(all.err().contains("at least one must remain"), all.err());
    }
}
