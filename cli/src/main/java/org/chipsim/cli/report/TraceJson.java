package org.chipsim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.TickTrace;

/**
 * Writes {@code trace.json}, a per-core timeline in the Chrome / Perfetto trace-event format, laid out in modelled
 * chip time, not wall time: ticks follow one another, each as long as its critical path; in a tick every core is busy
 * for its phases (deliver, partial sums, fire, route, learn) one after the other, each as long as its events times
 * their latency cost, so a core's phases add up to its busy cycles of the tick. Times are microseconds (the format's
 * unit) at the chip clock. One event per line, so the file streams and diffs well. Format: docs/energy.md.
 */
public final class TraceJson
{
    /** Thread (track) of the ticks; then the parts of each tick's critical path; core k of the program is k + 2. */
    static final int TICK_TRACK = 0;
    static final int PARTS_TRACK = 1;
    static final int FIRST_CORE_TRACK = 2;
    private static final int PID = 1;

    /** A core's phases in tick order, with the events each is busy for and the cost per event. */
    private enum Phase
    {
        DELIVER("deliver"), PARTIAL_SUM("partial-sum"), FIRE("fire"), ROUTE("route"), LEARN("learn"),
        /** ANN-mode cores: a window's multiply-accumulates and its activation packets (docs/ann-mode.md). */
        MAC("mac"), ACTIVATION_OUT("activation-out");

        final String label;

        Phase(final String label)
        {
            this.label = label;
        }

        long events(final CoreTrace trace, final int tick, final int core)
        {
            return switch (this)
            {
                case DELIVER -> trace.events(tick, core, EnergyEvent.SOP);
                case PARTIAL_SUM -> trace.events(tick, core, EnergyEvent.PARTIAL_SUM_SENT) +
                    trace.events(tick, core, EnergyEvent.PARTIAL_SUM_RECEIVED);
                case FIRE -> trace.events(tick, core, EnergyEvent.NEURON_UPDATE);
                case ROUTE -> trace.events(tick, core, EnergyEvent.PACKET_OUT);
                case LEARN -> trace.events(tick, core, EnergyEvent.LEARN_UPDATE);
                case MAC -> trace.events(tick, core, EnergyEvent.MAC);
                case ACTIVATION_OUT -> trace.events(tick, core, EnergyEvent.ACTIVATION_PACKET);
            };
        }

        double cost(final EnergyCosts costs)
        {
            return switch (this)
            {
                case DELIVER -> costs.sopLatencyCycles();
                case PARTIAL_SUM -> costs.partialSumLatencyCycles();
                case FIRE -> costs.neuronUpdateLatencyCycles();
                case ROUTE -> costs.packetOutLatencyCycles();
                case LEARN -> costs.learnUpdateLatencyCycles();
                case MAC -> costs.macLatencyCycles();
                case ACTIVATION_OUT -> costs.activationPacketLatencyCycles();
            };
        }

        String args(final CoreTrace trace, final int tick, final int core, final double cycles)
        {
            final String counts = switch (this)
            {
                case DELIVER -> "\"sops\":" + trace.events(tick, core, EnergyEvent.SOP);
                case PARTIAL_SUM -> "\"sent\":" + trace.events(tick, core, EnergyEvent.PARTIAL_SUM_SENT) +
                    ",\"received\":" + trace.events(tick, core, EnergyEvent.PARTIAL_SUM_RECEIVED);
                case FIRE -> "\"neuron_updates\":" + trace.events(tick, core, EnergyEvent.NEURON_UPDATE) +
                    ",\"spikes_out\":" + trace.events(tick, core, EnergyEvent.SPIKE_OUT);
                case ROUTE -> "\"packets_sent\":" + trace.events(tick, core, EnergyEvent.PACKET_OUT) +
                    ",\"hops\":" + trace.events(tick, core, EnergyEvent.HOP);
                case LEARN -> "\"learn_updates\":" + trace.events(tick, core, EnergyEvent.LEARN_UPDATE);
                case MAC -> "\"macs\":" + trace.events(tick, core, EnergyEvent.MAC);
                case ACTIVATION_OUT -> "\"activation_packets_sent\":" +
                    trace.events(tick, core, EnergyEvent.ACTIVATION_PACKET);
            };
            return "{\"tick\":" + tick + "," + counts + ",\"cycles\":" + number(cycles) + "}";
        }
    }

    private TraceJson()
    {
    }

    /** Writes the timeline of the run's recorded ticks ({@link RunRecord#coreTrace()} must not be null). */
    public static void write(final EnergyModel model, final RunRecord run, final Writer out)
    {
        final CoreTrace trace = run.coreTrace();
        final EnergyCosts costs = model.costs();
        final double microsPerCycle = 1e6 / model.clockHz();
        try
        {
            out.write("{\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"model\":" + Json.quote(run.model()) +
                ",\"preset\":" + Json.quote(model.preset().key()) + ",\"clock_hz\":" + number(model.clockHz()) +
                ",\"ticks_traced\":" + trace.ticks() + ",\"ticks\":" + run.ticks() +
                ",\"time\":\"modelled chip time in microseconds at the chip clock, not wall time\"},\n" +
                "\"traceEvents\":[\n");
            out.write(meta("process_name", TICK_TRACK, "\"name\":" + Json.quote(String.format(Locale.ROOT,
                "%s on chip (modelled time, preset %s at %s MHz)", run.model(), model.preset().key(),
                Pictures.number(model.clockHz() / 1e6)))));
            out.write(",\n" + meta("thread_name", TICK_TRACK, "\"name\":\"tick (critical path)\""));
            out.write(",\n" + meta("thread_sort_index", TICK_TRACK, "\"sort_index\":0"));
            out.write(",\n" + meta("thread_name", PARTS_TRACK,
                "\"name\":\"critical path: busiest core, mesh, sync\""));
            out.write(",\n" + meta("thread_sort_index", PARTS_TRACK, "\"sort_index\":1"));
            for (int k = 0; k < run.coreCount(); k++)
            {
                final RunRecord.CoreInfo core = run.cores().get(k);
                final String track = String.format(Locale.ROOT, "core %d (%d,%d) %s %s", core.id(), core.x(),
                    core.y(), core.population(), core.role().replace('_', '-'));
                out.write(",\n" + meta("thread_name", FIRST_CORE_TRACK + k, "\"name\":" + Json.quote(track)));
                out.write(",\n" + meta("thread_sort_index", FIRST_CORE_TRACK + k, "\"sort_index\":" +
                    (FIRST_CORE_TRACK + k)));
            }
            double tickStart = 0;
            for (int t = 0; t < trace.ticks(); t++)
            {
                final double busy = trace.maxBusyCycles(costs, t);
                // the mesh time recorded per tick (NoC congestion model, multi-chip grid; docs/noc.md) when the run
                // kept it tick by tick, else the longest paths priced
                final TickTrace ticks = run.activity().trace();
                final boolean recorded = ticks != null && ticks.meshCycles() != null && ticks.latencyBinTicks() == 1;
                final double mesh = recorded ? ticks.meshCycles()[t] :
                    costs.meshCycles(trace.maxHops()[t], trace.maxInputHops()[t]);
                final double critical = recorded ? busy + mesh + costs.tickSyncLatencyCycles() :
                    trace.criticalPathCycles(costs, t);
                out.write(",\n" + event("tick " + t, "tick", TICK_TRACK, tickStart, critical, microsPerCycle,
                    String.format(Locale.ROOT, "{\"tick\":%d,\"critical_path_cycles\":%s," +
                        "\"busiest_core_cycles\":%s," +
                        "\"mesh_cycles\":%s,\"sync_cycles\":%s,\"max_hops\":%d,\"max_input_hops\":%d}", t,
                        number(critical), number(busy), number(mesh), number(costs.tickSyncLatencyCycles()),
                        trace.maxHops()[t], trace.maxInputHops()[t])));
                // the critical path's parts on a track of their own (nesting them in the tick would make rounding
                // decide whether they fit): slowest core, then mesh transport, then the barrier
                final double[] parts = {busy, mesh, costs.tickSyncLatencyCycles()};
                final String[] names = {"busiest core", "mesh", "sync"};
                double at = tickStart;
                for (int i = 0; i < parts.length; i++)
                {
                    if (parts[i] > 0)
                    {
                        out.write(",\n" + event(names[i], "critical-path", PARTS_TRACK, at, parts[i], microsPerCycle,
                            "{\"tick\":" + t + ",\"cycles\":" + number(parts[i]) + "}"));
                    }
                    at += parts[i];
                }
                for (int k = 0; k < run.coreCount(); k++)
                {
                    double phaseStart = tickStart;
                    for (final Phase phase : Phase.values())
                    {
                        final long count = phase.events(trace, t, k);
                        if (count == 0)
                        {
                            continue;
                        }
                        final double cycles = count * phase.cost(costs);
                        out.write(",\n" + event(phase.label, "core", FIRST_CORE_TRACK + k, phaseStart, cycles,
                            microsPerCycle, phase.args(trace, t, k, cycles)));
                        phaseStart += cycles;
                    }
                }
                tickStart += critical;
            }
            out.write("\n]}\n");
            out.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static String meta(final String name, final int tid, final String args)
    {
        return "{\"name\":\"" + name + "\",\"ph\":\"M\",\"pid\":" + PID + ",\"tid\":" + tid + ",\"args\":{" + args +
            "}}";
    }

    private static String event(final String name, final String category, final int tid, final double startCycles,
        final double cycles, final double microsPerCycle, final String args)
    {
        return "{\"name\":" + Json.quote(name) + ",\"cat\":\"" + category + "\",\"ph\":\"X\",\"ts\":" +
            number(startCycles * microsPerCycle) + ",\"dur\":" + number(cycles * microsPerCycle) + ",\"pid\":" + PID +
            ",\"tid\":" + tid + ",\"args\":" + args + "}";
    }

    /** A JSON number: Java's shortest round-trip form (finite values only reach here). */
    private static String number(final double v)
    {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long)v) : Double.toString(v);
    }
}
