package org.chipsim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.PlacementStrategy;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.Cost;
import org.chipsim.core.energy.EnergyModel;
import org.chipsim.core.energy.Preset;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.NocModel;
import org.chipsim.proto.v1.NocOverflow;
import org.chipsim.proto.v1.Stimulus;

/**
 * The grid of {@code chipsim sweep --vary KEY=V1,V2,...}: its keys, each key's values (checked when parsed, so a bad
 * value fails before anything runs), and its points in order (the last key varying fastest). A point changes the
 * model before it is compiled (chip size and precision, placement, input rates) and the chip's costs after.
 */
final class SweepGrid
{
    static final String PRESET = "preset";
    static final String WEIGHT_BITS = "chip.weight_bits";
    static final String MESH = "chip.mesh";
    static final String AXONS = "chip.axons_per_core";
    static final String NEURONS = "chip.neurons_per_core";
    static final String RATE_SCALE = "stimulus.rate_scale";
    static final String PLACEMENT = "placement";
    static final String COST = "cost.";
    static final String CHIPS = "chip.chips";
    static final String NOC_DEPTH = "chip.noc_buffer_depth_packets";
    static final String NOC_BANDWIDTH = "chip.noc_link_packets_per_cycle";
    static final String NOC_OVERFLOW = "chip.noc_overflow";
    private static final List<String> KEYS = List.of(PRESET, WEIGHT_BITS, MESH, AXONS, NEURONS, RATE_SCALE, PLACEMENT,
        CHIPS, NOC_DEPTH, NOC_BANDWIDTH, NOC_OVERFLOW);

    private final List<String> keys;
    private final List<List<String>> values;

    private SweepGrid(final List<String> keys, final List<List<String>> values)
    {
        this.keys = keys;
        this.values = values;
    }

    /** Parses every {@code --vary KEY=V1,V2,...}; one line naming the valid keys or the bad value otherwise. */
    static SweepGrid parse(final List<String> varies)
    {
        final Map<String, List<String>> grid = new LinkedHashMap<>();
        for (final String vary : varies)
        {
            final int eq = vary.indexOf('=');
            if (eq <= 0 || eq == vary.length() - 1)
            {
                throw new ModelException("--vary expects KEY=V1,V2,... such as preset=tianjic,loihi, got '" + vary +
                    "'");
            }
            final String key = vary.substring(0, eq).trim();
            checkKey(key);
            if (grid.containsKey(key))
            {
                throw new ModelException("--vary " + key + " is given twice; list all its values in one --vary");
            }
            final List<String> list = new ArrayList<>();
            for (final String value : vary.substring(eq + 1).split(",", -1))
            {
                final String v = value.trim();
                check(key, v);
                if (list.contains(v))
                {
                    throw new ModelException("--vary " + key + " lists '" + v + "' twice");
                }
                list.add(v);
            }
            grid.put(key, list);
        }
        if (grid.isEmpty())
        {
            throw new ModelException("give at least one --vary KEY=V1,V2,... (keys: " + validKeys() + ")");
        }
        return new SweepGrid(List.copyOf(grid.keySet()), List.copyOf(grid.values()));
    }

    List<String> keys()
    {
        return keys;
    }

    /** Every point: one value per key, in key order; the last key varies fastest. */
    List<List<String>> points()
    {
        List<List<String>> points = List.of(List.of());
        for (final List<String> options : values)
        {
            final List<List<String>> next = new ArrayList<>();
            for (final List<String> point : points)
            {
                for (final String value : options)
                {
                    final List<String> extended = new ArrayList<>(point);
                    extended.add(value);
                    next.add(List.copyOf(extended));
                }
            }
            points = next;
        }
        return points;
    }

    /** True when some key changes what is compiled (so a compiled program cannot be swept over it). */
    boolean changesCompilation()
    {
        return keys.stream().anyMatch(k -> k.startsWith("chip.") || k.equals(PLACEMENT));
    }

    /** The model of a point, before compiling: chip size and precision, input rates. */
    Model model(final Model model, final List<String> point)
    {
        final ChipSpec.Builder chip = model.getChip().toBuilder();
        Model changed = model;
        for (int i = 0; i < keys.size(); i++)
        {
            final String value = point.get(i);
            switch (keys.get(i))
            {
                case WEIGHT_BITS -> chip.setWeightBits(Integer.parseInt(value));
                case AXONS -> chip.setAxonsPerCore(Integer.parseInt(value));
                case NEURONS -> chip.setNeuronsPerCore(Integer.parseInt(value));
                case MESH ->
                {
                    final int[] mesh = mesh(value);
                    chip.setMeshWidth(mesh[0]).setMeshHeight(mesh[1]);
                }
                case CHIPS ->
                {
                    final int[] chips = mesh(value);
                    chip.setChipsX(chips[0]).setChipsY(chips[1]);
                }
                // the NoC keys turn the congestion model on (docs/noc.md)
                case NOC_DEPTH -> chip.setNocModel(NocModel.NOC_MODEL_CONGESTION)
                    .setNocBufferDepthPackets(Integer.parseInt(value));
                case NOC_BANDWIDTH -> chip.setNocModel(NocModel.NOC_MODEL_CONGESTION)
                    .setNocLinkPacketsPerCycle(Integer.parseInt(value));
                case NOC_OVERFLOW -> chip.setNocModel(NocModel.NOC_MODEL_CONGESTION).setNocOverflow(
                    value.equals("drop") ? NocOverflow.NOC_OVERFLOW_DROP : NocOverflow.NOC_OVERFLOW_BACK_PRESSURE);
                case RATE_SCALE -> changed = changed.toBuilder().setStimulus(rateScaled(changed.getStimulus(),
                    value)).build();
                default ->
                {
                    // costs and placement: not part of the model
                }
            }
        }
        return changed.toBuilder().setChip(chip).build();
    }

    /** The compile options of a point (its placement). */
    CompileOptions compileOptions(final List<String> point)
    {
        final int i = keys.indexOf(PLACEMENT);
        return i < 0 ? CompileOptions.defaults() :
            CompileOptions.defaults().withPlacement(PlacementStrategy.parse(point.get(i)));
    }

    /**
     * The key of what a point compiles: points that differ only in costs share one compiled program (compiling is
     * deterministic, so sharing changes nothing but the time taken).
     */
    String compilationKey(final List<String> point)
    {
        final StringBuilder key = new StringBuilder();
        for (int i = 0; i < keys.size(); i++)
        {
            if (!keys.get(i).equals(PRESET) && !keys.get(i).startsWith(COST))
            {
                key.append(keys.get(i)).append('=').append(point.get(i)).append(';');
            }
        }
        return key.toString();
    }

    /** A compiled program with a point's input rates (for programs, which are not compiled again). */
    ChipProgram program(final ChipProgram program, final List<String> point)
    {
        final int i = keys.indexOf(RATE_SCALE);
        return i < 0 ? program : program.toBuilder().setStimulus(rateScaled(program.getStimulus(), point.get(i)))
            .build();
    }

    /** The chip's costs at a point: its preset first (keeping the chip's overrides, as --preset does), then costs. */
    ChipSpec costs(final ChipSpec chip, final List<String> point)
    {
        ChipSpec priced = chip;
        final int preset = keys.indexOf(PRESET);
        if (preset >= 0)
        {
            priced = EnergyModel.withPreset(priced, point.get(preset));
        }
        for (int i = 0; i < keys.size(); i++)
        {
            if (keys.get(i).startsWith(COST))
            {
                priced = EnergyModel.withCost(priced, keys.get(i).substring(COST.length()), point.get(i));
            }
        }
        return priced;
    }

    /** "key=value, key=value" of a point, for progress lines and legends. */
    String describe(final List<String> point)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.size(); i++)
        {
            text.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(point.get(i));
        }
        return text.toString();
    }

    private static Stimulus rateScaled(final Stimulus stimulus, final String value)
    {
        if (!stimulus.hasRateCoded())
        {
            throw new ModelException(RATE_SCALE + " applies to rate-coded stimulus only; this model's stimulus is " +
                (stimulus.hasSpikeTrains() ? "spike trains" : "empty"));
        }
        return stimulus.toBuilder().setRateCoded(stimulus.getRateCoded().toBuilder()
            .setRateScale(Float.parseFloat(value))).build();
    }

    private static void checkKey(final String key)
    {
        if (KEYS.contains(key))
        {
            return;
        }
        if (key.startsWith(COST))
        {
            try
            {
                Cost.byKey(key.substring(COST.length()));
                return;
            }
            catch (final ModelException e)
            {
                // fall through: name every valid key
            }
        }
        throw new ModelException("unknown sweep key '" + key + "' (valid: " + validKeys() + ")");
    }

    private static String validKeys()
    {
        return String.join(", ", KEYS) + ", cost.NAME with NAME one of " + String.join(", ", Cost.keys());
    }

    /** Checks one value of a key, naming the key and what it expects. */
    private static void check(final String key, final String value)
    {
        if (value.isEmpty())
        {
            throw new ModelException("--vary " + key + " has an empty value");
        }
        switch (key)
        {
            case PRESET -> Preset.named(value);
            case WEIGHT_BITS, AXONS, NEURONS, NOC_DEPTH, NOC_BANDWIDTH -> positive(key, value);
            case MESH, CHIPS -> mesh(value);
            case NOC_OVERFLOW ->
            {
                if (!value.equals("drop") && !value.equals("back-pressure"))
                {
                    throw new ModelException(key + " must be back-pressure or drop, got '" + value + "'");
                }
            }
            case RATE_SCALE ->
            {
                final double scale = number(key, value);
                if (!(scale >= 0) || Float.isInfinite((float)scale))
                {
                    throw new ModelException(key + " must be a finite number >= 0, got '" + value + "'");
                }
            }
            case PLACEMENT ->
            {
                try
                {
                    PlacementStrategy.parse(value);
                }
                catch (final ModelException e)
                {
                    throw new ModelException(key + " must be naive, greedy or anneal, got '" + value + "'");
                }
            }
            default -> EnergyModel.withCost(ChipSpec.getDefaultInstance(), key.substring(COST.length()), value);
        }
    }

    private static int positive(final String key, final String value)
    {
        try
        {
            final int n = Integer.parseInt(value);
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException e)
        {
            // below
        }
        throw new ModelException(key + " must be a positive whole number, got '" + value + "'");
    }

    private static double number(final String key, final String value)
    {
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException e)
        {
            throw new ModelException(key + " must be a number, got '" + value + "'");
        }
    }

    private static int[] mesh(final String value)
    {
        final String[] parts = value.toLowerCase(Locale.ROOT).split("x");
        if (parts.length == 2)
        {
            try
            {
                final int w = Integer.parseInt(parts[0].trim());
                final int h = Integer.parseInt(parts[1].trim());
                if (w > 0 && h > 0)
                {
                    return new int[] {w, h};
                }
            }
            catch (final NumberFormatException e)
            {
                // below
            }
        }
        throw new ModelException(MESH + " expects WIDTHxHEIGHT such as 12x13, got '" + value + "'");
    }
}
