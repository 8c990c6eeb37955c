package org.chipsim.cli.report;

import org.chipsim.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chipsim compare} reads two energy.json files back and sets them side by side. */
class CompareCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCompareTwoRuns() throws IOException
    {
        final Path model = dir.resolve("hand.pb");
        Files.write(model, HandComputedEnergyTest.model().toByteArray());
        assertEquals(0, Cli.chipsim("run", model.toString(), "--preset", "loihi", "--out",
            dir.resolve("a").toString()).code());
        assertEquals(0, Cli.chipsim("run", model.toString(), "--preset", "loihi", "--cost",
            "sop_energy_pj=47.2", "--out", dir.resolve("b").toString()).code());
        final Cli.Outcome compare = Cli.chipsim("compare", dir.resolve("a").toString(),
            dir.resolve("b").resolve("energy.json").toString());
        assertEquals(0, compare.code(), compare.err());
        // 8 SOPs at twice the energy: the sop component doubles
        assertTrue(compare.out().lines().anyMatch(l -> l.trim().startsWith("sop (pJ)") && l.trim().endsWith("2.000")),
            compare.out());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("cost sop_energy_pj") && l.contains("47.20")),
            compare.out());

        final Cli.Outcome missing = Cli.chipsim("compare", dir.resolve("a").toString(),
            dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void shouldReadBackWhatTheReportWriterWrites()
    {
        final Object json = JsonReader.parse("{\"a\": [1, 2.5e3, -0.5], \"b\": {\"c\": \"x\\\"y\\u0041\"}, " +
            "\"d\": true, \"e\": null, \"f\": []}");
        final Map<?, ?> map = (Map<?, ?>)json;
        assertEquals(List.of(1.0, 2500.0, -0.5), map.get("a"));
        assertEquals("x\"yA", ((Map<?, ?>)map.get("b")).get("c"));
        assertEquals(Boolean.TRUE, map.get("d"));
        assertTrue(map.containsKey("e"));
        assertEquals(List.of(), map.get("f"));
    }
}
