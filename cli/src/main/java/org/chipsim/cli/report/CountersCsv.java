package org.chipsim.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.chipsim.chip.CoreCounter;
import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.EnergyReport;

/**
 * Writes {@code counters.csv}: one row per core in use (program order) with its place, role, population, every
 * counter, its energy by component and in total (pJ) and its busy cycles over the run. Format: docs/energy.md.
 */
public final class CountersCsv
{
    private CountersCsv()
    {
    }

    public static void write(final EnergyReport report, final RunRecord run, final Writer out)
    {
        try
        {
            final StringBuilder header = new StringBuilder("id,x,y,role,population");
            for (final CoreCounter counter : CoreCounter.values())
            {
                header.append(',').append(counter.key());
            }
            for (final Component component : Component.values())
            {
                header.append(',').append("energy_").append(component.key()).append("_pj");
            }
            header.append(",energy_total_pj,busy_cycles\n");
            out.write(header.toString());
            for (int k = 0; k < run.coreCount(); k++)
            {
                final RunRecord.CoreInfo core = run.cores().get(k);
                final StringBuilder row = new StringBuilder();
                row.append(core.id()).append(',').append(core.x()).append(',').append(core.y())
                    .append(',').append(core.role()).append(',').append(csv(core.population()));
                for (final CoreCounter counter : CoreCounter.values())
                {
                    row.append(',').append(core.counter(counter));
                }
                for (final Component component : Component.values())
                {
                    row.append(',').append(report.coreEnergyPj(k, component));
                }
                row.append(',').append(report.coreTotalPj(k)).append(',').append(report.coreBusyCycles(k))
                    .append('\n');
                out.write(row.toString());
            }
            out.flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
    static String csv(final String field)
    {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
        {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
