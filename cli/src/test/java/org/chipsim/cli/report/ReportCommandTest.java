package org.chipsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.chipsim.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chipsim report DIR}: the saved counts give back the run's figures, and priced with other costs they give
 * what a run with those costs gives. Both compare the numbers energy.json stores (doubles in Java's shortest
 * round-trip form) for exact equality: no tolerance is needed.
 */
class ReportCommandTest
{
    @TempDir
    Path dir;

    private Path model() throws IOException
    {
        final Path file = dir.resolve("determinism.pb");
        if (!Files.exists(file))
        {
            Files.write(file, EnergyDeterminismTest.network().toByteArray());
        }
        return file;
    }

    private Path run(final String name, final String... options) throws IOException
    {
        final Path out = dir.resolve(name);
        final String[] args = new String[options.length + 6];
        args[0] = "run";
        args[1] = model().toString();
        args[2] = "--workers";
        args[3] = "2";
        args[4] = "--out";
        args[5] = out.toString();
        System.arraycopy(options, 0, args, 6, options.length);
        final Cli.Outcome run = Cli.chipsim(args);
        assertEquals(0, run.code(), run.err());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> energy(final Path dir) throws IOException
    {
        return (Map<String, Object>)JsonReader.parse(Files.readString(dir.resolve(ReportFiles.ENERGY_JSON)));
    }

    /** The figures a run's energy.json reports: totals, components, latency and every core's total. */
    private static void assertSameFigures(final Map<String, Object> a, final Map<String, Object> b, final String what,
        final boolean latency)
    {
        final Map<Object, Object> totalsA = new java.util.HashMap<>((Map<?, ?>)a.get("totals"));
        final Map<Object, Object> totalsB = new java.util.HashMap<>((Map<?, ?>)b.get("totals"));
        if (!latency)
        {
            // static energy had the chip not been paced follows from the latency
            totalsA.remove("static_energy_if_unpaced_pj");
            totalsB.remove("static_energy_if_unpaced_pj");
        }
        assertEquals(totalsA, totalsB, what + ": totals");
        assertEquals(a.get("by_component_pj"), b.get("by_component_pj"), what + ": components");
        assertEquals(a.get("energy_per_tick"), b.get("energy_per_tick"), what + ": energy per tick");
        final List<?> coresA = (List<?>)a.get("cores");
        final List<?> coresB = (List<?>)b.get("cores");
        assertEquals(coresA.size(), coresB.size());
        for (int k = 0; k < coresA.size(); k++)
        {
            assertEquals(((Map<?, ?>)coresA.get(k)).get("total_pj"), ((Map<?, ?>)coresB.get(k)).get("total_pj"),
                what + ": core " + k);
        }
        if (latency)
        {
            assertEquals(a.get("latency"), b.get("latency"), what + ": latency");
        }
    }

    @Test
    void shouldReproduceTheRunFromItsSavedFiles() throws IOException
    {
        final Path saved = run("saved", "--record", "hidden");
        final Cli.Outcome runAgain = Cli.chipsim("run", model().toString(), "--workers", "1",
            "--record", "hidden");
        final byte[] mesh = Files.readAllBytes(saved.resolve(ReportFiles.MESH_PICTURE));
        final byte[] raster = Files.readAllBytes(saved.resolve(ReportFiles.RASTER_PICTURE));
        Files.delete(saved.resolve(ReportFiles.MESH_PICTURE));
        Files.delete(saved.resolve(ReportFiles.RASTER_PICTURE));

        final Cli.Outcome report = Cli.chipsim("report", saved.toString());
        assertEquals(0, report.code(), report.err());
        for (final String label : new String[] {"energy", "  by part", "  per event", "power", "latency",
            "top cores"})
        {
            final String expected = runAgain.out().lines().filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow();
            assertTrue(report.out().lines().anyMatch(expected::equals), "'" + expected + "' in\n" + report.out());
        }
        assertTrue(report.out().contains("as the run (preset tianjic)"), report.out());
        assertArrayEquals(mesh, Files.readAllBytes(saved.resolve(ReportFiles.MESH_PICTURE)), "same picture");
        assertArrayEquals(raster, Files.readAllBytes(saved.resolve(ReportFiles.RASTER_PICTURE)), "same raster");

        // into another directory: a result directory of its own, the same figures
        final Path copy = dir.resolve("copy");
        assertEquals(0, Cli.chipsim("report", saved.toString(), "--out", copy.toString()).code());
        assertSameFigures(energy(saved), energy(copy), "copy", true);
        assertEquals(Files.readString(saved.resolve(ReportFiles.COUNTERS_CSV)),
            Files.readString(copy.resolve(ReportFiles.COUNTERS_CSV)));
    }

    @Test
    void shouldPriceTheSavedCountsLikeARunWithTheOtherPreset() throws IOException
    {
        // traced over every tick: latency can be priced again as well
        final Path tianjic = run("tianjic", "--trace-ticks", "1000");
        final Path fresh = run("loihi", "--preset", "loihi");
        final Path repriced = dir.resolve("repriced");
        final Cli.Outcome report = Cli.chipsim("report", tianjic.toString(), "--preset", "loihi",
            "--out", repriced.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("re-priced from the saved counts (the run used preset tianjic)"),
            report.out());
        assertTrue(report.out().contains("re-priced from every core's events of every tick"), report.out());
        assertSameFigures(energy(fresh), energy(repriced), "loihi", true);
        assertEquals(Files.readString(fresh.resolve(ReportFiles.COUNTERS_CSV)),
            Files.readString(repriced.resolve(ReportFiles.COUNTERS_CSV)));
        for (final String name : new String[] {ReportFiles.MESH_PICTURE, ReportFiles.TICK_PICTURE,
            ReportFiles.TRACE_JSON})
        {
            assertTrue(Files.size(repriced.resolve(name)) > 1000, name);
        }

        // and back: the re-priced directory priced as tianjic is the first run again
        final Path back = dir.resolve("back");
        assertEquals(0, Cli.chipsim("report", repriced.toString(), "--preset", "tianjic", "--out",
            back.toString()).code());
        assertSameFigures(energy(tianjic), energy(back), "back to tianjic", true);
    }

    @Test
    void shouldPriceEnergyWithoutATraceAndSayWhenLatencyCannotBe() throws IOException
    {
        final Path saved = run("plain");
        final Path fresh = run("sop", "--cost", "sop_energy_pj=4.5");
        final Path repriced = dir.resolve("sop-repriced");
        final Cli.Outcome cost = Cli.chipsim("report", saved.toString(), "--cost",
            "sop_energy_pj=4.5", "--out", repriced.toString());
        assertEquals(0, cost.code(), cost.err());
        // an energy cost leaves the slowest cores as they were: latency too is exact
        assertSameFigures(energy(fresh), energy(repriced), "sop cost", true);

        final Path loihi = run("plain-loihi", "--preset", "loihi");
        final Cli.Outcome report = Cli.chipsim("report", saved.toString(), "--preset", "loihi");
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("latency      not re-priced: other latency costs, and the run kept no " +
            "per-core record of every tick (run it with --out DIR --trace --trace-ticks 120)"), report.out());
        assertTrue(report.out().contains("files        none written"), report.out());
        final Path energyOnly = dir.resolve("energy-only");
        assertEquals(0, Cli.chipsim("report", saved.toString(), "--preset", "loihi", "--out",
            energyOnly.toString()).code());
        assertSameFigures(energy(loihi), energy(energyOnly), "loihi energy", false);
        assertFalse(energy(energyOnly).containsKey("latency"), "no latency rather than a wrong one");
    }

    @Test
    void shouldRejectWhatIsNotASavedRunInOneLine() throws IOException
    {
        final Cli.Outcome missing = Cli.chipsim("report", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().matches("(?s)chipsim: error E\\d{3}: .*") && missing.err().contains("not a directory"),
            missing.err());

        final Path saved = run("old");
        final Path energy = saved.resolve(ReportFiles.ENERGY_JSON);
        Files.writeString(energy, Files.readString(energy).replace("\"format_version\": 2", "\"format_version\": 1"));
        final Cli.Outcome old = Cli.chipsim("report", saved.toString());
        assertEquals(2, old.code());
        assertEquals(1, old.err().trim().lines().count(), old.err());
        assertTrue(old.err().contains("format_version 1 keeps no counts to price again"), old.err());

        Files.writeString(energy, "{\"format_version\": 2");
        final Cli.Outcome cut = Cli.chipsim("report", saved.toString());
        assertEquals(2, cut.code());
        assertTrue(cut.err().contains("malformed JSON"), cut.err());
    }
}
