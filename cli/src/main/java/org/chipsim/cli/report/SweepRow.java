package org.chipsim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.chipsim.chip.Classification;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunResult;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;

/**
 * One point of {@code chipsim sweep}: the values it set and what its run measured. Doubles are kept as computed and
 * written in Java's shortest round-trip form, so a row equals, to the last bit, what {@code chipsim run} with the same
 * settings writes to energy.json.
 *
 * @param values   the point's value of each varied key, in key order
 * @param accuracy fraction of labeled samples classified right, NaN without labels
 */
public record SweepRow(List<String> values, long ticks, int coresUsed, long spikes, long sops, long hops,
    double energyPj, double energyPerSpikePj, double energyPerSopPj, double energyPerInferencePj,
    double latencyMeanCycles, double latencyP99Cycles, double latencyMaxCycles, double clockHz, double accuracy)
{
    /** The figure columns of sweep.csv, after one column per varied key. */
    static final String COLUMNS = "ticks,cores_used,spikes,sops,hops,energy_pj,energy_per_spike_pj," +
        "energy_per_sop_pj,energy_per_inference_pj,latency_mean_cycles,latency_p99_cycles,latency_max_cycles," +
        "latency_mean_us,latency_p99_us,latency_max_us,accuracy";

    public static SweepRow of(final List<String> values, final RunResult result, final EnergyReport report)
    {
        final LatencySummary latency = report.latency();
        final Classification classification = result.classification();
        return new SweepRow(List.copyOf(values), result.ticks(), result.coreCount(),
            result.total(CoreCounter.SPIKES_OUT), result.total(CoreCounter.SOPS), result.totalHops(), report.totalPj(),
            report.energyPerSpikePj(), report.energyPerSopPj(), report.energyPerInferencePj(),
            latency == null ? Double.NaN : latency.meanCycles(), latency == null ? Double.NaN : latency.p99Cycles(),
            latency == null ? Double.NaN : latency.maxCycles(), report.model().clockHz(),
            classification == null || classification.labeled() == 0 ? Double.NaN : classification.accuracy());
    }

    /** Cycles at the chip clock, in microseconds. */
    double micros(final double cycles)
    {
        return cycles / clockHz * 1e6;
    }

    /** Writes sweep.csv: a header of the keys and figures, then one row per point in grid order. */
    public static void writeCsv(final List<String> keys, final List<SweepRow> rows, final Writer out)
    {
        try
        {
            final StringBuilder header = new StringBuilder();
            for (final String key : keys)
            {
                header.append(CountersCsv.csv(key)).append(',');
            }
            out.write(header.append(COLUMNS).append('\n').toString());
            for (final SweepRow row : rows)
            {
                final StringBuilder line = new StringBuilder();
                for (final String value : row.values())
                {
                    line.append(CountersCsv.csv(value)).append(',');
                }
                line.append(row.ticks()).append(',').append(row.coresUsed()).append(',').append(row.spikes())
                    .append(',').append(row.sops()).append(',').append(row.hops());
                for (final double v : new double[] {row.energyPj(), row.energyPerSpikePj(), row.energyPerSopPj(),
                    row.energyPerInferencePj(), row.latencyMeanCycles(), row.latencyP99Cycles(),
                    row.latencyMaxCycles(), row.micros(row.latencyMeanCycles()), row.micros(row.latencyP99Cycles()),
                    row.micros(row.latencyMaxCycles()), row.accuracy()})
                {
                    // no value (no spikes, no labels): an empty field
                    line.append(',').append(Double.isFinite(v) ? Double.toString(v) : "");
                }
                out.write(line.append('\n').toString());
            }
            out.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
