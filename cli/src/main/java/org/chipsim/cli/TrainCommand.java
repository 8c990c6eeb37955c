package org.chipsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.io.AtomicFile;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.examples.onchip.OnChipTrainer;
import org.chipsim.proto.v1.Model;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chipsim train}: runs a learning model's training samples on the chip for N epochs, printing after each the
 * accuracy on the held-out samples (learning off) and the energy the epoch's training took, from the counters.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Train a model that learns on chip for N epochs over its stimulus' training samples; print " +
        "held-out accuracy and the training energy after every epoch (docs/supervised-learning.md).",
    sortOptions = false)
final class TrainCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.pb (or .pbtxt) with a learning rule and a " +
        "labeled rate-coded stimulus.")
    Path model;

    @Option(names = "--epochs", paramLabel = "N", required = true, description = "Passes over the training samples.")
    Integer epochs;

    @Option(names = "--workers", paramLabel = "W", description = "Worker threads (default: automatic). Results do " +
        "not depend on it.")
    Integer workers;

    @Option(names = "--test-samples", paramLabel = "N", description = "Hold out the last N samples of the stimulus " +
        "for accuracy (default: the model's run.test_samples, else the last 20 %%).")
    Integer testSamples;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write DIR/train.csv: one row per epoch.")
    Path out;

    @Option(names = "--save-model", paramLabel = "OUT.pb", description = "Write the trained model (learned weights, " +
        "learning rules kept).")
    Path saveModel;

    @Mixin
    ChipOptions chip;

    @Override
    public Integer call()
    {
        OptionChecks.atLeastOne("--epochs", epochs);
        OptionChecks.atLeastOne("--workers", workers);
        if (testSamples != null)
        {
            OptionChecks.atLeastOne("--test-samples", testSamples);
        }
        if (saveModel != null && !saveModel.getFileName().toString().endsWith(".pb") &&
            !ModelFiles.isTextFormat(saveModel))
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                "--save-model " + saveModel + ": name the file .pb (or .pbtxt for text)");
        }
        final ModelFiles.Loaded loaded = ModelFiles.read(model);
        if (loaded.isProgram())
        {
            throw new ModelException(ErrorCode.MODEL_KIND, model + " is a compiled program; chipsim train needs " +
                "the model, to write the learned weights back into it");
        }
        final Model source = chip.apply(loaded.model());
        final OnChipTrainer trainer = new OnChipTrainer(source, workers == null ? 0 : workers,
            testSamples == null ? -1 : testSamples);
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("training     %s: %,d samples per epoch, %,d held out, %d epochs%n",
            source.getName().isEmpty() ? model.getFileName() : source.getName(), trainer.trainSamples(),
            trainer.testSamples(), epochs);
        stdout.flush();
        final List<OnChipTrainer.Epoch> results = new ArrayList<>();
        try (Progress ignored = new Progress(spec.commandLine().getErr(), "train", trainer.progress(),
            trainer.ticksPerEpoch() * epochs))
        {
            for (int e = 1; e <= epochs; e++)
            {
                final OnChipTrainer.Epoch epoch = trainer.epoch(e);
                results.add(epoch);
                stdout.printf("epoch %3d/%d  accuracy %6.2f %% (%d / %d held out)  energy %s (learn %s, %,d " +
                    "updates, %,d SBP packets)  total %s%n", e, epochs, 100 * epoch.accuracy(), epoch.correct(),
                    epoch.tested(), energy(epoch.trainEnergyPj()), energy(epoch.learnEnergyPj()),
                    epoch.learnUpdates(), epoch.sbpPackets(), energy(epoch.cumulativeEnergyPj()));
                stdout.flush();
            }
        }
        if (out != null)
        {
            writeCsv(out, results);
            stdout.printf("wrote        %s%n", out.resolve("train.csv"));
        }
        if (saveModel != null)
        {
            ModelFiles.write(trainer.model(), saveModel);
            stdout.printf("saved model  %s%n", saveModel);
        }
        return 0;
    }

    /** pJ in the largest unit that keeps the figure at or above 1. */
    static String energy(final double pj)
    {
        final String[] units = {"pJ", "nJ", "uJ", "mJ", "J"};
        double value = pj;
        int unit = 0;
        while (Math.abs(value) >= 1000 && unit < units.length - 1)
        {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.3g %s", value, units[unit]);
    }

    private static void writeCsv(final Path dir, final List<OnChipTrainer.Epoch> results)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException e)
        {
            throw new ModelException(ErrorCode.FILE_UNWRITABLE, dir + ": cannot create the directory (" +
                e.getMessage() + ")");
        }
        AtomicFile.writeText(dir.resolve("train.csv"), writer ->
        {
            try
            {
                writer.write("epoch,train_samples,test_samples,correct,accuracy,train_energy_pj,learn_energy_pj," +
                    "learn_updates,sbp_packets,cumulative_energy_pj\n");
                for (final OnChipTrainer.Epoch e : results)
                {
                    writer.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%.6f,%.6e,%.6e,%d,%d,%.6e%n", e.epoch(),
                        e.trainSamples(), e.tested(), e.correct(), e.accuracy(), e.trainEnergyPj(),
                        e.learnEnergyPj(), e.learnUpdates(), e.sbpPackets(), e.cumulativeEnergyPj()));
                }
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        });
    }
}
