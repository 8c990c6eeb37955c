package org.chipsim.cli.report;

import org.chipsim.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.chipsim.chip.CoreCounter;
import org.chipsim.cli.Main;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.Cost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chipsim run --preset/--cost/--out} as a user meets it. */
class EnergyCliTest
{
    @TempDir
    Path dir;

    static Cli.Outcome chipsim(final String... args)
    {
        return Cli.chipsim(args);
    }

    private Path modelFile() throws IOException
    {
        final Path file = dir.resolve("hand.pb");
        Files.write(file, HandComputedEnergyTest.model().toByteArray());
        return file;
    }

    @Test
    void shouldPrintEnergyAndWriteTheReportFiles() throws IOException
    {
        final Path out = dir.resolve("out");
        final Cli.Outcome run = chipsim("run", modelFile().toString(), "--preset", "loihi", "--cost",
            "static_power_mw_per_core=0.5", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("preset loihi with 1 cost overridden"), run.out());
        for (final String label : new String[] {"energy", "per event", "power", "latency", "top cores"})
        {
            assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(label)), label + " in\n" + run.out());
        }
        for (final String name : new String[] {"result.json", "energy.json", "counters.csv", "mesh-energy.png",
            "energy-per-tick.png"})
        {
            assertTrue(Files.size(out.resolve(name)) > 100, name);
        }

        final String json = Files.readString(out.resolve("energy.json"));
        assertTrue(json.contains("\"name\": \"loihi\""), json);
        for (final Cost cost : Cost.values())
        {
            assertTrue(json.contains("\"key\": \"" + cost.key() + "\""), cost.key());
        }
        for (final Component component : Component.values())
        {
            assertTrue(json.contains("\"" + component.key() + "\": "), component.key());
        }
        assertTrue(json.contains("\"source\": \"override (chip.energy.static_power_mw_per_core)\""));
        assertTrue(json.contains("Davies"));
        assertTrue(json.contains("\"critical_path_cycles\": ["));
        assertTrue(json.contains("\"p99_cycles\": "));

        final List<String> csv = Files.readAllLines(out.resolve("counters.csv"));
        assertEquals(3, csv.size(), "header + one row per core");
        final String[] header = csv.get(0).split(",");
        assertEquals("id", header[0]);
        assertEquals("busy_cycles", header[header.length - 1]);
        assertEquals(5 + CoreCounter.count() + Component.count() + 2, header.length);
        for (final String row : csv.subList(1, 3))
        {
            assertEquals(header.length, row.split(",").length, row);
        }
        assertTrue(csv.stream().anyMatch(row -> row.contains(",soma,hidden,")), csv.toString());
        assertTrue(csv.stream().anyMatch(row -> row.contains(",soma,out,")), csv.toString());
    }

    @Test
    void shouldRejectUnknownPresetsAndCostsInOneLine() throws IOException
    {
        final String model = modelFile().toString();
        final Cli.Outcome preset = chipsim("run", model, "--preset", "spinnaker");
        assertEquals(2, preset.code());
        assertEquals("chipsim: error E000: unknown energy preset 'spinnaker' (valid: tianjic, loihi, truenorth, custom)",
            preset.err().trim());

        final Cli.Outcome key = chipsim("run", model, "--cost", "sop=1");
        assertEquals(2, key.code());
        assertEquals(1, key.err().trim().lines().count(), key.err());
        assertTrue(key.err().contains("unknown energy cost 'sop' (valid: sop_energy_pj, neuron_update_energy_pj"),
            key.err());

        final Cli.Outcome form = chipsim("run", model, "--cost", "sop_energy_pj");
        assertEquals(2, form.code());
        assertTrue(form.err().contains("--cost expects KEY=VALUE"), form.err());

        final Cli.Outcome negative = chipsim("run", model, "--cost", "hop_energy_pj=-3");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("hop_energy_pj must be a finite number >= 0, got -3.0"), negative.err());
    }

    @Test
    void shouldApplyCostsToACompiledProgramToo() throws IOException
    {
        final Path program = dir.resolve("hand.program.pb");
        final Cli.Outcome compile = chipsim("compile", modelFile().toString(), "-o", program.toString());
        assertEquals(0, compile.code(), compile.err());
        final Cli.Outcome run = chipsim("run", program.toString(), "--preset", "truenorth");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("preset truenorth"), run.out());
    }
}
