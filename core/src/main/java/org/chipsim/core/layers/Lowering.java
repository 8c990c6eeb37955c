package org.chipsim.core.layers;

/**
 * Convolution and pooling lowered to explicit synapses {@code (input element, output element, weight)}, in C order of
 * channel-first shapes: the one implementation the model schema's layers ({@link Layers}, through
 * {@link org.chipsim.core.SynapseView}) and the NIR importer share. Semantics are PyTorch's: cross-correlation,
 * weight {@code (C_out, C_in / groups, kH, kW)}, zero padding, dilation, groups; sum pooling (one weight per input)
 * and average pooling (weight / kernel area, padding included in the area as PyTorch's count_include_pad).
 *
 * <p>Every (input, output) pair is emitted at most once (for a given output position and input row/column, the kernel
 * element is determined), and zero weights are not emitted.
 */
public final class Lowering
{
    /** Receives lowered synapses. */
    @FunctionalInterface
    public interface Sink
    {
        void add(int pre, int post, double weight);
    }

    /** Kernel weights by C-order index (so callers need not copy a float list into a double array). */
    @FunctionalInterface
    public interface Weights
    {
        double get(int index);
    }

    private Lowering()
    {
    }

    /**
     * A convolution as synapses from the {@code g.channelsIn() x H x W} input to the
     * {@code channelsOut x outH x outW} output. {@code weight(((co * cinPerGroup + cl) * kH + ky) * kW + kx)} is the
     * weight from input channel {@code group * cinPerGroup + cl} to output channel {@code co}.
     */
    public static void convolution(final Window g, final Weights weight, final int channelsOut, final int groups,
        final Sink sink)
    {
        final int cinPerGroup = g.channelsIn() / groups;
        final int coutPerGroup = channelsOut / groups;
        for (int co = 0; co < channelsOut; co++)
        {
            final int group = co / coutPerGroup;
            for (int cl = 0; cl < cinPerGroup; cl++)
            {
                final int ci = group * cinPerGroup + cl;
                for (int ky = 0; ky < g.kernelH(); ky++)
                {
                    for (int kx = 0; kx < g.kernelW(); kx++)
                    {
                        final double w = weight.get(((co * cinPerGroup + cl) * g.kernelH() + ky) * g.kernelW() + kx);
                        if (w != 0.0)
                        {
                            addWindow(sink, g, ci, co, ky, kx, w);
                        }
                    }
                }
            }
        }
    }

    /** Pooling per channel: every input of a window reaches its output with {@code weight}. */
    public static void pooling(final Window g, final double weight, final Sink sink)
    {
        if (weight == 0.0)
        {
            return;
        }
        for (int c = 0; c < g.channelsIn(); c++)
        {
            for (int ky = 0; ky < g.kernelH(); ky++)
            {
                for (int kx = 0; kx < g.kernelW(); kx++)
                {
                    addWindow(sink, g, c, c, ky, kx, weight);
                }
            }
        }
    }

    /** The weight of one input of an average-pooling window: {@code weight / (kH * kW)}. */
    public static double averageWeight(final Window g, final double weight)
    {
        return weight / ((double)g.kernelH() * g.kernelW());
    }

    private static void addWindow(final Sink sink, final Window g, final int ci, final int co, final int ky,
        final int kx, final double w)
    {
        for (int oy = 0; oy < g.outHeight(); oy++)
        {
            final int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
            if (iy < 0 || iy >= g.height())
            {
                continue;
            }
            for (int ox = 0; ox < g.outWidth(); ox++)
            {
                final int ix = ox * g.strideW() - g.padLeft() + kx * g.dilationW();
                if (ix < 0 || ix >= g.width())
                {
                    continue;
                }
                sink.add((ci * g.height() + iy) * g.width() + ix, (co * g.outHeight() + oy) * g.outWidth() + ox, w);
            }
        }
    }
}
