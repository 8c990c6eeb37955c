package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chipsim.nir.NirGraph;
import org.chipsim.nir.NirWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neuron-model options as a user meets them: a NIR CubaLIF neuron run on the simulated chip fires at the exact
 * solution's ticks, and the membrane and accumulator widths are command-line options with one-line errors.
 */
class NeuronModelCliTest
{
    static final double DT = 1e-3;
    static final double TAU_SYN = 0.005;
    static final double TAU_MEM = 0.01;
    static final double R = 2;
    static final double W = 0.5;
    static final double W_IN = 1.5;
    static final double THRESHOLD = 0.366;

    @TempDir
    Path dir;

    /**
     * The exact solution (docs/nir.md): each input spike of tick s adds W_IN W dt / tau_syn to I at time s dt; between
     * events I and v evolve in closed form; v resets to 0 at the first tick end where it reaches the threshold.
     */
    static List<Long> exactSpikes(final int[] input, final int ticks)
    {
        final double es = Math.exp(-DT / TAU_SYN);
        final double em = Math.exp(-DT / TAU_MEM);
        final double coupling = TAU_SYN * (es - em) / (TAU_SYN - TAU_MEM);
        final List<Long> spikes = new ArrayList<>();
        double current = 0;
        double v = 0;
        int next = 0;
        for (int n = 1; n < ticks; n++)
        {
            if (next < input.length && input[next] == n - 1)
            {
                current += W_IN * W * DT / TAU_SYN;
                next++;
            }
            v = v * em + R * current * coupling;
            current *= es;
            if (v >= THRESHOLD)
            {
                spikes.add((long)n);
                v = 0;
            }
        }
        return spikes;
    }

    @Test
    void runCubaLifNirOnTheChipGivesTheExactSolutionsSpikes() throws IOException
    {
        final NirGraph graph = NirGraph.builder()
            .node("input", "Input", "shape", new int[] {1})
            .node("linear", "Linear", "weight", new double[][] {{W}})
            .node("cuba", "CubaLIF", "tau_syn", new double[] {TAU_SYN}, "tau_mem", new double[] {TAU_MEM}, "r",
                new double[] {R}, "v_leak", new double[] {0}, "v_threshold", new double[] {THRESHOLD}, "v_reset",
                new double[] {0}, "w_in", new double[] {W_IN})
            .node("output", "Output", "shape", new int[] {1})
            .chain("input", "linear", "cuba", "output")
            .build();
        final Path nir = dir.resolve("cuba.nir");
        NirWriter.write(graph, nir);
        final StringBuilder csv = new StringBuilder("tick,input_index\n");
        for (final int t : NirCliTest.INPUT)
        {
            csv.append(t).append(",0\n");
        }
        final Path events = Files.writeString(dir.resolve("events.csv"), csv);
        final Path results = dir.resolve("results");
        final Cli.Outcome outcome = Cli.chipsim("run", nir.toString(), "--stimulus", events.toString(), "--ticks",
            "150", "--record", "cuba", "--workers", "2", "--out", results.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("current-based neuron"), outcome.out());
        final List<Long> ticks = new ArrayList<>();
        final List<String> lines = Files.readAllLines(results.resolve("spikes.csv"));
        for (final String line : lines.subList(1, lines.size()))
        {
            ticks.add(Long.parseLong(line.split(",")[0]));
        }
        final List<Long> expected = exactSpikes(NirCliTest.INPUT, 150);
        assertTrue(expected.size() >= 3, expected.toString());
        assertEquals(expected, ticks);
    }

    /** The text-format example of docs/neuron-models.md: (0.9^n - 0.8^n) / 0.1 first reaches 2.3 at n = 4. */
    @Test
    void documentedCubaExampleFiresAtTickFour() throws IOException
    {
        final Path model = Files.writeString(dir.resolve("cuba.pbtxt"), String.join("\n",
            "name: \"cuba\"",
            "network {",
            "  populations { name: \"in\" size: 1 input: true }",
            "  populations { name: \"n\" size: 1 lif { threshold: 2.3 decay: 0.9 synaptic_current { decay: 0.8 } } }",
            "  projections { source: \"in\" target: \"n\" weights: [1.0] }",
            "}",
            "stimulus { spike_trains { trains { population: \"in\" neuron: 0 ticks: [0] } } }",
            "chip { membrane_bits: 16 accumulator_bits: 12 }",
            "run { ticks: 20 record_populations: \"n\" }", ""));
        final Path results = dir.resolve("cuba-out");
        final Cli.Outcome outcome = Cli.chipsim("run", model.toString(), "--out", results.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("8-bit weights, 16-bit membrane, 12-bit accumulator"), outcome.out());
        assertEquals(List.of("tick,population,neuron", "4,n,0"), Files.readAllLines(results.resolve("spikes.csv")));
    }

    @Test
    void widthsAreOptionsWithOneLineErrors() throws IOException
    {
        final Path model = Files.write(dir.resolve("model.pb"), CliTest.smallModel().toByteArray());
        final Cli.Outcome ok = Cli.chipsim("run", model.toString(), "--membrane-bits", "16", "--accumulator-bits",
            "12", "--out", dir.resolve("ok").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("8-bit weights, 16-bit membrane, 12-bit accumulator"), ok.out());
        assertOneLine(Cli.chipsim("run", model.toString(), "--accumulator-bits", "4", "--out",
            dir.resolve("a").toString()), "chip.accumulator_bits must be in 8..32, got 4");
        // the threshold 1.0 is 106 steps of 1.2 / 127: no room in a 6-bit membrane (at most 31)
        assertOneLine(Cli.chipsim("run", model.toString(), "--membrane-bits", "6", "--out",
            dir.resolve("m").toString()), "membrane_bits", "threshold");
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("m")), "no partial output");
    }

    private static void assertOneLine(final Cli.Outcome outcome, final String... words)
    {
        assertEquals(2, outcome.code(), outcome.err());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, outcome.err());
        assertTrue(lines[0].matches("chipsim: error E\\d{3}: .*"), lines[0]);
        for (final String word : words)
        {
            assertTrue(lines[0].contains(word), "'" + word + "' in: " + lines[0]);
        }
    }
}
