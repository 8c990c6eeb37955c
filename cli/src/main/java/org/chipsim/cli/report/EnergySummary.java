package org.chipsim.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.chipsim.core.energy.Component;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyReport;
import org.chipsim.core.energy.LatencySummary;

/** The energy and latency lines of the {@code chipsim run} summary, as (label, text) rows. */
public final class EnergySummary
{
    private EnergySummary()
    {
    }

    public static List<String[]> rows(final EnergyReport report, final RunRecord run)
    {
        final List<String[]> rows = new ArrayList<>();
        int overridden = 0;
        for (final Cost cost : Cost.values())
        {
            overridden += report.model().isOverridden(cost) ? 1 : 0;
        }
        rows.add(new String[] {"energy", String.format(Locale.ROOT, "%s total (dynamic %s, static %s), preset %s%s",
            joules(report.totalPj()), joules(report.dynamicPj()), joules(report.componentTotalPj(Component.STATIC)),
            report.model().preset().key(), overridden == 0 ? "" : " with " + overridden + " cost" +
                (overridden == 1 ? "" : "s") + " overridden")});
        final StringBuilder parts = new StringBuilder();
        for (final Component component : Component.values())
        {
            final double pj = report.componentTotalPj(component);
            if (pj > 0)
            {
                parts.append(parts.length() == 0 ? "" : ", ").append(component.key()).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * pj / report.totalPj()));
            }
        }
        if (parts.length() > 0)
        {
            rows.add(new String[] {"  by part", parts.toString()});
        }
        rows.add(new String[] {"  per event", String.format(Locale.ROOT, "%s per spike, %s per SOP, %s per inference",
            joules(report.energyPerSpikePj()), joules(report.energyPerSopPj()),
            joules(report.energyPerInferencePj()))});
        final long macs = report.activity().total(org.chipsim.core.energy.EnergyEvent.MAC);
        if (macs > 0)
        {
            final double macPj = report.componentTotalPj(Component.MAC);
            rows.add(new String[] {"  mac", String.format(Locale.ROOT, "%s for %,d MACs of ANN-mode cores (%s per MAC)",
                joules(macPj), macs, joules(macPj / macs))});
        }
        rows.add(new String[] {"power", String.format(Locale.ROOT, "%s mean over %s s of simulated time (%s per tick)",
            watts(report.powerMw()), trim(report.activity().simulatedSeconds()),
            seconds(report.activity().tickSeconds()))});
        final LatencySummary latency = report.latency();
        if (latency != null)
        {
            rows.add(new String[] {"latency", String.format(Locale.ROOT,
                "per tick mean %s, p99 %s, max %s cycles at %s MHz (%s / %s / %s)%s; %s",
                cycles(latency.meanCycles()), cycles(latency.p99Cycles()), cycles(latency.maxCycles()),
                trim(latency.clockHz() / 1e6), seconds(latency.meanNs() * 1e-9), seconds(latency.p99Ns() * 1e-9),
                seconds(latency.maxNs() * 1e-9), latency.binTicks() > 1 ? " over bins of " + latency.binTicks() +
                    " ticks" : "", latency.realTime() ? "every tick fits its " + seconds(latency.tickSeconds()) :
                    "some ticks overrun " + seconds(latency.tickSeconds()))});
        }
        final Integer[] order = IntStream.range(0, report.coreCount()).boxed()
            .sorted(Comparator.comparingDouble((Integer k) -> -report.coreTotalPj(k)).thenComparingInt(k -> k))
            .toArray(Integer[]::new);
        final StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(3, order.length); i++)
        {
            final int k = order[i];
            final RunRecord.CoreInfo core = run.cores().get(k);
            top.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "core %d (%d,%d %s) %s",
                core.id(), core.x(), core.y(), core.population(), joules(report.coreTotalPj(k))));
        }
        if (top.length() > 0)
        {
            rows.add(new String[] {"top cores", top.toString()});
        }
        return rows;
    }

    /** Energy given in pJ, in the largest unit that keeps the number >= 1. */
    public static String joules(final double pj)
    {
        if (!Double.isFinite(pj))
        {
            return "n/a";
        }
        if (pj == 0)
        {
            return "0 J";
        }
        final String[] units = {"pJ", "nJ", "uJ", "mJ", "J"};
        double v = pj;
        int u = 0;
        while (Math.abs(v) >= 1000 && u < units.length - 1)
        {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }

    /** Power given in mW. */
    public static String watts(final double mw)
    {
        if (!Double.isFinite(mw))
        {
            return "n/a";
        }
        if (mw >= 1000)
        {
            return String.format(Locale.ROOT, "%.3g W", mw / 1000);
        }
        if (mw == 0)
        {
            return "0 mW";
        }
        if (mw >= 1)
        {
            return String.format(Locale.ROOT, "%.3g mW", mw);
        }
        return String.format(Locale.ROOT, "%.3g uW", mw * 1000);
    }

    static String seconds(final double s)
    {
        if (s >= 1)
        {
            return String.format(Locale.ROOT, "%.3g s", s);
        }
        if (s >= 1e-3)
        {
            return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
        }
        if (s >= 1e-6)
        {
            return String.format(Locale.ROOT, "%.3g us", s * 1e6);
        }
        return String.format(Locale.ROOT, "%.3g ns", s * 1e9);
    }

    private static String cycles(final double c)
    {
        return c == Math.rint(c) && c < 1e15 ? String.format(Locale.ROOT, "%,d", (long)c) :
            String.format(Locale.ROOT, "%,.1f", c);
    }

    private static String trim(final double v)
    {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
