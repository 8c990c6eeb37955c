package org.chipsim.cli.report;

import java.io.Writer;

import org.chipsim.chip.RunResult;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;

/**
 * Writes {@code energy.json}: the costs used (with their sources), totals, energy by component, derived figures, the
 * per-tick latency summary and trace, energy per tick, the input port and every core. Format: docs/energy.md.
 */
public final class EnergyJson
{
    public static final int FORMAT_VERSION = 1;

    private EnergyJson()
    {
    }

    public static void write(final EnergyReport report, final RunResult result, final String modelName,
        final Writer out)
    {
        final EnergyModel model = report.model();
        final ChipProgram program = result.program();
        final NetworkIndex index = result.index();
        final Json json = new Json(out);
        json.beginObject();
        json.field("format_version", FORMAT_VERSION);
        json.field("model", modelName);
        json.field("ticks", result.ticks());
        json.field("tick_seconds", report.activity().tickSeconds());
        json.field("simulated_seconds", report.activity().simulatedSeconds());
        json.field("inferences", report.activity().inferences());
        json.field("clock_hz", model.clockHz());
        json.field("cores_used", result.coreCount());

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

            json.name("energy_per_tick").beginObject();
            json.field("bin_ticks", report.activity().trace().eventBinTicks());
            json.field("static_pj_per_tick", report.staticPjPerTick());
            json.name("dynamic_pj_per_bin").beginArray(true);
            for (final double pj : report.binDynamicEnergyPj())
            {
                json.value(pj);
            }
            json.endArray();
            json.endObject();
        }

        json.name("input_port").beginObject();
        json.field("x", program.getChip().getInputPortX());
        json.field("y", program.getChip().getInputPortY());
        json.field("off_chip_packets", report.activity().inputPortEvents()[EnergyEvent.OFF_CHIP_PACKET.ordinal()]);
        json.field("hops", report.activity().inputPortEvents()[EnergyEvent.HOP.ordinal()]);
        json.field("total_pj", report.inputPortTotalPj());
        json.name("energy_pj").beginObject();
        for (final Component component : Component.values())
        {
            json.field(component.key(), report.inputPortEnergyPj(component));
        }
        json.endObject();
        json.endObject();

        json.name("cores").beginArray(false);
        for (int k = 0; k < report.coreCount(); k++)
        {
            final CoreProgram core = program.getCores(k);
            json.beginObject();
            json.field("id", core.getCoreId());
            json.field("x", core.getX());
            json.field("y", core.getY());
            json.field("role", role(core));
            json.field("population", index.name(core.getPopulation()));
            json.field("total_pj", report.coreTotalPj(k));
            json.field("busy_cycles", report.coreBusyCycles(k));
            json.name("energy_pj").beginObject();
            for (final Component component : Component.values())
            {
                json.field(component.key(), report.coreEnergyPj(k, component));
            }
            json.endObject();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.finish();
    }

    static String role(final CoreProgram core)
    {
        return core.getRole() == CoreRole.CORE_ROLE_SOMA ? "soma" : "partial_sum";
    }
}
