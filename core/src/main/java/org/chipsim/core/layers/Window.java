package org.chipsim.core.layers;

import org.chipsim.core.ModelException;

/**
 * Geometry of a 2-D convolution or pooling window over a {@code channelsIn x height x width} input in C order
 * (element {@code (c, y, x)} is {@code (c * height + y) * width + x}): kernel, stride, padding (the top and left
 * padding; the output size also counts the bottom and right padding), dilation and the resulting output size.
 * Output position {@code (oy, ox)} reads input row {@code oy * strideH - padTop + ky * dilationH} and column
 * {@code ox * strideW - padLeft + kx * dilationW} for kernel element {@code (ky, kx)}; positions outside the input are
 * padding and contribute nothing (PyTorch's zero padding).
 */
public record Window(int channelsIn, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
    int padTop, int padLeft, int dilationH, int dilationW, int outHeight, int outWidth)
{
    /**
     * Validates the parameters and computes the output size:
     * {@code out = floor((in + before + after - dilation * (kernel - 1) - 1) / stride) + 1} per dimension.
     * Every array is (height, width).
     *
     * @param where prefix of the error message: what the window belongs to
     * @throws ModelException when a kernel, stride or dilation is below 1, a padding is negative or the dilated kernel
     *                        does not fit the padded input
     */
    public static Window of(final String where, final int channels, final int height, final int width,
        final int[] kernel, final int[] stride, final int[] padBefore, final int[] padAfter, final int[] dilation)
    {
        final String[] names = {"kernel", "stride", "dilation"};
        final int[][] values = {kernel, stride, dilation};
        for (int v = 0; v < values.length; v++)
        {
            if (values[v][0] < 1 || values[v][1] < 1)
            {
                throw new ModelException(where + ": " + names[v] + " " + pair(values[v]) + " must be >= 1" +
                    (names[v].equals("stride") ? " (a stride of 0 would never move the window)" : ""));
            }
        }
        if (padBefore[0] < 0 || padBefore[1] < 0 || padAfter[0] < 0 || padAfter[1] < 0)
        {
            throw new ModelException(where + ": padding " + pair(padBefore) + " must be >= 0");
        }
        final long extentH = (long)dilation[0] * (kernel[0] - 1) + 1;
        final long extentW = (long)dilation[1] * (kernel[1] - 1) + 1;
        final long paddedH = (long)height + padBefore[0] + padAfter[0];
        final long paddedW = (long)width + padBefore[1] + padAfter[1];
        if (extentH > paddedH || extentW > paddedW)
        {
            throw new ModelException(where + ": the kernel " + kernel[0] + " x " + kernel[1] +
                (dilation[0] == 1 && dilation[1] == 1 ? "" : " with dilation " + pair(dilation) + " spans " +
                    extentH + " x " + extentW + " and") + " does not fit the padded input " + paddedH + " x " +
                paddedW + " (input " + height + " x " + width + ", padding " + pair(padBefore) + ")");
        }
        final long outH = (paddedH - extentH) / stride[0] + 1;
        final long outW = (paddedW - extentW) / stride[1] + 1;
        if (outH > Integer.MAX_VALUE || outW > Integer.MAX_VALUE || outH * outW > Integer.MAX_VALUE)
        {
            throw new ModelException(where + ": the output would be " + outH + " x " + outW + " positions per " +
                "channel, more than a population can hold; check the padding");
        }
        return new Window(channels, height, width, kernel[0], kernel[1], stride[0], stride[1], padBefore[0],
            padBefore[1], dilation[0], dilation[1], (int)outH, (int)outW);
    }

    /** Input elements: channelsIn x height x width. */
    public long inputSize()
    {
        return (long)channelsIn * height * width;
    }

    /** Output positions per channel: outHeight x outWidth. */
    public long outPlane()
    {
        return (long)outHeight * outWidth;
    }

    static String pair(final int[] v)
    {
        return v[0] == v[1] ? Integer.toString(v[0]) : v[0] + " x " + v[1];
    }
}
