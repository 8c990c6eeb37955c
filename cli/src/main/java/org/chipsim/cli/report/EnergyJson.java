package org.chipsim.cli.report;

import java.io.Writer;

import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;
import org.chipsim.core.energy.TickTrace;

/**
 * Writes {@code energy.json}: the costs used (with their sources), totals, energy by component, derived figures, the
 * per-tick latency summary and trace, energy per tick, the input port and every core, and (since format version 2)
 * every count they were priced from, so {@code chipsim report} can price them again without a run. Format:
 * docs/energy.md.
 */
public final class EnergyJson
{
    public static final int FORMAT_VERSION = 2;

    private EnergyJson()
    {
    }

    public static void write(final EnergyReport report, final RunRecord run, final Writer out)
    {
        final EnergyModel model = report.model();
        final Json json = new Json(out);
        json.beginObject();
        json.field("format_version", FORMAT_VERSION);
        json.field("model", run.model());
        json.field("ticks", run.ticks());
        json.field("tick_seconds", report.activity().tickSeconds());
        json.field("simulated_seconds", report.activity().simulatedSeconds());
        json.field("inferences", report.activity().inferences());
        json.field("clock_hz", model.clockHz());
        json.field("cores_used", run.coreCount());

        json.name("preset").beginObject();
        json.field("name", model.preset().key());
        json.name("costs").beginArray(false);
        for (final Cost cost : Cost.values())
        {
            json.beginObject();
            json.field("key", cost.key());
            json.field("value", model.costs().get(cost));
            json.field("unit", cost.description());
            json.name("overridden").value(model.isOverridden(cost));
            json.field("source", model.source(cost));
            json.endObject();
        }
        json.endArray();
        json.endObject();

        json.name("totals").beginObject();
        json.field("energy_pj", report.totalPj());
        json.field("dynamic_energy_pj", report.dynamicPj());
        json.field("static_energy_pj", report.componentTotalPj(Component.STATIC));
        json.field("static_energy_if_unpaced_pj", report.staticPjIfUnpaced());
        json.field("energy_per_spike_pj", report.energyPerSpikePj());
        json.field("energy_per_sop_pj", report.energyPerSopPj());
        json.field("energy_per_inference_pj", report.energyPerInferencePj());
        json.field("power_mw", report.powerMw());
        for (final EnergyEvent event : EnergyEvent.values())
        {
            json.field(event.key(), report.activity().total(event));
        }
        json.endObject();

        json.name("by_component_pj").beginObject();
        for (final Component component : Component.values())
        {
            json.field(component.key(), report.componentTotalPj(component));
        }
        json.endObject();

        final LatencySummary latency = report.latency();
        if (latency != null)
        {
            json.name("latency").beginObject();
            json.field("bin_ticks", latency.binTicks());
            json.field("mean_cycles", latency.meanCycles());
            json.field("p99_cycles", latency.p99Cycles());
            json.field("max_cycles", latency.maxCycles());
            json.field("mean_ns", latency.meanNs());
            json.field("p99_ns", latency.p99Ns());
            json.field("max_ns", latency.maxNs());
            json.field("max_core_busy_cycles", latency.maxCoreBusyCycles());
            json.field("max_mesh_cycles", latency.maxMeshCycles());
            json.field("unpaced_seconds", latency.unpacedSeconds());
            json.name("real_time").value(latency.realTime());
            json.name("critical_path_cycles").beginArray(true);
            for (final double cycles : report.criticalPathCycles())
            {
                json.value(cycles);
            }
            json.endArray();
            json.endObject();
        }
        final TickTrace trace = report.activity().trace();
        if (trace != null)
        {
            json.name("energy_per_tick").beginObject();
            json.field("bin_ticks", trace.eventBinTicks());
            json.field("static_pj_per_tick", report.staticPjPerTick());
            json.name("dynamic_pj_per_bin").beginArray(true);
            for (final double pj : report.binDynamicEnergyPj())
            {
                json.value(pj);
            }
            json.endArray();
            json.endObject();
            tickRecord(json, trace);
        }

        json.name("input_port").beginObject();
        json.field("x", run.portX());
        json.field("y", run.portY());
        json.field("off_chip_packets", report.activity().inputPortEvents()[EnergyEvent.OFF_CHIP_PACKET.ordinal()]);
        json.field("hops", report.activity().inputPortEvents()[EnergyEvent.HOP.ordinal()]);
        json.field("total_pj", report.inputPortTotalPj());
        json.name("energy_pj").beginObject();
        for (final Component component : Component.values())
        {
            json.field(component.key(), report.inputPortEnergyPj(component));
        }
        json.endObject();
        events(json, report.activity().inputPortEvents());
        json.endObject();

        json.name("cores").beginArray(false);
        for (int k = 0; k < report.coreCount(); k++)
        {
            final RunRecord.CoreInfo core = run.cores().get(k);
            json.beginObject();
            json.field("id", core.id());
            json.field("x", core.x());
            json.field("y", core.y());
            json.field("role", core.role());
            json.field("population", core.population());
            json.field("total_pj", report.coreTotalPj(k));
            json.field("busy_cycles", report.coreBusyCycles(k));
            json.name("energy_pj").beginObject();
            for (final Component component : Component.values())
            {
                json.field(component.key(), report.coreEnergyPj(k, component));
            }
            json.endObject();
            events(json, report.activity().coreEvents()[k]);
            json.endObject();
        }
        json.endArray();
        if (run.coreTrace() != null)
        {
            coreTicks(json, run.coreTrace());
        }
        json.endObject();
        json.finish();
    }

    /** An entry's event counts, by {@link EnergyEvent} key. */
    private static void events(final Json json, final long[] events)
    {
        json.name("events").beginObject();
        for (final EnergyEvent event : EnergyEvent.values())
        {
            json.field(event.key(), events[event.ordinal()]);
        }
        json.endObject();
    }

    /**
     * The per-tick record as counted: the slowest core's busy cycles (at these costs), the longest paths per latency
     * bin, and every event per event bin. Counts, so that the run can be priced again.
     */
    private static void tickRecord(final Json json, final TickTrace trace)
    {
        json.name("tick_record").beginObject();
        json.field("latency_bin_ticks", trace.latencyBinTicks());
        if (trace.maxBusyCycles() != null)
        {
            json.name("max_busy_cycles").beginArray(true);
            for (final double cycles : trace.maxBusyCycles())
            {
                json.value(cycles);
            }
            json.endArray();
        }
        ints(json, "max_hops", trace.maxHops());
        ints(json, "max_input_hops", trace.maxInputHops());
        if (trace.meshCycles() != null)
        {
            // the mesh part of the critical path as recorded (NoC congestion model, multi-chip grid), docs/noc.md
            json.name("mesh_cycles").beginArray(true);
            for (final double cycles : trace.meshCycles())
            {
                json.value(cycles);
            }
            json.endArray();
        }
        json.field("event_bin_ticks", trace.eventBinTicks());
        json.name("events_per_bin").beginObject();
        for (final EnergyEvent event : EnergyEvent.values())
        {
            json.name(event.key()).beginArray(true);
            for (int b = 0; b < trace.eventBins(); b++)
            {
                json.value(trace.events(b, event));
            }
            json.endArray();
        }
        json.endObject();
        json.endObject();
    }

    /** Every core's events tick by tick (chipsim run --trace): one array per core, ticks x events, tick-major. */
    private static void coreTicks(final Json json, final CoreTrace trace)
    {
        json.name("core_ticks").beginObject();
        json.field("ticks", trace.ticks());
        json.name("events").beginArray(true);
        for (final EnergyEvent event : EnergyEvent.values())
        {
            json.value(event.key());
        }
        json.endArray();
        ints(json, "max_hops", trace.maxHops());
        ints(json, "max_input_hops", trace.maxInputHops());
        json.name("cores").beginArray(false);
        for (int k = 0; k < trace.coreCount(); k++)
        {
            json.beginArray(true);
            for (int t = 0; t < trace.ticks(); t++)
            {
                for (final EnergyEvent event : EnergyEvent.values())
                {
                    json.value(trace.events(t, k, event));
                }
            }
            json.endArray();
        }
        json.endArray();
        json.endObject();
    }

    private static void ints(final Json json, final String name, final int[] values)
    {
        json.name(name).beginArray(true);
        for (final int v : values)
        {
            json.value(v);
        }
        json.endArray();
    }
}
