package org.chipsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chipsim run --trace}: trace.json is a Perfetto timeline of every core's phases in modelled chip time. */
class TraceJsonTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLayEveryCoresPhasesOutInModelledChipTime() throws IOException
    {
        assertPhasesInChipTime(EnergyDeterminismTest.network());
    }

    @Test
    void shouldLayAnnModeCoresPhasesOutToo() throws IOException
    {
        // in -> a (ANN, window 4) -> b (ANN): spike counts, MACs and activation packets in the timeline
        final org.chipsim.proto.v1.AnnNeuron ann = org.chipsim.proto.v1.AnnNeuron.newBuilder().setWindowTicks(4)
            .build();
        final org.chipsim.proto.v1.SpikeTrains.Builder trains = org.chipsim.proto.v1.SpikeTrains.newBuilder();
        for (int i = 0; i < 4; i++)
        {
            final org.chipsim.proto.v1.SpikeTrain.Builder train = org.chipsim.proto.v1.SpikeTrain.newBuilder()
                .setPopulation("in").setNeuron(i);
            for (int t = i; t < 60; t += 3)
            {
                train.addTicks(t);
            }
            trains.addTrains(train);
        }
        final org.chipsim.proto.v1.Model model = org.chipsim.proto.v1.Model.newBuilder()
            .setNetwork(org.chipsim.proto.v1.Network.newBuilder()
                .addPopulations(org.chipsim.proto.v1.Population.newBuilder().setName("in").setSize(4).setInput(true))
                .addPopulations(org.chipsim.proto.v1.Population.newBuilder().setName("a").setSize(3).setAnn(ann))
                .addPopulations(org.chipsim.proto.v1.Population.newBuilder().setName("b").setSize(2).setAnn(ann))
                .addProjections(org.chipsim.proto.v1.Projection.newBuilder().setSource("in").setTarget("a")
                    .addAllWeights(java.util.Collections.nCopies(12, 0.5f)))
                .addProjections(org.chipsim.proto.v1.Projection.newBuilder().setSource("a").setTarget("b")
                    .addAllWeights(java.util.Collections.nCopies(6, 0.5f))))
            .setStimulus(org.chipsim.proto.v1.Stimulus.newBuilder().setSpikeTrains(trains))
            .setRun(org.chipsim.proto.v1.RunConfig.newBuilder().setTicks(80))
            .build();
        final String trace = assertPhasesInChipTime(model);
        assertTrue(trace.contains("\"name\":\"mac\""), "mac phase");
        assertTrue(trace.contains("\"name\":\"activation-out\""), "activation-out phase");
    }

    /** Runs the model with --trace and checks the timeline against the latency model; returns trace.json. */
    private String assertPhasesInChipTime(final org.chipsim.proto.v1.Model network) throws IOException
    {
        final Path model = dir.resolve("determinism.pb");
        Files.write(model, network.toByteArray());
        final Path out = dir.resolve("out");
        final Cli.Outcome run = Cli.chipsim("run", model.toString(), "--preset", "loihi",
            "--workers", "2", "--trace", "--trace-ticks", "60", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("trace.json"), run.out());

        // the same run, to compare against: what the latency model says each core was busy for
        final ChipProgram compiled = Compiler.compile(network);
        final ChipProgram program = compiled.toBuilder().setChip(EnergyModel.withPreset(compiled.getChip(), "loihi"))
            .build();
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(1).withTraceTicks(60))
            .run();
        final CoreTrace trace = result.coreTrace();
        final EnergyModel energy = EnergyModel.of(program.getChip());
        final EnergyCosts costs = energy.costs();
        final double microsPerCycle = 1e6 / energy.clockHz();

        final Map<?, ?> json = (Map<?, ?>)JsonReader.parse(Files.readString(out.resolve(ReportFiles.TRACE_JSON)));
        assertEquals("ns", json.get("displayTimeUnit"));
        final List<?> events = (List<?>)json.get("traceEvents");
        final Set<Double> named = new HashSet<>();
        final Map<Double, List<Map<?, ?>>> tracks = new HashMap<>();
        for (final Object e : events)
        {
            final Map<?, ?> event = (Map<?, ?>)e;
            if ("M".equals(event.get("ph")) && "thread_name".equals(event.get("name")))
            {
                named.add((Double)event.get("tid"));
            }
            if ("X".equals(event.get("ph")))
            {
                tracks.computeIfAbsent((Double)event.get("tid"), t -> new ArrayList<>()).add(event);
            }
        }
        assertEquals(result.coreCount() + TraceJson.FIRST_CORE_TRACK, named.size(), "one track per core used, " +
            "plus the ticks and their critical paths");
        for (int k = 0; k < result.coreCount(); k++)
        {
            assertTrue(tracks.containsKey((double)(TraceJson.FIRST_CORE_TRACK + k)), "core " + k + " has events");
        }

        for (final List<Map<?, ?>> track : tracks.values())
        {
            for (int i = 1; i < track.size(); i++)
            {
                final double end = (Double)track.get(i - 1).get("ts") + (Double)track.get(i - 1).get("dur");
                assertTrue((Double)track.get(i).get("ts") >= end - 1e-9, "in order, not overlapping: " +
                    track.get(i));
            }
        }

        // ticks one after another, each as long as its critical path
        final List<Map<?, ?>> ticks = tracks.get((double)TraceJson.TICK_TRACK);
        assertEquals(60, ticks.size());
        double start = 0;
        for (int t = 0; t < 60; t++)
        {
            final double critical = trace.criticalPathCycles(costs, t);
            assertEquals(start * microsPerCycle, (Double)ticks.get(t).get("ts"), 1e-9, "tick " + t);
            assertEquals(critical * microsPerCycle, (Double)ticks.get(t).get("dur"), 1e-12, "tick " + t);
            start += critical;
        }
        assertEquals(result.tickTrace().maxBusyCycles()[7] + costs.meshCycles(result.tickTrace().maxHops()[7],
            result.tickTrace().maxInputHops()[7]) + costs.tickSyncLatencyCycles(),
            (Double)((Map<?, ?>)ticks.get(7).get("args")).get("critical_path_cycles"), "the latency model's tick");

        // each core's phases in a tick add up to its busy cycles at the clock
        final double[][] busy = new double[60][result.coreCount()];
        for (int k = 0; k < result.coreCount(); k++)
        {
            for (final Map<?, ?> event : tracks.get((double)(TraceJson.FIRST_CORE_TRACK + k)))
            {
                final int tick = ((Double)((Map<?, ?>)event.get("args")).get("tick")).intValue();
                busy[tick][k] += (Double)event.get("dur");
            }
        }
        boolean anyBusy = false;
        for (int t = 0; t < 60; t++)
        {
            for (int k = 0; k < result.coreCount(); k++)
            {
                final double expected = trace.busyCycles(costs, t, k) * microsPerCycle;
                assertEquals(expected, busy[t][k], 1e-9 * Math.max(1, expected), "tick " + t + " core " + k);
                anyBusy |= expected > 0;
            }
        }
        assertTrue(anyBusy);
        return Files.readString(out.resolve(ReportFiles.TRACE_JSON));
    }

    @Test
    void shouldRefuseATraceWithoutAnOutputOrTooLarge() throws IOException
    {
        final Path model = dir.resolve("hand.pb");
        Files.write(model, HandComputedEnergyTest.model().toByteArray());
        final Cli.Outcome noOut = Cli.chipsim("run", model.toString(), "--trace");
        assertEquals(2, noOut.code());
        assertEquals("chipsim: error E500: --trace writes DIR/trace.json: give --out DIR too", noOut.err().trim());
        final Cli.Outcome huge = Cli.chipsim("run", model.toString(), "--ticks", "600000",
            "--trace-ticks", "600000", "--out", dir.resolve("huge").toString());
        assertEquals(2, huge.code());
        assertTrue(huge.err().contains("exceeds the limit of 1,048,576 core-ticks; trace at most 524,288 ticks"),
            huge.err());
        assertFalse(Files.exists(dir.resolve("huge")), "nothing written");
    }
}
