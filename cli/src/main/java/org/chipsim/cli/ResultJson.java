package org.chipsim.cli;

import java.io.Writer;

import org.chipsim.chip.Classification;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunResult;
import org.chipsim.cli.report.Json;
import org.chipsim.core.ChipSpecs;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.NocSpecs;
import org.chipsim.core.SpikeRaster;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;

/**
 * Writes {@code result.json}: the run's settings, totals, classification, per-population spike counts, per-core
 * counters, per-link packet counts and the spikes of the populations the user asked to record. The format is
 * documented in docs/result-format.md.
 */
final class ResultJson
{
    static final int FORMAT_VERSION = 2;

    private ResultJson()
    {
    }

    static void write(final RunResult result, final String modelName, final Writer out)
    {
        write(result, modelName, out, result.ticks(), false);
    }

    /**
     * As {@link #write(RunResult, String, Writer)}, for a run that may have ended before its last tick: then
     * {@code ticks_completed} (= {@code ticks}), {@code total_ticks} and {@code interrupted} (true when stopped by
     * Ctrl-C, false when asked to run only so far) say so.
     */
    static void write(final RunResult result, final String modelName, final Writer out, final long totalTicks,
        final boolean interrupted)
    {
        final ChipProgram program = result.program();
        final ChipSpec chip = program.getChip();
        final NetworkIndex index = result.index();
        final Json json = new Json(out);
        {
            json.beginObject();
            json.name("format_version").value(FORMAT_VERSION);
            json.name("chipsim_version").value(Version.get());
            json.name("model").value(modelName);
            json.name("ticks").value(result.ticks());
            if (result.ticks() < totalTicks || interrupted)
            {
                json.name("ticks_completed").value(result.ticks());
                json.name("total_ticks").value(totalTicks);
                json.name("interrupted").value(interrupted);
            }
            json.name("seed").value(result.seed());
            json.name("workers").value(result.workers());
            json.name("wall_seconds").value(result.wallNanos() / 1e9);

            json.name("chip").beginObject();
            json.name("mesh_width").value(chip.getMeshWidth());
            json.name("mesh_height").value(chip.getMeshHeight());
            json.name("axons_per_core").value(chip.getAxonsPerCore());
            json.name("neurons_per_core").value(chip.getNeuronsPerCore());
            json.name("weight_bits").value(chip.getWeightBits());
            json.name("accumulator_bits").value(ChipSpecs.accumulatorBits(chip));
            json.name("membrane_bits").value(ChipSpecs.membraneBits(chip));
            json.name("clock_hz").value(chip.getClockHz());
            json.name("max_delay_ticks").value(chip.getMaxDelayTicks());
            if (NocSpecs.multiChip(chip))
            {
                json.name("chips_x").value(NocSpecs.chipsX(chip));
                json.name("chips_y").value(NocSpecs.chipsY(chip));
            }
            if (NocSpecs.congestion(chip))
            {
                json.name("noc").beginObject();
                json.name("model").value("congestion");
                json.name("buffer_depth_packets").value(NocSpecs.bufferDepthPackets(chip));
                json.name("link_packets_per_cycle").value(NocSpecs.linkPacketsPerCycle(chip));
                json.name("inter_chip_link_packets_per_cycle").value(NocSpecs.interChipLinkPacketsPerCycle(chip));
                json.name("overflow").value(NocSpecs.drops(chip) ? "drop" : "back-pressure");
                json.endObject();
            }
            json.endObject();

            json.name("totals").beginObject();
            json.name("cores_used").value(result.coreCount());
            json.name("cores_available").value((long)ChipSpecs.coreCount(chip));
            for (final CoreCounter counter : CoreCounter.values())
            {
                json.name(counter.key()).value(result.total(counter));
            }
            json.name("input_spikes").value(result.inputSpikes());
            json.name("input_packets").value(result.inputPackets());
            json.name("input_hops").value(result.inputHops());
            json.name("total_hops").value(result.totalHops());
            if (NocSpecs.multiChip(chip))
            {
                json.name("input_inter_chip_hops").value(result.inputInterChipHops());
                json.name("total_inter_chip_hops").value(result.totalInterChipHops());
            }
            if (result.congestion())
            {
                long stalls = 0;
                for (int l = 0; l < result.mesh().linkCount(); l++)
                {
                    stalls += result.linkStallCycles(l);
                }
                json.name("noc_link_stall_cycles").value(stalls);
            }
            json.name("off_heap_bytes").value(result.offHeapBytes());
            json.endObject();

            final Classification classification = result.classification();
            if (classification != null)
            {
                json.name("classification").beginObject();
                json.name("readout_population").value(index.name(result.readoutPopulation()));
                json.name("samples").value(classification.predicted().length);
                json.name("labeled").value(classification.labeled());
                json.name("correct").value(classification.correct());
                json.name("accuracy").value(classification.accuracy());
                json.name("predicted").beginArray(true);
                for (final int p : classification.predicted())
                {
                    json.value(p);
                }
                json.endArray();
                json.endObject();
            }

            json.name("populations").beginArray(false);
            for (int p = 0; p < index.populationCount(); p++)
            {
                json.beginObject();
                json.name("name").value(index.name(p));
                json.name("size").value(index.size(p));
                json.name("input").value(index.isInput(p));
                json.name("spikes").value(result.populationSpikes(p));
                json.endObject();
            }
            json.endArray();

            json.name("cores").beginArray(false);
            for (int k = 0; k < result.coreCount(); k++)
            {
                final CoreProgram core = program.getCores(k);
                json.beginObject();
                json.name("id").value(core.getCoreId());
                json.name("x").value(core.getX());
                json.name("y").value(core.getY());
                json.name("role").value(core.getRole() == CoreRole.CORE_ROLE_SOMA ? "soma" : "partial_sum");
                json.name("population").value(index.name(core.getPopulation()));
                json.name("neuron_offset").value(core.getNeuronOffset());
                json.name("neurons").value(core.getNeuronCount());
                json.name("axons").value(core.getAxonCount());
                for (final CoreCounter counter : CoreCounter.values())
                {
                    json.name(counter.key()).value(result.counter(k, counter));
                }
                json.endObject();
            }
            json.endArray();

            json.name("links").beginArray(false);
            for (int l = 0; l < result.mesh().linkCount(); l++)
            {
                if (result.linkPackets(l) != 0)
                {
                    json.beginObject();
                    json.name("link").value(result.mesh().linkName(l));
                    json.name("packets").value(result.linkPackets(l));
                    if (result.mesh().multiChip())
                    {
                        json.name("inter_chip").value(result.mesh().interChip(l));
                    }
                    if (result.congestion())
                    {
                        json.name("stall_cycles").value(result.linkStallCycles(l));
                    }
                    json.endObject();
                }
            }
            json.endArray();

            if (result.congestion())
            {
                routers(json, result);
            }

            json.name("spikes").beginObject();
            for (int p = 0; p < index.populationCount(); p++)
            {
                if (result.isRequested(p))
                {
                    spikes(json, result, p);
                }
            }
            json.endObject();
            // since version 2: the readout's spikes, recorded for the accuracy, so chipsim report can draw them too
            final int readout = result.readoutPopulation();
            if (classification != null && !result.isRequested(readout))
            {
                json.name("readout_spikes").beginObject();
                spikes(json, result, readout);
                json.endObject();
            }
            json.endObject();
            json.finish();
        }
    }

    /** Congestion model: every router that stalled or dropped, with its stall cycles and drops. */
    private static void routers(final Json json, final RunResult result)
    {
        json.name("routers").beginArray(false);
        final int width = result.mesh().width();
        for (int r = 0; r < width * result.mesh().height(); r++)
        {
            if (result.routerStallCycles(r) != 0 || result.routerDropped(r) != 0)
            {
                json.beginObject();
                json.name("x").value(r % width);
                json.name("y").value(r / width);
                json.name("stall_cycles").value(result.routerStallCycles(r));
                json.name("dropped").value(result.routerDropped(r));
                json.endObject();
            }
        }
        json.endArray();
    }

    /** One population's recorded spikes as [tick, neuron] pairs, in tick then neuron order. */
    private static void spikes(final Json json, final RunResult result, final int p)
    {
        final NetworkIndex index = result.index();
        final SpikeRaster raster = result.raster();
        final int first = index.firstGlobalId(p);
        json.name(index.name(p)).beginArray(false);
        for (int i = 0; i < raster.size(); i++)
        {
            final int id = raster.globalId(i);
            if (id >= first && id < first + index.size(p))
            {
                json.beginArray(true).value(raster.tick(i)).value(id - first).endArray();
            }
        }
        json.endArray();
    }
}
