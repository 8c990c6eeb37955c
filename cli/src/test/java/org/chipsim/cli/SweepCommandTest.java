package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chipsim sweep}: every point is the run the same settings give, whatever runs at once. */
class SweepCommandTest
{
    @TempDir
    Path dir;

    private static Cli.Outcome chipsim(final String... args)
    {
        return Cli.chipsim(args);
    }

    /** The partial-sum network of the energy tests, its three samples labeled so accuracy is measured. */
    private Path model() throws IOException
    {
        final Model base = org.chipsim.cli.report.TestNetworks.determinism();
        final RateCoded.Builder rate = base.getStimulus().getRateCoded().toBuilder();
        for (int s = 0; s < rate.getSamplesCount(); s++)
        {
            rate.setSamples(s, rate.getSamples(s).toBuilder().setLabel(s).setHasLabel(true));
        }
        final Path file = dir.resolve("labeled.pb");
        Files.write(file, base.toBuilder().setStimulus(Stimulus.newBuilder().setRateCoded(rate)).build()
            .toByteArray());
        return file;
    }

    private static Map<String, Object> energy(final Path dir) throws IOException
    {
        return org.chipsim.cli.report.TestNetworks.readJson(dir.resolve("energy.json"));
    }

    @Test
    void shouldGiveTheFiguresOfTheIndividualRunsWhateverRunsAtOnce() throws IOException
    {
        final String model = model().toString();
        final Path out = dir.resolve("sweep");
        final Cli.Outcome sweep = chipsim("sweep", model, "--vary", "preset=tianjic,loihi", "--vary",
            "chip.weight_bits=4,8", "--parallel", "2", "--workers", "1", "--out", out.toString());
        assertEquals(0, sweep.code(), sweep.err());
        assertTrue(sweep.out().contains("4 points (preset x chip.weight_bits), 2 at a time with 1 worker each"),
            sweep.out());
        assertEquals(4, sweep.err().lines().filter(l -> l.startsWith("sweep: point ")).count(), sweep.err());
        final List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, csv.size(), "header + 4 points");
        final List<String> header = Arrays.asList(csv.get(0).split(","));
        assertEquals(List.of("preset", "chip.weight_bits", "ticks"), header.subList(0, 3));
        assertEquals("accuracy", header.get(header.size() - 1));

        final String[][] points = {{"tianjic", "4"}, {"tianjic", "8"}, {"loihi", "4"}, {"loihi", "8"}};
        final Set<String> energies = new HashSet<>();
        for (int i = 0; i < 4; i++)
        {
            final String[] row = csv.get(i + 1).split(",", -1);
            assertEquals(header.size(), row.length, csv.get(i + 1));
            assertEquals(points[i][0], row[0]);
            assertEquals(points[i][1], row[1]);
            final Path single = dir.resolve("run-" + i);
            final Cli.Outcome run = chipsim("run", model, "--preset", points[i][0], "--weight-bits", points[i][1],
                "--workers", "2", "--out", single.toString());
            assertEquals(0, run.code(), run.err());
            final Map<?, ?> totals = (Map<?, ?>)energy(single).get("totals");
            final Map<?, ?> latency = (Map<?, ?>)energy(single).get("latency");
            final String what = "point " + points[i][0] + ", " + points[i][1] + " bits";
            assertEquals(totals.get("energy_pj").toString(), row[header.indexOf("energy_pj")], what);
            assertEquals(totals.get("energy_per_spike_pj").toString(), row[header.indexOf("energy_per_spike_pj")],
                what);
            assertEquals(totals.get("energy_per_sop_pj").toString(), row[header.indexOf("energy_per_sop_pj")], what);
            assertEquals(totals.get("energy_per_inference_pj").toString(),
                row[header.indexOf("energy_per_inference_pj")], what);
            assertEquals(((Double)totals.get("sops")).longValue(), Long.parseLong(row[header.indexOf("sops")]), what);
            assertEquals(((Double)totals.get("spikes_out")).longValue(), Long.parseLong(row[header.indexOf("spikes")]),
                what);
            assertEquals(latency.get("mean_cycles").toString(), row[header.indexOf("latency_mean_cycles")], what);
            assertEquals(latency.get("p99_cycles").toString(), row[header.indexOf("latency_p99_cycles")], what);
            assertEquals(latency.get("max_cycles").toString(), row[header.indexOf("latency_max_cycles")], what);
            final Map<?, ?> classification = (Map<?, ?>)org.chipsim.cli.report.TestNetworks.readJson(
                single.resolve("result.json")).get("classification");
            assertEquals(classification.get("accuracy").toString(), row[header.indexOf("accuracy")], what);
            energies.add(row[header.indexOf("energy_pj")]);
        }
        assertEquals(4, energies.size(), "precision and preset both change the energy");

        // one point at a time, more workers each: the same table
        final Path serial = dir.resolve("serial");
        assertEquals(0, chipsim("sweep", model, "--vary", "preset=tianjic,loihi", "--vary", "chip.weight_bits=4,8",
            "--parallel", "1", "--workers", "2", "--out", serial.toString()).code());
        assertEquals(csv, Files.readAllLines(serial.resolve("sweep.csv")));

        final BufferedImage png = ImageIO.read(out.resolve("sweep.png").toFile());
        assertEquals(org.chipsim.cli.report.SweepPicture.WIDTH, png.getWidth());
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 2)
        {
            for (int x = 0; x < png.getWidth(); x += 2)
            {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "two series, axes and text: " + colours.size());
    }

    @Test
    void shouldSweepCostsPlacementAndRatesOfAModel() throws IOException
    {
        final Cli.Outcome sweep = chipsim("sweep", model().toString(), "--vary", "cost.sop_energy_pj=1,2",
            "--vary", "placement=naive,anneal", "--vary", "stimulus.rate_scale=0.5");
        assertEquals(0, sweep.code(), sweep.err());
        assertEquals(4, sweep.out().lines().filter(l -> l.startsWith("point ")).count(), sweep.out());
        assertTrue(sweep.out().contains("cost.sop_energy_pj=2, placement=naive, stimulus.rate_scale=0.5"),
            sweep.out());
    }

    @Test
    void shouldRejectUnknownKeysAndBadValuesInOneLine() throws IOException
    {
        final String model = model().toString();
        final Cli.Outcome key = chipsim("sweep", model, "--vary", "chip.clock=1,2");
        assertEquals(2, key.code());
        assertEquals(1, key.err().trim().lines().count(), key.err());
        assertTrue(key.err().matches("(?s)chipsim: error E\\d{3}: .*") &&
            key.err().contains("unknown sweep key 'chip.clock' (valid: preset, " +
            "chip.weight_bits, chip.mesh, chip.axons_per_core, chip.neurons_per_core, stimulus.rate_scale, " +
            "placement, chip.chips, chip.noc_buffer_depth_packets, chip.noc_link_packets_per_cycle, " +
            "chip.noc_overflow, cost.NAME with NAME one of sop_energy_pj, "), key.err());

        final String[][] bad = {{"preset=tianjic,spinnaker", "unknown energy preset 'spinnaker'"},
            {"chip.weight_bits=8,eight", "chip.weight_bits must be a positive whole number, got 'eight'"},
            {"chip.mesh=12by13", "chip.mesh expects WIDTHxHEIGHT such as 12x13, got '12by13'"},
            {"chip.noc_overflow=drop,lose", "chip.noc_overflow must be back-pressure or drop, got 'lose'"},
            {"chip.noc_buffer_depth_packets=2,0", "chip.noc_buffer_depth_packets must be a positive whole number"},
            {"placement=random", "placement must be naive, greedy or anneal, got 'random'"},
            {"cost.sop=1", "unknown sweep key 'cost.sop'"},
            {"cost.hop_energy_pj=-1", "hop_energy_pj must be a finite number >= 0"},
            {"preset", "--vary expects KEY=V1,V2,..."}};
        for (final String[] b : bad)
        {
            final Cli.Outcome outcome = chipsim("sweep", model, "--vary", b[0]);
            assertEquals(2, outcome.code(), b[0]);
            assertEquals(1, outcome.err().trim().lines().count(), outcome.err());
            assertTrue(outcome.err().contains(b[1]), b[0] + ": " + outcome.err());
        }

        final Path program = dir.resolve("labeled.program.pb");
        assertEquals(0, chipsim("compile", model, "-o", program.toString()).code());
        final Cli.Outcome fixed = chipsim("sweep", program.toString(), "--vary", "chip.weight_bits=4,8");
        assertEquals(2, fixed.code());
        assertTrue(fixed.err().contains("is a compiled program: its chip and placement are fixed"), fixed.err());
        final Cli.Outcome presets = chipsim("sweep", program.toString(), "--vary", "preset=loihi,truenorth");
        assertEquals(0, presets.code(), presets.err());
    }
}
