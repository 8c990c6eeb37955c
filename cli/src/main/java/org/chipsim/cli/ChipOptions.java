package org.chipsim.cli;

import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.PlacementStrategy;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;

import picocli.CommandLine.Option;

/** Command-line overrides of the model's ChipSpec, and the placement, shared by the commands that compile. */
final class ChipOptions
{
    @Option(names = "--mesh", paramLabel = "WxH", description = "Mesh size in cores, e.g. 12x13 (default: the " +
        "model's chip, else 12x13).")
    String mesh;

    @Option(names = "--chips", paramLabel = "XxY", description = "Multi-chip grid: X x Y chips of the mesh size " +
        "each, joined by slower, costlier inter-chip links (default: the model's chip, else 1x1; docs/noc.md).")
    String chips;

    @Option(names = "--weight-bits", paramLabel = "B", description = "Weight precision, 1..16 bits: signed from 2 " +
        "bits, binary (0 or 1 step) at 1 bit.")
    Integer weightBits;

    @Option(names = "--membrane-bits", paramLabel = "M", description = "Membrane width: the soma's potential " +
        "saturates as an M-bit signed integer, 2..32 (default: the model's chip, else 32).")
    Integer membraneBits;

    @Option(names = "--accumulator-bits", paramLabel = "A", description = "Dendrite accumulator width: a tick's " +
        "summed input saturates as an A-bit signed integer when the soma reads it, weight bits..32 (default: the " +
        "model's chip, else 32).")
    Integer accumulatorBits;

    @Option(names = "--axons", paramLabel = "A", description = "Axons (crossbar rows) per core.")
    Integer axons;

    @Option(names = "--neurons", paramLabel = "N", description = "Neurons (crossbar columns) per core.")
    Integer neurons;

    @Option(names = "--time-multiplex", paramLabel = "K", description = "Soma time-multiplexing: a core hosts up " +
        "to K x its neurons, updated in K phases per tick (1..64; default: the model's chip, else 1).")
    Integer timeMultiplex;

    @Option(names = "--max-routing-entries", paramLabel = "E", description = "Router memory: most routing-table " +
        "entries one core may hold (default: the model's chip, else 0 = unlimited).")
    Integer maxRoutingEntries;

    @Option(names = "--placement", paramLabel = "naive|greedy|anneal", description = "How tiles are placed on the " +
        "mesh (default: anneal). Placement never changes results, only traffic; see docs/compiler.md.")
    String placement;

    boolean any()
    {
        return mesh != null || weightBits != null || axons != null || neurons != null || maxRoutingEntries != null ||
            placement != null || timeMultiplex != null || membraneBits != null || accumulatorBits != null ||
            chips != null;
    }

    /** Compile options with this command line's placement (the rest default). */
    CompileOptions compileOptions()
    {
        final CompileOptions defaults = CompileOptions.defaults();
        return placement == null ? defaults : defaults.withPlacement(PlacementStrategy.parse(placement));
    }

    Model apply(final Model model)
    {
        if (!any())
        {
            return model;
        }
        final ChipSpec.Builder chip = model.getChip().toBuilder();
        if (mesh != null)
        {
            final String[] parts = mesh.toLowerCase(java.util.Locale.ROOT).split("x");
            try
            {
                if (parts.length != 2)
                {
                    throw new NumberFormatException();
                }
                chip.setMeshWidth(positive("--mesh width", Integer.parseInt(parts[0].trim())));
                chip.setMeshHeight(positive("--mesh height", Integer.parseInt(parts[1].trim())));
            }
            catch (final NumberFormatException e)
            {
                throw new ModelException(ErrorCode.OPTION_INVALID,
                    "--mesh expects WIDTHxHEIGHT such as 12x13, got '" + mesh + "'");
            }
        }
        if (chips != null)
        {
            final int[] xy = pair("--chips", chips, "2x1");
            chip.setChipsX(xy[0]).setChipsY(xy[1]);
        }
        if (weightBits != null)
        {
            chip.setWeightBits(positive("--weight-bits", weightBits));
        }
        if (membraneBits != null)
        {
            chip.setMembraneBits(positive("--membrane-bits", membraneBits));
        }
        if (accumulatorBits != null)
        {
            chip.setAccumulatorBits(positive("--accumulator-bits", accumulatorBits));
        }
        if (axons != null)
        {
            chip.setAxonsPerCore(positive("--axons", axons));
        }
        if (neurons != null)
        {
            chip.setNeuronsPerCore(positive("--neurons", neurons));
        }
        if (timeMultiplex != null)
        {
            chip.setNeuronTimeMultiplex(positive("--time-multiplex", timeMultiplex));
        }
        if (maxRoutingEntries != null)
        {
            if (maxRoutingEntries < 0)
            {
                throw new ModelException(ErrorCode.OPTION_INVALID,
                    "--max-routing-entries must be >= 0 (0 = unlimited), got " +
                    maxRoutingEntries);
            }
            chip.setMaxRoutingEntriesPerCore(maxRoutingEntries);
        }
        return model.toBuilder().setChip(chip).build();
    }

    /** "AxB" as two positive numbers. */
    private static int[] pair(final String option, final String text, final String example)
    {
        final String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try
        {
            if (parts.length != 2)
            {
                throw new NumberFormatException();
            }
            return new int[] {positive(option + " x", Integer.parseInt(parts[0].trim())),
                positive(option + " y", Integer.parseInt(parts[1].trim()))};
        }
        catch (final NumberFormatException e)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID,
                option + " expects AxB such as " + example + ", got '" + text + "'");
        }
    }

    private static int positive(final String option, final int value)
    {
        if (value <= 0)
        {
            throw new ModelException(ErrorCode.OPTION_INVALID, option + " must be a positive number, got " + value);
        }
        return value;
    }
}
