package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chipsim run --checkpoint-every / chipsim resume, and a run stopped at a tick boundary (as by Ctrl-C): the resumed
 * run's files equal the uninterrupted run's, for a learning model and the shipped digit classifier, with other worker
 * counts before and after.
 */
class CheckpointCliTest
{
    @TempDir
    Path dir;

    @AfterEach
    void clearHook()
    {
        RunCommand.beforeRun = null;
    }

    /** 20 inputs learning (pair STDP) into 40 neurons with a delayed recurrent projection, 300 ticks. */
    static Model learningModel()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final Projection.Builder learn = Projection.newBuilder().setSource("in").setTarget("n")
            .setPlasticity(Plasticity.newBuilder().setWMin(0f).setWMax(0.3f).setStdpPair(StdpPair.newBuilder()
                .setAPlus(0.02f).setAMinus(0.021f).setTauPlusTicks(5f).setTauMinusTicks(5f)));
        for (int k = 0; k < 20 * 40; k++)
        {
            learn.addWeights(random.nextDouble() < 0.5 ? (float)(random.nextDouble() * 0.3) : 0f);
        }
        final Projection.Builder recurrent = Projection.newBuilder().setSource("n").setTarget("n").setDelayTicks(2);
        for (int k = 0; k < 40 * 40; k++)
        {
            recurrent.addWeights(random.nextDouble() < 0.1 ? (float)(random.nextDouble() * 0.3 - 0.2) : 0f);
        }
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder();
        for (int i = 0; i < 20; i++)
        {
            final SpikeTrain.Builder train = SpikeTrain.newBuilder().setPopulation("in").setNeuron(i);
            for (int t = 0; t < 300; t++)
            {
                if (random.nextDouble() < 0.15)
                {
                    train.addTicks(t);
                }
            }
            trains.addTrains(train);
        }
        return Model.newBuilder().setName("learning")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(20).setInput(true))
                .addPopulations(Population.newBuilder().setName("n").setSize(40)
                    .setLif(LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.9f)))
                .addProjections(learn).addProjections(recurrent))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(trains))
            .setRun(RunConfig.newBuilder().setTicks(300).addRecordPopulations("n").addRecordPopulations("in"))
            .build();
    }

    private Path learningModelFile() throws IOException
    {
        final Path file = dir.resolve("learning.pb");
        Files.write(file, learningModel().toByteArray());
        return file;
    }

    @Test
    void shouldResumeALearningRunToTheSameFilesWithOtherWorkers() throws IOException
    {
        final String model = learningModelFile().toString();
        assertOk(Cli.chipsim("run", model, "--workers", "1", "--out", dir.resolve("whole").toString(),
            "--trace-ticks", "300", "--save-model", dir.resolve("whole.pb").toString()));
        final java.util.regex.Matcher learned = java.util.regex.Pattern.compile("\"learn_updates\": (\\d+)")
            .matcher(Files.readString(dir.resolve("whole").resolve("result.json")));
        assertTrue(learned.find() && Long.parseLong(learned.group(1)) > 1000, "the model learns");
        final Path checkpoint = dir.resolve("cp");
        assertOk(Cli.chipsim("run", model, "--workers", "2", "--checkpoint-every", "70", "--checkpoint",
            checkpoint.toString(), "--out", dir.resolve("segmented").toString(), "--trace-ticks", "300"));
        assertSameFiles(dir.resolve("whole"), dir.resolve("segmented"));
        // the last checkpoint (tick 280) is there
        final Cli.Outcome resumed = Cli.chipsim("resume", checkpoint.toString(), "--workers", "1", "--out",
            dir.resolve("resumed").toString());
        assertOk(resumed);
        assertTrue(resumed.out().contains("at tick 280 of 300"), resumed.out());
        assertSameFiles(dir.resolve("whole"), dir.resolve("resumed"));
        assertTrue(Files.size(checkpoint.resolve(CheckpointFiles.FILE)) > 0);
    }

    @Test
    void shouldStopAtATickBoundaryWriteWhatWasDoneExit130AndResumeToTheSameFiles() throws IOException
    {
        final Path shipped = Path.of("..", "examples", "models", "digits-mlp.pb");
        final String ticks = "640";
        assertOk(Cli.chipsim("run", shipped.toString(), "--ticks", ticks, "--workers", "2", "--no-reference",
            "--out", dir.resolve("whole").toString()));
        // what the Ctrl-C shutdown hook does (requestStop), at a tick fixed in advance so the test cannot race
        RunCommand.beforeRun = simulation -> simulation.requestStopAfter(200);
        final Path checkpoint = dir.resolve("cp");
        final Cli.Outcome stopped = Cli.chipsim("run", shipped.toString(), "--ticks", ticks, "--workers", "1",
            "--no-reference", "--checkpoint-every", "100000", "--checkpoint", checkpoint.toString(), "--out",
            dir.resolve("partial").toString());
        RunCommand.beforeRun = null;
        assertEquals(Main.EXIT_INTERRUPTED, stopped.code(), stopped.err());
        final List<String> errLines = stopped.err().strip().lines().filter(l -> l.startsWith("chipsim:"))
            .collect(Collectors.toList());
        assertEquals(1, errLines.size(), stopped.err());
        assertTrue(errLines.get(0).startsWith("chipsim: interrupted: stopped after tick "), errLines.get(0));
        final String result = Files.readString(dir.resolve("partial").resolve("result.json"));
        assertTrue(result.contains("\"interrupted\": true"), result.substring(0, 300));
        assertTrue(result.contains("\"ticks_completed\": "), result.substring(0, 300));
        assertTrue(Files.exists(dir.resolve("partial").resolve("energy.json")));
        assertOk(Cli.chipsim("resume", checkpoint.toString(), "--workers", "2", "--out",
            dir.resolve("resumed").toString()));
        assertSameFiles(dir.resolve("whole"), dir.resolve("resumed"));
    }

    @Test
    void shouldResumeOnlyAsFarAsAskedAndKeepCheckpointing() throws IOException
    {
        final String model = learningModelFile().toString();
        final Path checkpoint = dir.resolve("cp");
        assertOk(Cli.chipsim("run", model, "--checkpoint-every", "100", "--checkpoint", checkpoint.toString(),
            "--ticks", "300"));
        assertOk(Cli.chipsim("run", model, "--out", dir.resolve("whole").toString()));
        // from 200: 50 more ticks, saving at 250 ... then the rest
        final Path step = dir.resolve("step");
        Files.createDirectories(step);
        Files.copy(checkpoint.resolve(CheckpointFiles.FILE), step.resolve(CheckpointFiles.FILE));
        final Cli.Outcome part = Cli.chipsim("resume", step.toString(), "--ticks", "50", "--checkpoint-every", "25");
        assertOk(part);
        assertTrue(part.out().contains("at tick 250"), part.out());
        assertOk(Cli.chipsim("resume", step.toString(), "--out", dir.resolve("resumed").toString()));
        assertSameFiles(dir.resolve("whole"), dir.resolve("resumed"));
    }

    private static void assertOk(final Cli.Outcome outcome)
    {
        assertEquals(0, outcome.code(), outcome.err());
    }

    /** Every file of a run's --out, byte for byte, but for the wall time and the worker count in result.json. */
    private static void assertSameFiles(final Path expected, final Path actual) throws IOException
    {
        for (final String name : List.of("result.json", "energy.json", "counters.csv", "spikes.csv", "trace.json"))
        {
            final Path e = expected.resolve(name);
            if (!Files.exists(e))
            {
                continue;
            }
            assertEquals(comparable(e), comparable(actual.resolve(name)), name);
        }
    }

    private static List<String> comparable(final Path file) throws IOException
    {
        return Files.readAllLines(file).stream()
            .filter(line -> !line.contains("\"wall_seconds\"") && !line.contains("\"workers\"") &&
                !line.contains("\"chipsim_version\""))
            .collect(Collectors.toList());
    }
}
