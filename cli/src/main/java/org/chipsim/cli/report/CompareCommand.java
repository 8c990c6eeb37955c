package org.chipsim.cli.report;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.chipsim.core.ModelException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chipsim compare DIR_A DIR_B}: two runs' energy.json side by side, with B / A for every figure. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare the energy and latency of two runs (directories written by 'chipsim run --out', or " +
        "their energy.json files): totals, components, derived figures, latency and the costs that differ.")
public final class CompareCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First run: a directory with energy.json, or the file.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Second run.")
    Path b;

    @Override
    public Integer call()
    {
        final Map<String, Object> first = read(a);
        final Map<String, Object> second = read(b);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-34s %16s %16s %9s%n", "", label(first, a), label(second, b), "B / A");
        row(out, "energy (pJ)", first, second, "totals", "energy_pj");
        row(out, "  dynamic (pJ)", first, second, "totals", "dynamic_energy_pj");
        row(out, "  static (pJ)", first, second, "totals", "static_energy_pj");
        final Map<String, Object> components = map(first, "by_component_pj");
        for (final String component : components.keySet())
        {
            if (component.equals("static"))
            {
                continue;
            }
            row(out, "  " + component + " (pJ)", first, second, "by_component_pj", component);
        }
        row(out, "per spike (pJ)", first, second, "totals", "energy_per_spike_pj");
        row(out, "per SOP (pJ)", first, second, "totals", "energy_per_sop_pj");
        row(out, "per inference (pJ)", first, second, "totals", "energy_per_inference_pj");
        row(out, "power (mW)", first, second, "totals", "power_mw");
        row(out, "SOPs", first, second, "totals", "sops");
        row(out, "spikes", first, second, "totals", "spikes_out");
        row(out, "hops", first, second, "totals", "hops");
        row(out, "latency mean (cycles)", first, second, "latency", "mean_cycles");
        row(out, "latency p99 (cycles)", first, second, "latency", "p99_cycles");
        row(out, "latency max (cycles)", first, second, "latency", "max_cycles");
        row(out, "latency max (ns)", first, second, "latency", "max_ns");
        final List<Object> costsA = list(map(first, "preset"), "costs");
        final List<Object> costsB = list(map(second, "preset"), "costs");
        for (final Object x : costsA)
        {
            final Map<?, ?> costA = (Map<?, ?>)x;
            for (final Object y : costsB)
            {
                final Map<?, ?> costB = (Map<?, ?>)y;
                if (costA.get("key").equals(costB.get("key")) && !costA.get("value").equals(costB.get("value")))
                {
                    out.printf(Locale.ROOT, "%-34s %16s %16s%n", "cost " + costA.get("key"),
                        number(costA.get("value")), number(costB.get("value")));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> read(final Path path)
    {
        final Path file = Files.isDirectory(path) ? path.resolve(ReportFiles.ENERGY_JSON) : path;
        final Map<String, Object> map = JsonFile.read(file).root();
        if (!(map.get("totals") instanceof Map<?, ?>) || !(map.get("preset") instanceof Map<?, ?>))
        {
            throw new ModelException(file + ": not an energy.json written by 'chipsim run --out'");
        }
        return map;
    }

    private static String label(final Map<String, Object> run, final Path path)
    {
        final Object preset = map(run, "preset").get("name");
        final String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        final String text = name + " (" + preset + ")";
        return text.length() > 16 ? text.substring(0, 16) : text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        return value instanceof Map<?, ?> ? (Map<String, Object>)value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Map<String, Object> parent, final String name)
    {
        final Object value = parent.get(name);
        return value instanceof List<?> ? (List<Object>)value : List.of();
    }

    private static void row(final PrintWriter out, final String label, final Map<String, Object> first,
        final Map<String, Object> second, final String section, final String key)
    {
        final Object x = map(first, section).get(key);
        final Object y = map(second, section).get(key);
        if (x == null && y == null)
        {
            return;
        }
        final String ratio = x instanceof Double dx && y instanceof Double dy && dx != 0 ?
            String.format(Locale.ROOT, "%.3f", dy / dx) : "";
        out.printf(Locale.ROOT, "%-34s %16s %16s %9s%n", label, number(x), number(y), ratio);
    }

    private static String number(final Object value)
    {
        if (!(value instanceof Double d))
        {
            return value == null ? "-" : value.toString();
        }
        return d == Math.rint(d) && Math.abs(d) < 1e7 ? String.format(Locale.ROOT, "%,d", d.longValue()) :
            String.format(Locale.ROOT, "%.4g", d);
    }
}
