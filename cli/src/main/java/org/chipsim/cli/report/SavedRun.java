package org.chipsim.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.Mesh;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.energy.Activity;
import org.chipsim.core.energy.CoreTrace;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyCosts;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.TickTrace;
import org.chipsim.proto.v1.ChipSpec;

/**
 * A result directory written by {@code chipsim run --out}, read back: result.json (layout, counters, links, spikes)
 * and energy.json (format version 2: the counts the energy model priced, and the costs it priced them with). Every
 * count is a whole number and every cost a double printed in its shortest round-trip form, so pricing the counts
 * again gives the same figures, to the last bit, as the run did.
 */
public final class SavedRun
{
    /** How a run's latency came out when priced again. */
    public enum Latency
    {
        /** The slowest cores did not change: the latency costs they depend on are the run's. */
        AS_RUN,
        /** Recomputed exactly from every core's events of every tick (the run was traced over all its ticks). */
        FROM_CORE_TICKS,
        /** Not known: other latency costs and no per-core record of every tick. */
        UNKNOWN
    }

    private final RunRecord record;
    private final ChipSpec chip;

    private SavedRun(final RunRecord record, final ChipSpec chip)
    {
        this.record = record;
        this.chip = chip;
    }

    /** The run as saved. */
    public RunRecord record()
    {
        return record;
    }

    /** The chip's clock and energy preset with its overrides, as the run used them. */
    public ChipSpec chip()
    {
        return chip;
    }

    public EnergyModel model()
    {
        return EnergyModel.of(chip);
    }

    public static SavedRun read(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new org.chipsim.core.ModelException(dir + ": not a directory (give the directory 'chipsim run " +
                "--out DIR' wrote)");
        }
        final JsonFile energy = JsonFile.read(dir.resolve(ReportFiles.ENERGY_JSON));
        final JsonFile result = JsonFile.read(dir.resolve("result.json"));
        final long version = energy.integer(energy.root(), "format_version");
        if (version < EnergyJson.FORMAT_VERSION)
        {
            throw energy.bad("format_version " + version + " keeps no counts to price again; run the model again " +
                "with this chipsim (energy.json version " + EnergyJson.FORMAT_VERSION + ")");
        }
        final Map<String, Object> e = energy.root();
        final ChipSpec chip = chip(energy);
        final List<Object> energyCores = energy.list(e, "cores");
        final long[][] coreEvents = new long[energyCores.size()][];
        for (int k = 0; k < coreEvents.length; k++)
        {
            coreEvents[k] = events(energy, energy.object(energy.asObject(energyCores.get(k), "cores[" + k + "]"),
                "events"));
        }
        final long[] portEvents = events(energy, energy.object(energy.object(e, "input_port"), "events"));
        final long ticks = energy.integer(e, "ticks");
        final Activity activity = new Activity(ticks, energy.number(e, "tick_seconds"),
            energy.integer(e, "inferences"), coreEvents, portEvents, tickTrace(energy, ticks));
        final CoreTrace coreTrace = energy.has(e, "core_ticks") ? coreTrace(energy, coreEvents.length) : null;

        final Map<String, Object> r = result.root();
        final Map<String, Object> resultChip = result.object(r, "chip");
        // a multi-chip grid (chips_x / chips_y, docs/noc.md) is chips x mesh routers wide and high
        final int width = Math.toIntExact(result.integer(resultChip, "mesh_width") *
            (result.has(resultChip, "chips_x") ? result.integer(resultChip, "chips_x") : 1));
        final int height = Math.toIntExact(result.integer(resultChip, "mesh_height") *
            (result.has(resultChip, "chips_y") ? result.integer(resultChip, "chips_y") : 1));
        final List<RunRecord.CoreInfo> cores = cores(result);
        if (cores.size() != coreEvents.length)
        {
            throw result.bad(cores.size() + " cores, but energy.json has " + coreEvents.length + ": the two files " +
                "are not from the same run");
        }
        final Map<String, Object> port = energy.object(e, "input_port");
        final RunRecord record = new RunRecord(energy.string(e, "model"), width, height,
            Math.toIntExact(energy.integer(port, "x")), Math.toIntExact(energy.integer(port, "y")), cores,
            links(result, new Mesh(width, height), "packets"), populations(result), activity, coreTrace,
            result.has(resultChip, "noc") ? links(result, new Mesh(width, height), "stall_cycles") : null);
        return new SavedRun(record, chip);
    }

    /**
     * The record priced under other costs: the same counts; the per-tick slowest core recomputed when the latency
     * costs it depends on changed and every tick's per-core events were kept, else unknown (no latency).
     */
    public RunRecord pricedWith(final EnergyModel target)
    {
        final TickTrace trace = record.activity().trace();
        if (trace == null || latency(target) == Latency.AS_RUN)
        {
            return record;
        }
        final double[] busy = latency(target) == Latency.FROM_CORE_TICKS ? record.coreTrace()
            .maxBusyCyclesPerBin(target.costs(), record.ticks(), trace.latencyBinTicks()) : null;
        final Activity a = record.activity();
        return new RunRecord(record.model(), record.meshWidth(), record.meshHeight(), record.portX(), record.portY(),
            record.cores(), record.linkPackets(), record.populations(), new Activity(a.ticks(), a.tickSeconds(),
                a.inferences(), a.coreEvents(), a.inputPortEvents(), trace.withMaxBusyCycles(busy)),
            record.coreTrace(), record.linkStallCycles());
    }

    /** How the latency comes out under {@code target}'s costs. */
    public Latency latency(final EnergyModel target)
    {
        final TickTrace trace = record.activity().trace();
        final EnergyCosts run = model().costs();
        final EnergyCosts costs = target.costs();
        final Cost[] busyCosts = {Cost.SOP_LATENCY_CYCLES, Cost.NEURON_UPDATE_LATENCY_CYCLES,
            Cost.PACKET_OUT_LATENCY_CYCLES, Cost.PARTIAL_SUM_LATENCY_CYCLES, Cost.LEARN_UPDATE_LATENCY_CYCLES,
            Cost.MAC_LATENCY_CYCLES, Cost.ACTIVATION_PACKET_LATENCY_CYCLES};
        boolean same = trace != null && trace.maxBusyCycles() != null;
        for (final Cost cost : busyCosts)
        {
            same &= Double.compare(run.get(cost), costs.get(cost)) == 0;
        }
        if (same)
        {
            return Latency.AS_RUN;
        }
        return record.coreTrace() != null && record.coreTrace().ticks() == record.ticks() ? Latency.FROM_CORE_TICKS :
            Latency.UNKNOWN;
    }

    /** The chip as far as pricing goes: clock, preset, and the costs the run overrode. */
    private static ChipSpec chip(final JsonFile energy)
    {
        final Map<String, Object> preset = energy.object(energy.root(), "preset");
        ChipSpec chip = ChipSpec.newBuilder().setClockHz(energy.number(energy.root(), "clock_hz")).build();
        chip = EnergyModel.withPreset(chip, energy.string(preset, "name"));
        for (final Object item : energy.list(preset, "costs"))
        {
            final Map<String, Object> cost = energy.asObject(item, "a cost");
            if (Boolean.TRUE.equals(cost.get("overridden")))
            {
                chip = EnergyModel.withCost(chip, energy.string(cost, "key"),
                    Double.toString(energy.number(cost, "value")));
            }
        }
        return chip;
    }

    private static long[] events(final JsonFile file, final Map<String, Object> events)
    {
        final long[] counts = new long[EnergyEvent.count()];
        for (final EnergyEvent event : EnergyEvent.values())
        {
            counts[event.ordinal()] = file.integer(events, event.key());
        }
        return counts;
    }

    private static TickTrace tickTrace(final JsonFile energy, final long ticks)
    {
        if (!energy.has(energy.root(), "tick_record"))
        {
            return null;
        }
        final Map<String, Object> t = energy.object(energy.root(), "tick_record");
        final int eventBinTicks = Math.toIntExact(energy.integer(t, "event_bin_ticks"));
        final Map<String, Object> perBin = energy.object(t, "events_per_bin");
        final int bins = TickTrace.bins(ticks, eventBinTicks);
        final long[] binEvents = new long[bins * EnergyEvent.count()];
        for (final EnergyEvent event : EnergyEvent.values())
        {
            if (event == EnergyEvent.INTER_CHIP_HOP && !energy.has(perBin, event.key()))
            {
                continue; // written before multi-chip grids: none
            }
            final long[] counts = energy.longs(perBin, event.key());
            if (counts.length != bins)
            {
                throw energy.bad("events_per_bin." + event.key() + " has " + counts.length + " bins, expected " +
                    bins);
            }
            for (int b = 0; b < bins; b++)
            {
                binEvents[b * EnergyEvent.count() + event.ordinal()] = counts[b];
            }
        }
        final double[] busy = energy.has(t, "max_busy_cycles") ? energy.doubles(t, "max_busy_cycles") : null;
        final int[] hops = energy.ints(t, "max_hops");
        final double[] meshCycles = energy.has(t, "mesh_cycles") ? energy.doubles(t, "mesh_cycles") : null;
        if (meshCycles != null && meshCycles.length != hops.length)
        {
            throw energy.bad("tick_record.mesh_cycles has " + meshCycles.length + " bins, expected " + hops.length);
        }
        return new TickTrace(ticks, Math.toIntExact(energy.integer(t, "latency_bin_ticks")), busy, hops,
            energy.ints(t, "max_input_hops"), eventBinTicks, binEvents, meshCycles);
    }

    private static CoreTrace coreTrace(final JsonFile energy, final int coreCount)
    {
        final Map<String, Object> c = energy.object(energy.root(), "core_ticks");
        final int ticks = Math.toIntExact(energy.integer(c, "ticks"));
        final List<Object> keys = energy.list(c, "events");
        final EnergyEvent[] order = new EnergyEvent[keys.size()];
        for (int i = 0; i < order.length; i++)
        {
            final Object key = keys.get(i);
            order[i] = Arrays.stream(EnergyEvent.values()).filter(ev -> ev.key().equals(key)).findFirst()
                .orElseThrow(() -> energy.bad("core_ticks names an unknown event: " + key));
        }
        final List<Object> cores = energy.list(c, "cores");
        if (cores.size() != coreCount)
        {
            throw energy.bad("core_ticks has " + cores.size() + " cores, expected " + coreCount);
        }
        final long[] events = new long[ticks * coreCount * EnergyEvent.count()];
        for (int k = 0; k < coreCount; k++)
        {
            final List<?> counts = (List<?>)cores.get(k);
            if (counts.size() != ticks * order.length)
            {
                throw energy.bad("core_ticks.cores[" + k + "] has " + counts.size() + " counts, expected " +
                    ticks * order.length);
            }
            for (int t = 0; t < ticks; t++)
            {
                for (int i = 0; i < order.length; i++)
                {
                    events[(t * coreCount + k) * EnergyEvent.count() + order[i].ordinal()] =
                        energy.integer(counts.get(t * order.length + i), "core_ticks");
                }
            }
        }
        return new CoreTrace(ticks, coreCount, events, energy.ints(c, "max_hops"), energy.ints(c, "max_input_hops"));
    }

    private static List<RunRecord.CoreInfo> cores(final JsonFile result)
    {
        final List<RunRecord.CoreInfo> cores = new ArrayList<>();
        for (final Object item : result.list(result.root(), "cores"))
        {
            final Map<String, Object> core = result.asObject(item, "a core");
            final long[] counters = new long[CoreCounter.count()];
            for (final CoreCounter counter : CoreCounter.values())
            {
                // counters added after a result was written read as 0
                counters[counter.ordinal()] = result.has(core, counter.key()) ? result.integer(core, counter.key()) :
                    0;
            }
            cores.add(new RunRecord.CoreInfo(Math.toIntExact(result.integer(core, "id")),
                Math.toIntExact(result.integer(core, "x")), Math.toIntExact(result.integer(core, "y")),
                result.string(core, "role"), result.string(core, "population"), counters));
        }
        return cores;
    }

    /** One count per mesh link ({@code packets}, or {@code stall_cycles} of the congestion model) from result.json. */
    private static long[] links(final JsonFile result, final Mesh mesh, final String field)
    {
        final long[] packets = new long[mesh.linkCount()];
        for (final Object item : result.list(result.root(), "links"))
        {
            final Map<String, Object> link = result.asObject(item, "a link");
            final int id = mesh.linkId(result.string(link, "link"));
            if (id < 0)
            {
                throw result.bad("link '" + link.get("link") + "' is not a link of the " + mesh.width() + " x " +
                    mesh.height() + " mesh");
            }
            packets[id] = result.has(link, field) ? result.integer(link, field) : 0;
        }
        return packets;
    }

    private static List<RunRecord.PopulationInfo> populations(final JsonFile result)
    {
        final Map<String, Object> r = result.root();
        final Map<String, Object> spikes = r.get("spikes") instanceof Map<?, ?> ? result.object(r, "spikes") :
            Map.of();
        final Map<String, Object> readout = r.get("readout_spikes") instanceof Map<?, ?> ?
            result.object(r, "readout_spikes") : Map.of();
        final List<RunRecord.PopulationInfo> populations = new ArrayList<>();
        for (final Object item : result.list(r, "populations"))
        {
            final Map<String, Object> p = result.asObject(item, "a population");
            final String name = result.string(p, "name");
            final Object recorded = spikes.containsKey(name) ? spikes.get(name) : readout.get(name);
            populations.add(new RunRecord.PopulationInfo(name, Math.toIntExact(result.integer(p, "size")),
                Boolean.TRUE.equals(p.get("input")), result.integer(p, "spikes"),
                recorded == null ? null : spikes(result, name, recorded)));
        }
        return populations;
    }

    private static long[] spikes(final JsonFile result, final String name, final Object pairs)
    {
        if (!(pairs instanceof List<?> list))
        {
            throw result.bad("spikes of '" + name + "' are not an array");
        }
        final long[] encoded = new long[list.size()];
        for (int i = 0; i < encoded.length; i++)
        {
            if (!(list.get(i) instanceof List<?> pair) || pair.size() != 2)
            {
                throw result.bad("spike " + i + " of '" + name + "' is not a [tick, neuron] pair");
            }
            encoded[i] = SpikeRaster.encode(result.integer(pair.get(0), "tick"),
                Math.toIntExact(result.integer(pair.get(1), "neuron")));
        }
        Arrays.sort(encoded);
        return encoded;
    }
}
