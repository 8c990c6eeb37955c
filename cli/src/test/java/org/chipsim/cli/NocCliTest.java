package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NoC options on the command line: what they write, and one clear line for each bad value. */
class NocCliTest
{
    @TempDir
    Path dir;

    private final CliTest cli = new CliTest();

    @BeforeEach
    void share()
    {
        cli.dir = dir;
    }

    private static Cli.Outcome chipsim(final String... args)
    {
        return Cli.chipsim(args);
    }

    private void assertRejected(final Cli.Outcome outcome, final String... words) throws IOException
    {
        cli.assertRejected(outcome, words);
    }

    /** The small model on a 2 x 1 grid of 1 x 1 chips: its output neurons on two cores, one on each chip. */
    private Path twoChipModel() throws IOException
    {
        final Model model = CliTest.smallModel().toBuilder().setChip(ChipSpec.newBuilder().setNeuronsPerCore(2)
            .setMeshWidth(1).setMeshHeight(1).setChipsX(2)).build();
        return cli.writeModel(model);
    }

    @Test
    void shouldRunWithTheCongestionModelAndWriteItsCounters() throws IOException
    {
        final Path out = dir.resolve("results");
        final Cli.Outcome outcome = chipsim("run", twoChipModel().toString(), "--out", out.toString(),
            "--noc-buffer-depth", "1", "--noc-overflow", "drop", "--workers", "2");
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("noc          congestion model, 1-packet buffers"), outcome.out());
        assertTrue(outcome.out().contains("2 x 1 chips of 1 x 1 mesh"), outcome.out());
        final String result = Files.readString(out.resolve("result.json"));
        assertTrue(result.contains("\"overflow\": \"drop\""), result);
        assertTrue(result.contains("\"inter_chip\": true"), result);
        assertTrue(result.contains("\"stall_cycles\""), result);
        // the input port is on chip 0: input packets to the core on chip 1 cross one inter-chip link
        assertTrue(number(result, "input_inter_chip_hops") > 0, result);
        assertEquals(number(result, "total_inter_chip_hops"), number(result, "inter_chip_hops") +
            number(result, "input_inter_chip_hops"));
        final String energy = Files.readString(out.resolve("energy.json"));
        assertTrue(energy.contains("\"mesh_cycles\""), "the recorded NoC time per tick");
        assertTrue(energy.contains("\"inter_chip_link\""), "the inter-chip energy component");
        final String counters = Files.readString(out.resolve("counters.csv"));
        assertTrue(counters.lines().findFirst().orElseThrow().contains("noc_stall_cycles"), counters);
    }

    @Test
    void shouldRejectBadNocSettingsInOneLine() throws IOException
    {
        final String model = twoChipModel().toString();
        final String out = dir.resolve("results").toString();
        assertRejected(chipsim("run", model, "--out", out, "--noc", "mesh"), "--noc expects ideal or congestion");
        assertRejected(chipsim("run", model, "--out", out, "--noc", "ideal", "--noc-buffer-depth", "2"),
            "--noc ideal");
        assertRejected(chipsim("run", model, "--out", out, "--noc-buffer-depth", "0"), "--noc-buffer-depth");
        assertRejected(chipsim("run", model, "--out", out, "--noc-buffer-depth", "5000"),
            "chip.noc_buffer_depth_packets must be in 0..4096");
        assertRejected(chipsim("run", model, "--out", out, "--noc-link-bandwidth", "65"),
            "chip.noc_link_packets_per_cycle must be in 0..64");
        assertRejected(chipsim("run", model, "--out", out, "--noc-overflow", "lose"), "back-pressure or drop");
        assertRejected(chipsim("run", model, "--out", out, "--chips", "2by2"), "--chips expects AxB");
        assertRejected(chipsim("run", model, "--out", out, "--chips", "65x1"), "chip.chips_x must be in 0..64");
    }

    private static long number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
