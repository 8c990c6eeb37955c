package org.chipsim.cli;

import java.util.Locale;

import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.NocModel;
import org.chipsim.proto.v1.NocOverflow;

import picocli.CommandLine.Option;

/**
 * Command-line settings of the network-on-chip model (docs/noc.md): they do not change what is compiled, so they apply
 * to a model and to a compiled program alike. Any of the congestion settings turns the congestion model on.
 */
final class NocOptions
{
    @Option(names = "--noc", paramLabel = "ideal|congestion", description = "Network-on-chip model: ideal " +
        "(unlimited links and buffers; default) or congestion (finite router buffers and link bandwidth, simulated " +
        "cycle by cycle each tick; docs/noc.md).")
    String model;

    @Option(names = "--noc-buffer-depth", paramLabel = "P", description = "Congestion model: packets each router " +
        "output buffer holds (1..4096; default 4).")
    Integer bufferDepth;

    @Option(names = "--noc-link-bandwidth", paramLabel = "P", description = "Congestion model: packets an on-chip " +
        "link moves per cycle (1..64; default 1).")
    Integer linkBandwidth;

    @Option(names = "--noc-overflow", paramLabel = "back-pressure|drop", description = "Congestion model: a packet " +
        "meeting a full buffer waits (back-pressure, default) or is dropped and counted.")
    String overflow;

    @Option(names = "--inter-chip-bandwidth", paramLabel = "P", description = "Congestion model: packets an " +
        "inter-chip link moves per cycle (1..64; default 1).")
    Integer interChipBandwidth;

    private boolean congestionSettings()
    {
        return bufferDepth != null || linkBandwidth != null || overflow != null || interChipBandwidth != null;
    }

    Model apply(final Model model)
    {
        return congestionSettings() || this.model != null ? model.toBuilder().setChip(apply(model.getChip())).build() :
            model;
    }

    ChipProgram apply(final ChipProgram program)
    {
        return congestionSettings() || model != null ?
            program.toBuilder().setChip(apply(program.getChip())).build() : program;
    }

    ChipSpec apply(final ChipSpec spec)
    {
        final ChipSpec.Builder chip = spec.toBuilder();
        if (model != null)
        {
            switch (model.trim().toLowerCase(Locale.ROOT))
            {
                case "ideal" -> chip.setNocModel(NocModel.NOC_MODEL_IDEAL);
                case "congestion" -> chip.setNocModel(NocModel.NOC_MODEL_CONGESTION);
                default -> throw new ModelException(ErrorCode.OPTION_INVALID,
                    "--noc expects ideal or congestion, got '" + model + "'");
            }
            if (chip.getNocModel() == NocModel.NOC_MODEL_IDEAL && congestionSettings())
            {
                throw new ModelException(ErrorCode.OPTION_INVALID, "--noc ideal has no buffers or bandwidth: drop " +
                    "the --noc-* / --inter-chip-bandwidth options or use --noc congestion");
            }
        }
        else if (congestionSettings())
        {
            chip.setNocModel(NocModel.NOC_MODEL_CONGESTION);
        }
        if (bufferDepth != null)
        {
            chip.setNocBufferDepthPackets(positive("--noc-buffer-depth", bufferDepth));
        }
        if (linkBandwidth != null)
        {
            chip.setNocLinkPacketsPerCycle(positive("--noc-link-bandwidth", linkBandwidth));
        }
        if (interChipBandwidth != null)
        {
            chip.setInterChipLinkPacketsPerCycle(positive("--inter-chip-bandwidth", interChipBandwidth));
        }
        if (overflow != null)
        {
            switch (overflow.trim().toLowerCase(Locale.ROOT))
            {
                case "back-pressure" -> chip.setNocOverflow(NocOverflow.NOC_OVERFLOW_BACK_PRESSURE);
                case "drop" -> chip.setNocOverflow(NocOverflow.NOC_OVERFLOW_DROP);
                default -> throw new ModelException(ErrorCode.OPTION_INVALID,
                    "--noc-overflow expects back-pressure or drop, got '" + overflow + "'");
            }
        }
        return chip.build();
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
