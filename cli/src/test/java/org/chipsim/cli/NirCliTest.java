package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.nir.NirGraph;
import org.chipsim.nir.NirWriter;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chipsim import}, {@code chipsim run MODEL.nir}, {@code --stimulus} in every format and {@code spikes.csv}, as
 * a user meets them: on the chip, with one clear line and exit code 2 for bad input.
 */
class NirCliTest
{
    static final double DT = 1e-3;
    /** The exact-solution fixture of nir's LifExactSolutionTest: tau 10 ms, R 2, w 0.5, threshold 0.25. */
    static final int[] INPUT = {0, 1, 2, 3, 10, 12, 14, 16, 18, 30, 31, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 80, 83,
        86, 89, 92, 95, 98};
    static final List<Long> EXACT_SPIKES = List.of(3L, 15L, 53L, 56L, 59L, 90L);

    @TempDir
    Path dir;

    static Cli.Outcome chipsim(final String... args)
    {
        return Cli.chipsim(args);
    }

    static double[] fill(final int n, final double v)
    {
        final double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    Path singleLif() throws IOException
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("linear", "Linear", "weight", new double[][] {{0.5}})
            .node("lif", "LIF", "tau", fill(1, 0.01), "r", fill(1, 2), "v_leak", fill(1, 0), "v_threshold",
                fill(1, 0.25), "v_reset", fill(1, 0))
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "linear", "lif", "output")
            .build();
        final Path file = dir.resolve("single.nir");
        NirWriter.write(graph, file);
        return file;
    }

    Path eventsCsv() throws IOException
    {
        final StringBuilder csv = new StringBuilder("tick,input_index\n");
        for (final int t : INPUT)
        {
            csv.append(t).append(",0\n");
        }
        final Path file = dir.resolve("events.csv");
        Files.writeString(file, csv);
        return file;
    }

    /** The lif spike ticks from spikes.csv. */
    static List<Long> lifSpikes(final Path spikesCsv) throws IOException
    {
        final List<String> lines = Files.readAllLines(spikesCsv);
        assertEquals("tick,population,neuron", lines.get(0));
        final List<Long> ticks = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] f = line.split(",");
            if (f[1].equals("lif"))
            {
                assertEquals("0", f[2]);
                ticks.add(Long.parseLong(f[0]));
            }
        }
        return ticks;
    }

    @Test
    void runNirOnTheChipGivesTheExactSolutionsSpikes() throws IOException
    {
        final Path results = dir.resolve("results");
        final Cli.Outcome outcome = chipsim("run", singleLif().toString(), "--stimulus", eventsCsv().toString(),
            "--ticks", "120", "--record", "input,lif", "--out", results.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("nir          LIF 'lif', 1 neuron: decay 0.904837"), outcome.out());
        assertTrue(outcome.out().contains("stimulus"), outcome.out());
        assertTrue(outcome.out().contains("28 spikes over 99 ticks into 'input'"), outcome.out());
        assertEquals(EXACT_SPIKES, lifSpikes(results.resolve("spikes.csv")));
        final List<String> lines = Files.readAllLines(results.resolve("spikes.csv"));
        assertEquals("0,input,0", lines.get(1));
        assertEquals(1 + INPUT.length + EXACT_SPIKES.size(), lines.size());
        assertTrue(Files.exists(results.resolve("result.json")));
    }

    @Test
    void importWritesAModelThatRunsTheSame() throws IOException
    {
        final Path model = dir.resolve("single.pb");
        final Cli.Outcome imported = chipsim("import", singleLif().toString(), "-o", model.toString(), "--dt", "0.001");
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("dt = 0.001 s per tick, exact exponential discretization"), imported.out());
        assertTrue(imported.out().contains("model        " + model), imported.out());
        final Model m = ModelFiles.readModel(model);
        assertEquals(2, m.getNetwork().getPopulationsCount());
        final Path results = dir.resolve("results");
        final Cli.Outcome run = chipsim("run", model.toString(), "--stimulus", "input=" + eventsCsv(), "--ticks", "120",
            "--record", "lif", "--out", results.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(EXACT_SPIKES, lifSpikes(results.resolve("spikes.csv")));
    }

    @Test
    void denseCsvAndNpyStimulusGiveTheSameSpikes() throws IOException
    {
        final byte[] raster = new byte[100];
        final StringBuilder dense = new StringBuilder();
        for (final int t : INPUT)
        {
            raster[t] = 1;
        }
        for (final byte b : raster)
        {
            dense.append(b).append('\n');
        }
        final Path csv = dir.resolve("dense.csv");
        Files.writeString(csv, dense);
        final Path npy = writeNpy(dir.resolve("raster.npy"), "|b1", "(100, 1)", raster);
        for (final Path stimulus : List.of(csv, npy))
        {
            final Path results = dir.resolve("results-" + stimulus.getFileName());
            final Cli.Outcome run = chipsim("run", singleLif().toString(), "--stimulus", stimulus.toString(), "--ticks",
                "120", "--record", "lif", "--out", results.toString());
            assertEquals(0, run.code(), run.err());
            assertEquals(EXACT_SPIKES, lifSpikes(results.resolve("spikes.csv")), stimulus.toString());
        }
    }

    @Test
    void timeStampedEventsUseDt() throws IOException
    {
        final StringBuilder csv = new StringBuilder("time_s,input_index\n");
        for (final int t : INPUT)
        {
            csv.append(t * 0.5e-3 + 0.1e-3).append(",0\n");
        }
        final Path file = dir.resolve("events-seconds.csv");
        Files.writeString(file, csv);
        final Path results = dir.resolve("results");
        // with --dt 0.0005 the import's time step halves, so use a NIR graph whose tau is halved too: same ticks
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("linear", "Linear", "weight", new double[][] {{0.5}})
            .node("lif", "LIF", "tau", fill(1, 0.005), "r", fill(1, 2), "v_leak", fill(1, 0), "v_threshold",
                fill(1, 0.25), "v_reset", fill(1, 0))
            .node("output", "Output")
            .chain("input", "linear", "lif", "output").build();
        final Path nir = dir.resolve("half.nir");
        NirWriter.write(graph, nir);
        final Cli.Outcome run = chipsim("run", nir.toString(), "--dt", "0.0005", "--stimulus", file.toString(),
            "--ticks", "120", "--record", "lif", "--out", results.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(EXACT_SPIKES, lifSpikes(results.resolve("spikes.csv")));
    }

    @Test
    void spikesCsvForAnOrdinaryModel() throws IOException
    {
        final Path model = dir.resolve("model.pb");
        Files.write(model, CliTest.smallModel().toByteArray());
        final Path results = dir.resolve("results");
        final Cli.Outcome run = chipsim("run", model.toString(), "--record", "out", "--out", results.toString());
        assertEquals(0, run.code(), run.err());
        // docs/model-format.md: out neuron 0 fires at ticks 2 and 3, neurons 1 and 2 at tick 4
        assertEquals(List.of("tick,population,neuron", "2,out,0", "3,out,0", "4,out,1", "4,out,2"),
            Files.readAllLines(results.resolve("spikes.csv")));
    }

    /** Exit code 2, one line on stderr with the expected words, no files. */
    void assertRejected(final Cli.Outcome outcome, final String... words) throws IOException
    {
        assertEquals(2, outcome.code(), "exit code; stderr: " + outcome.err() + " stdout: " + outcome.out());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, "one line on stderr: " + outcome.err());
        assertTrue(lines[0].matches("chipsim: error E\\d{3}: .*"), lines[0]);
        for (final String word : words)
        {
            assertTrue(lines[0].contains(word), "'" + word + "' in: " + lines[0]);
        }
        assertFalse(Files.exists(dir.resolve("results").resolve("result.json")), "no result left behind");
        assertFalse(Files.exists(dir.resolve("out.pb")), "no model left behind");
    }

    @Test
    void badInputIsOneLine() throws IOException
    {
        final String nir = singleLif().toString();
        final String results = dir.resolve("results").toString();
        final Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "0,1\n");
        assertRejected(chipsim("run", nir, "--stimulus", wide.toString(), "--out", results), "wide.csv", "row 1",
            "has 2 values, expected 1", "'input'");
        final Path npy = writeNpy(dir.resolve("wide.npy"), "|u1", "(3, 2)", new byte[6]);
        assertRejected(chipsim("run", nir, "--stimulus", npy.toString(), "--out", results), "wide.npy",
            "shape (3, 2)", "expected 1");
        assertRejected(chipsim("run", nir, "--stimulus", "lif=" + wide, "--out", results),
            "'lif' is not an input population");
        assertRejected(chipsim("run", nir, "--reset", "sideways", "--out", results), "--reset", "sideways");
        assertRejected(chipsim("run", nir, "--dt", "0", "--out", results), "--dt");
        final Path model = dir.resolve("model.pb");
        Files.write(model, CliTest.smallModel().toByteArray());
        assertRejected(chipsim("run", model.toString(), "--reset", "subtract", "--out", results),
            "not a NIR graph", "--reset");
        final NirGraph unsupported = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("spiral", "Spiral")
            .chain("input", "spiral").build();
        final Path bad = dir.resolve("bad.nir");
        NirWriter.write(unsupported, bad);
        assertRejected(chipsim("import", bad.toString(), "-o", dir.resolve("out.pb").toString()), "bad.nir",
            "'spiral'", "'Spiral'", "cannot import");
        assertRejected(chipsim("run", bad.toString(), "--out", results), "'spiral'");
        final Path notNir = dir.resolve("text.nir");
        Files.writeString(notNir, "hello");
        assertRejected(chipsim("import", notNir.toString(), "-o", dir.resolve("out.pb").toString()),
            "not an HDF5 file");
    }

    @Test
    void importWarnsOnStderrAndStillSucceeds() throws IOException
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {2})
            .node("fc", "Linear", "weight", new double[][] {{1, 2}, {3, 4}})
            .node("li", "LI", "tau", fill(2, 0.01), "r", fill(2, 1), "v_leak", fill(2, 0))
            .node("output", "Output")
            .chain("input", "fc", "li", "output").build();
        final Path file = dir.resolve("li.nir");
        NirWriter.write(graph, file);
        final Cli.Outcome outcome = chipsim("import", file.toString(), "-o", dir.resolve("li.pb").toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.err().startsWith("chipsim: warning: LI 'li' does not spike"), outcome.err());
    }

    static Path writeNpy(final Path file, final String descr, final String shape, final byte[] data) throws IOException
    {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        final int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        final ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte)0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short)header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        buffer.put(data);
        Files.write(file, buffer.array());
        return file;
    }
}
