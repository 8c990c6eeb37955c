package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: successful runs, and one clear line with exit code 2 for bad input. */
class CliTest
{
    @TempDir
    Path dir;

    static Cli.Outcome chipsim(final String... args)
    {
        return Cli.chipsim(args);
    }

    static Model smallModel()
    {
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.9f).build();
        return Model.newBuilder()
            .setName("small")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(2).setInput(true))
                .addPopulations(Population.newBuilder().setName("out").setSize(3).setLif(lif))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("out")
                    .addWeights(1.2f).addWeights(0.5f).addWeights(0f).addWeights(0f).addWeights(0.6f).addWeights(1.1f)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(1).addTicks(2))
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(3))))
            .setRun(RunConfig.newBuilder().setTicks(10).addRecordPopulations("out"))
            .build();
    }

    Path write(final String name, final byte[] bytes) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    Path writeModel(final Model model) throws IOException
    {
        return write("model.pb", model.toByteArray());
    }

    /** A bad input: exit code 2, exactly one line on stderr containing the expected words, no stack trace, no file. */
    void assertRejected(final Cli.Outcome outcome, final String... expectedWords) throws IOException
    {
        assertEquals(2, outcome.code(), "exit code; stderr: " + outcome.err());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, "one line on stderr: " + outcome.err());
        assertTrue(lines[0].matches("chipsim: error E\\d{3}: .*"), lines[0]);
        for (final String word : expectedWords)
        {
            assertTrue(lines[0].contains(word), "'" + word + "' in: " + lines[0]);
        }
        assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("Exception"), outcome.err());
        final Path results = dir.resolve("results");
        if (Files.exists(results))
        {
            try (Stream<Path> files = Files.list(results))
            {
                assertEquals(0, files.count(), "no partial output left behind");
            }
        }
    }

    Cli.Outcome runModel(final UnaryOperator<Model.Builder> change, final String... extra) throws IOException
    {
        final Path model = writeModel(change.apply(smallModel().toBuilder()).build());
        final String[] args = Stream.concat(Stream.of("run", model.toString(), "--out", dir.resolve("results")
            .toString()), Arrays.stream(extra)).toArray(String[]::new);
        return chipsim(args);
    }

    @Test
    void shouldRunAModelAndWriteResultJson() throws IOException
    {
        final Cli.Outcome outcome = runModel(m -> m);
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("cores        1 used of 156"), outcome.out());
        final String json = Files.readString(dir.resolve("results/result.json"));
        // in0 spikes at 1, 2 and reaches out0 (w 1.2) at 2, 3: it fires twice. out1 gets 0.5 at 2, decays to 0.45 and
        // adds 0.5 at 3 (0.95), decays to 0.855 and adds in1's 0.6 at 4: fires. out2 gets 1.1 at 4: fires.
        assertEquals(3, jsonLong(json, "input_spikes"));
        assertEquals(jsonLong(json, "packets_received"), jsonLong(json, "input_packets"));
        assertTrue(json.replaceAll("\\s", "").contains("\"out\":[[2,0],[3,0],[4,1],[4,2]]"), json);
    }

    @Test
    void shouldCompileThenRunTheProgramWithTheSameResult() throws IOException
    {
        final Path model = writeModel(smallModel());
        final Path program = dir.resolve("program.pb");
        assertEquals(0, chipsim("compile", model.toString(), "-o", program.toString()).code());
        final Cli.Outcome inspect = chipsim("inspect", program.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("out[0..2]"), inspect.out());
        final Cli.Outcome fromModel = chipsim("run", model.toString());
        final Cli.Outcome fromProgram = chipsim("run", program.toString());
        assertEquals(0, fromProgram.code(), fromProgram.err());
        assertEquals(withoutTiming(fromModel.out()), withoutTiming(fromProgram.out()));
    }

    @Test
    void shouldPrintHelpAndVersion()
    {
        final Cli.Outcome help = chipsim("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("run") && help.out().contains("compile") && help.out().contains("inspect"));
        final Cli.Outcome runHelp = chipsim("run", "--help");
        assertTrue(runHelp.out().contains("--workers"), runHelp.out());
        final Cli.Outcome version = chipsim("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("chipsim "), version.out());
    }

    @Test
    void shouldRejectAMissingFile() throws IOException
    {
        assertRejected(chipsim("run", dir.resolve("nope.pb").toString()), "no such file");
    }

    @Test
    void shouldRejectADirectory() throws IOException
    {
        assertRejected(chipsim("run", dir.toString()), "directory");
    }

    @Test
    void shouldRejectBytesThatAreNotAModel() throws IOException
    {
        final byte[] garbage = new byte[200];
        new java.util.Random(1).nextBytes(garbage);
        assertRejected(chipsim("run", write("garbage.pb", garbage).toString(), "--out",
            dir.resolve("results").toString()), "garbage.pb");
    }

    @Test
    void shouldRejectATruncatedModel() throws IOException
    {
        final byte[] whole = smallModel().toByteArray();
        for (final int cut : new int[] {whole.length / 3, whole.length / 2, whole.length - 3})
        {
            final Path file = write("cut.pb", Arrays.copyOf(whole, cut));
            assertRejected(chipsim("run", file.toString(), "--out", dir.resolve("results").toString()), "cut.pb");
        }
    }

    @Test
    void shouldRejectAProjectionNamingAMissingPopulation() throws IOException
    {
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getProjectionsBuilder(0).setTarget("outt");
            return m;
        }), "projection #0", "'outt' does not exist");
    }

    @Test
    void shouldRejectWeightsOfTheWrongShape() throws IOException
    {
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getProjectionsBuilder(0).addWeights(1f);
            return m;
        }), "weights has 7 values, expected 2 x 3 = 6");
    }

    @Test
    void shouldRejectNaNAndInfiniteValues() throws IOException
    {
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getProjectionsBuilder(0).setWeights(4, Float.NaN);
            return m;
        }), "weights[4]", "row 1, column 1", "NaN");
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getPopulationsBuilder(1).getLifBuilder().setThreshold(Float.POSITIVE_INFINITY);
            return m;
        }), "population #1 'out'", "lif.threshold", "Infinity");
    }

    @Test
    void shouldRejectZeroSizes() throws IOException
    {
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getPopulationsBuilder(1).setSize(0);
            return m;
        }), "population #1 'out' has size 0");
    }

    @Test
    void shouldRejectANetworkTooBigForTheChipNamingTheCoresNeeded() throws IOException
    {
        assertRejected(runModel(m ->
        {
            m.getNetworkBuilder().getPopulationsBuilder(1).setSize(200 * 256);
            m.getNetworkBuilder().getProjectionsBuilder(0).clearWeights();
            return m;
        }), "needs 200 cores", "the chip has 156");
    }

    @Test
    void shouldRejectZeroWorkersAndUnknownFlags() throws IOException
    {
        assertRejected(runModel(m -> m, "--workers", "0"), "--workers must be at least 1");
        assertRejected(runModel(m -> m, "--warp-speed"), "Unknown option", "--warp-speed");
        assertRejected(runModel(m -> m, "--ticks", "many"), "--ticks");
    }

    @Test
    void shouldRejectChipOptionsOnACompiledProgram() throws IOException
    {
        final Path program = dir.resolve("p.pb");
        assertEquals(0, chipsim("compile", writeModel(smallModel()).toString(), "-o", program.toString()).code());
        assertRejected(chipsim("run", program.toString(), "--mesh", "4x4"), "compiled program");
    }

    @Test
    void shouldSaveTheLearnedModelSoThatItRunsAgain() throws IOException
    {
        final Model learning = smallModel().toBuilder()
            .setNetwork(smallModel().getNetwork().toBuilder().setProjections(0, smallModel().getNetwork()
                .getProjections(0).toBuilder().setPlasticity(org.chipsim.proto.v1.Plasticity.newBuilder()
                    .setStdpPair(org.chipsim.proto.v1.StdpPair.newBuilder().setAPlus(0.2f).setAMinus(0.1f)
                        .setTauPlusTicks(4).setTauMinusTicks(4)))))
            .build();
        final Path model = writeModel(learning);
        final Path saved = dir.resolve("learned.pb");
        final Cli.Outcome outcome = chipsim("run", model.toString(), "--save-model", saved.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("saved model"), outcome.out());
        final Model reloaded = org.chipsim.core.io.ModelFiles.readModel(saved);
        assertTrue(reloaded.getNetwork().getPopulations(1).getWeightScale() > 0, "the scale is saved");
        assertTrue(!reloaded.getNetwork().getProjections(0).getWeightsList()
            .equals(learning.getNetwork().getProjections(0).getWeightsList()), "weights were learned");
        assertEquals(0, chipsim("run", saved.toString()).code());
        // a compiled program has no model to write into
        final Path program = dir.resolve("p.pb");
        assertEquals(0, chipsim("compile", model.toString(), "-o", program.toString()).code());
        assertRejected(chipsim("run", program.toString(), "--save-model", dir.resolve("x.pb").toString()),
            "--save-model needs a model");
    }

    @Test
    void shouldRefuseARunThatNeedsMoreMemoryThanAllowedSayingHowMuch() throws IOException
    {
        assertRejected(runModel(m -> m, "--max-memory", "100"), "needs", "bytes", "off-heap", "--max-memory");
        assertRejected(runModel(m -> m, "--max-memory", "lots"), "--max-memory expects a positive size");
        assertEquals(0, runModel(m -> m, "--max-memory", "64m").code());
    }

    private static long jsonLong(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        assertTrue(m.find(), key + " in result.json");
        return Long.parseLong(m.group(1));
    }

    private static String withoutTiming(final String summary)
    {
        return summary.replaceAll("(?m)^(ticks|SOPs) .*$", "");
    }
}
