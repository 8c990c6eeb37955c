package org.chipsim.nir;

import java.util.Arrays;

import org.chipsim.core.ModelException;

/**
 * The NIR operator nodes lowered to explicit linear maps (input element x output element), in C order of NIR's
 * channel-first shapes: Affine/Linear (weight is out x in, y = W x), Scale (elementwise), Conv1d/Conv2d (PyTorch
 * semantics: cross-correlation, weight (C_out, C_in / groups, k...), stride, padding int/pair or "same"/"valid",
 * dilation, groups) and SumPool2d/AvgPool2d (sum, or sum / kernel area as PyTorch's count_include_pad default).
 */
final class Operators
{
    private Operators()
    {
    }

    /** Geometry of a 2-D convolution or pooling over a (C, H, W) input; Conv1d uses H = 1. */
    record Window(int channelsIn, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
        int padTop, int padLeft, int dilationH, int dilationW, int outHeight, int outWidth)
    {
    }

    /** How a padding parameter was given: a mode ("same"/"valid") or numbers (then mode is null). */
    record Padding(String mode, int[] numbers)
    {
    }

    /** Reads a padding parameter: absent (0), "same", "valid", one integer or a pair. */
    static Padding padding(final String where, final NirValue value)
    {
        if (value == null)
        {
            return new Padding(null, new int[] {0, 0});
        }
        if (value.isText())
        {
            final String mode = value.text().trim().toLowerCase(java.util.Locale.ROOT);
            if (!mode.equals("same") && !mode.equals("valid"))
            {
                throw new ModelException(where + ": padding '" + value.text() + "' is not 'same', 'valid' or a " +
                    "number");
            }
            return new Padding(mode, new int[] {0, 0});
        }
        return new Padding(null, pair(where, "padding", value, 0));
    }

    static Window window(final String where, final int[] in, final int[] kernel, final int[] stride,
        final Padding padding, final int[] dilation)
    {
        final int h = in[1];
        final int w = in[2];
        final int[] pad = padding.numbers().clone();
        final boolean same = "same".equals(padding.mode());
        if (same)
        {
            if (stride[0] != 1 || stride[1] != 1)
            {
                throw new ModelException(where + ": padding 'same' needs stride 1 (as in PyTorch), got stride " +
                    Arrays.toString(stride));
            }
            pad[0] = dilation[0] * (kernel[0] - 1) / 2;
            pad[1] = dilation[1] * (kernel[1] - 1) / 2;
        }
        for (int d = 0; d < 2; d++)
        {
            if (kernel[d] < 1 || stride[d] < 1 || dilation[d] < 1 || pad[d] < 0)
            {
                throw new ModelException(where + ": kernel " + Arrays.toString(kernel) + ", stride " +
                    Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation) + " must be >= 1 and " +
                    "padding >= 0");
            }
        }
        final int outH = same ? h : Math.floorDiv(h + 2 * pad[0] - dilation[0] * (kernel[0] - 1) - 1, stride[0]) + 1;
        final int outW = same ? w : Math.floorDiv(w + 2 * pad[1] - dilation[1] * (kernel[1] - 1) - 1, stride[1]) + 1;
        if (outH < 1 || outW < 1)
        {
            throw new ModelException(where + ": the kernel " + Arrays.toString(kernel) + " does not fit the input " +
                h + " x " + w + " (with padding " + Arrays.toString(pad) + ")");
        }
        return new Window(in[0], h, w, kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0],
            dilation[1], outH, outW);
    }

    /**
     * Convolution as a sparse (C_in*H*W) x (C_out*H_out*W_out) matrix. {@code weight} is (C_out, C_in/groups, kH, kW)
     * in C order.
     */
    static Csr convolution(final Window g, final double[] weight, final int channelsOut, final int groups)
    {
        final int cinPerGroup = g.channelsIn() / groups;
        final int coutPerGroup = channelsOut / groups;
        final Csr.Triplets t = new Csr.Triplets(g.channelsIn() * g.height() * g.width(),
            channelsOut * g.outHeight() * g.outWidth());
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
                        final double w = weight[((co * cinPerGroup + cl) * g.kernelH() + ky) * g.kernelW() + kx];
                        if (w != 0.0)
                        {
                            addWindow(t, g, ci, co, ky, kx, w);
                        }
                    }
                }
            }
        }
        return t.build();
    }

    /** Sum pooling (weight 1) or average pooling (weight 1 / kernel area) per channel. */
    static Csr pooling(final Window g, final boolean average)
    {
        final double w = average ? 1.0 / (g.kernelH() * g.kernelW()) : 1.0;
        final Csr.Triplets t = new Csr.Triplets(g.channelsIn() * g.height() * g.width(),
            g.channelsIn() * g.outHeight() * g.outWidth());
        for (int c = 0; c < g.channelsIn(); c++)
        {
            for (int ky = 0; ky < g.kernelH(); ky++)
            {
                for (int kx = 0; kx < g.kernelW(); kx++)
                {
                    addWindow(t, g, c, c, ky, kx, w);
                }
            }
        }
        return t.build();
    }

    private static void addWindow(final Csr.Triplets t, final Window g, final int ci, final int co, final int ky,
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
                t.add((ci * g.height() + iy) * g.width() + ix, (co * g.outHeight() + oy) * g.outWidth() + ox, w);
            }
        }
    }

    /** Dense weight (out x in, y = W x) as the in x out map. */
    static Csr dense(final double[] weight, final int out, final int in)
    {
        final Csr.Triplets t = new Csr.Triplets(in, out);
        for (int j = 0; j < out; j++)
        {
            for (int i = 0; i < in; i++)
            {
                t.add(i, j, weight[j * in + i]);
            }
        }
        return t.build();
    }

    /** A parameter that is one integer or a pair of integers (height, width); {@code fallback} when absent. */
    static int[] pair(final String where, final String name, final NirValue value, final int fallback)
    {
        if (value == null)
        {
            return new int[] {fallback, fallback};
        }
        if (!value.isNumeric() || value.size() < 1 || value.size() > 2)
        {
            throw new ModelException(where + ": " + name + " must be one integer or a pair, got " + value);
        }
        final double[] v = value.numbers();
        final int[] result = {integer(where, name, v[0]), integer(where, name, v[v.length - 1])};
        return result;
    }

    static int integer(final String where, final String name, final double v)
    {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
        {
            throw new ModelException(where + ": " + name + " must be an integer, got " + v);
        }
        return (int)v;
    }
}
