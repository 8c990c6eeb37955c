package org.chipsim.nir;

import java.util.Arrays;

import org.chipsim.core.ModelException;
import org.chipsim.core.layers.Lowering;
import org.chipsim.core.layers.Window;

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

    /**
     * The window of a Conv/pooling node over a (C, H, W) input (Conv1d uses H = 1), checked by core's {@link Window}.
     * "same" pads like PyTorch: d (k - 1) in all, the smaller half before.
     */
    static Window window(final String where, final int[] in, final int[] kernel, final int[] stride,
        final Padding padding, final int[] dilation)
    {
        final int[] before = padding.numbers().clone();
        final int[] after = padding.numbers().clone();
        if ("same".equals(padding.mode()))
        {
            if (stride[0] != 1 || stride[1] != 1)
            {
                throw new ModelException(where + ": padding 'same' needs stride 1 (as in PyTorch), got stride " +
                    Arrays.toString(stride));
            }
            for (int d = 0; d < 2; d++)
            {
                final int total = Math.max(0, dilation[d]) * Math.max(0, kernel[d] - 1);
                before[d] = total / 2;
                after[d] = total - before[d];
            }
        }
        return Window.of(where, in[0], in[1], in[2], kernel, stride, before, after, dilation);
    }

    /**
     * Convolution as a sparse (C_in*H*W) x (C_out*H_out*W_out) matrix. {@code weight} is (C_out, C_in/groups, kH, kW)
     * in C order. Lowered by core's {@link Lowering}, as conv2d layers of the model schema are.
     */
    static Csr convolution(final Window g, final double[] weight, final int channelsOut, final int groups)
    {
        final Csr.Triplets t = new Csr.Triplets(g.channelsIn() * g.height() * g.width(),
            channelsOut * g.outHeight() * g.outWidth());
        Lowering.convolution(g, i -> weight[i], channelsOut, groups, t::add);
        return t.build();
    }

    /** Sum pooling (weight 1) or average pooling (weight 1 / kernel area) per channel, by core's {@link Lowering}. */
    static Csr pooling(final Window g, final boolean average)
    {
        final Csr.Triplets t = new Csr.Triplets(g.channelsIn() * g.height() * g.width(),
            g.channelsIn() * g.outHeight() * g.outWidth());
        Lowering.pooling(g, average ? Lowering.averageWeight(g, 1.0) : 1.0, t::add);
        return t.build();
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
