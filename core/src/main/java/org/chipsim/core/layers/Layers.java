package org.chipsim.core.layers;

import java.util.Arrays;
import java.util.List;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.Conv2d;
import org.chipsim.proto.v1.Pool2d;
import org.chipsim.proto.v1.Projection;

/**
 * The layer projections of the model schema ({@code Projection.layer}: conv2d, sum_pool2d, avg_pool2d, flatten):
 * their geometry, validation, and lowering to explicit synapses through {@link Lowering}. Nothing here is cached; a
 * layer is lowered whenever a {@link org.chipsim.core.SynapseView} of it is first read.
 */
public final class Layers
{
    /** The layer types, with their field names in the schema. */
    public enum Kind
    {
        CONV2D("conv2d"),
        SUM_POOL2D("sum_pool2d"),
        AVG_POOL2D("avg_pool2d"),
        FLATTEN("flatten");

        private final String field;

        Kind(final String field)
        {
            this.field = field;
        }

        /** The schema's field name, e.g. "conv2d". */
        public String field()
        {
            return field;
        }
    }

    /**
     * A layer's resolved shapes: input {@code channelsIn x height x width}, output
     * {@code channelsOut x outHeight x outWidth}; {@code window} is null for flatten (a 1 x 1 x n vector).
     */
    public record Geometry(Kind kind, int channelsIn, int height, int width, int channelsOut, int outHeight,
        int outWidth, Window window, int groups)
    {
        public long inputSize()
        {
            return (long)channelsIn * height * width;
        }

        public long outputSize()
        {
            return (long)channelsOut * outHeight * outWidth;
        }

        /** At most this many synapses after lowering (every kernel element at every output position). */
        public long synapseBound()
        {
            if (window == null)
            {
                return outputSize();
            }
            final long perOutput = (long)(kind == Kind.CONV2D ? channelsIn / groups : 1) * window.kernelH() *
                window.kernelW();
            // saturating: a huge (padded) pooling kernel must not wrap around
            final double bound = (double)outputSize() * perOutput;
            return bound >= Long.MAX_VALUE ? Long.MAX_VALUE : outputSize() * perOutput;
        }

        /** e.g. "conv2d 1x8x8 -> 4x8x8, kernel 3x3, stride 1, padding 1". */
        public String describe()
        {
            final StringBuilder text = new StringBuilder(kind.field()).append(' ');
            if (window == null)
            {
                return text.append(inputSize()).append(" -> ").append(outputSize()).append(" one-to-one").toString();
            }
            text.append(channelsIn).append('x').append(height).append('x').append(width).append(" -> ")
                .append(channelsOut).append('x').append(outHeight).append('x').append(outWidth)
                .append(", kernel ").append(window.kernelH()).append('x').append(window.kernelW())
                .append(", stride ").append(dims(window.strideH(), window.strideW()))
                .append(", padding ").append(dims(window.padTop(), window.padLeft()));
            if (window.dilationH() != 1 || window.dilationW() != 1)
            {
                text.append(", dilation ").append(dims(window.dilationH(), window.dilationW()));
            }
            if (groups != 1)
            {
                text.append(", groups ").append(groups);
            }
            return text.toString();
        }

        private static String dims(final int h, final int w)
        {
            return h == w ? Integer.toString(h) : h + "x" + w;
        }
    }

    /** Lowered synapses, sorted by pre, then post; {@code weight[k]} is never 0. */
    public record Lowered(int[] pre, int[] post, float[] weight)
    {
        public int size()
        {
            return pre.length;
        }
    }

    private Layers()
    {
    }

    /** True when the projection is a layer (conv2d, pooling, flatten) rather than listed weights. */
    public static boolean isLayer(final Projection projection)
    {
        return projection.getLayerCase() != Projection.LayerCase.LAYER_NOT_SET;
    }

    /** The projection's layer kind, or null when it lists its weights. */
    public static Kind kind(final Projection projection)
    {
        return switch (projection.getLayerCase())
        {
            case CONV2D -> Kind.CONV2D;
            case SUM_POOL2D -> Kind.SUM_POOL2D;
            case AVG_POOL2D -> Kind.AVG_POOL2D;
            case FLATTEN -> Kind.FLATTEN;
            case LAYER_NOT_SET -> null;
        };
    }

    /**
     * Resolves and checks a layer's shapes and parameters against its source and target sizes.
     *
     * @param where      the projection, for messages (e.g. "projection #2 'conv1'")
     * @param sourceSize the source population's size, or -1 when the caller does not know it (the input channels are
     *                   then derived from the weights or the target size; only for models already validated)
     * @throws ModelException naming the projection and the mismatch
     */
    public static Geometry geometry(final String where, final Projection projection, final long sourceSize,
        final long targetSize)
    {
        return switch (projection.getLayerCase())
        {
            case CONV2D -> conv(where, projection.getConv2D(), sourceSize, targetSize);
            case SUM_POOL2D -> pool(where, Kind.SUM_POOL2D, projection.getSumPool2D(), sourceSize, targetSize);
            case AVG_POOL2D -> pool(where, Kind.AVG_POOL2D, projection.getAvgPool2D(), sourceSize, targetSize);
            case FLATTEN -> flatten(where, sourceSize, targetSize);
            case LAYER_NOT_SET -> throw new IllegalArgumentException(where + " is not a layer");
        };
    }

    private static Geometry conv(final String where, final Conv2d conv, final long sourceSize, final long targetSize)
    {
        final String at = where + ": conv2d";
        final long channelsOut = Integer.toUnsignedLong(conv.getOutChannels());
        if (channelsOut < 1)
        {
            throw new ModelException(at + ".out_channels must be >= 1, got 0");
        }
        final int[] kernel = pair(at, "kernel", conv.getKernelList(), null);
        final long groups = conv.getGroups() == 0 ? 1 : Integer.toUnsignedLong(conv.getGroups());
        long channelsIn;
        final int[] plane = plane(at, conv.getInputShapeList());
        if (conv.getInputShapeCount() == 3 || sourceSize >= 0)
        {
            channelsIn = channels(at, conv.getInputShapeList(), plane, sourceSize);
        }
        else
        {
            // only for validated models: the weight count gives C_in / groups
            channelsIn = groups * conv.getWeightCount() / Math.max(1, channelsOut * kernel[0] * kernel[1]);
        }
        if (channelsOut > Integer.MAX_VALUE || channelsIn % groups != 0 || channelsOut % groups != 0)
        {
            throw new ModelException(at + ": groups " + groups + " must divide both the input channels " +
                channelsIn + " and out_channels " + channelsOut);
        }
        final int[] stride = pair(at, "stride", conv.getStrideList(), new int[] {1, 1});
        final int[] padding = pair(at, "padding", conv.getPaddingList(), new int[] {0, 0});
        final int[] dilation = pair(at, "dilation", conv.getDilationList(), new int[] {1, 1});
        final Window window = Window.of(at, (int)channelsIn, plane[0], plane[1], kernel, stride, padding, padding,
            dilation);
        final long expected = channelsOut * (channelsIn / groups) * kernel[0] * kernel[1];
        if (conv.getWeightCount() != expected)
        {
            throw new ModelException(at + ".weight has " + conv.getWeightCount() + " values, expected out_channels " +
                channelsOut + " x in_channels/groups " + channelsIn / groups + " x kernel " + kernel[0] + " x " +
                kernel[1] + " = " + expected);
        }
        for (int k = 0; k < conv.getWeightCount(); k++)
        {
            if (!Float.isFinite(conv.getWeight(k)))
            {
                throw new ModelException(at + ".weight[" + k + "] is " + conv.getWeight(k) +
                    "; weights must be finite");
            }
        }
        if (conv.getBiasCount() != 0 && conv.getBiasCount() != channelsOut)
        {
            throw new ModelException(at + ".bias has " + conv.getBiasCount() + " values, expected out_channels " +
                channelsOut + " (one per output channel) or none");
        }
        for (int k = 0; k < conv.getBiasCount(); k++)
        {
            if (!Float.isFinite(conv.getBias(k)))
            {
                throw new ModelException(at + ".bias[" + k + "] is " + conv.getBias(k) + "; it must be finite");
            }
        }
        final Geometry g = new Geometry(Kind.CONV2D, (int)channelsIn, plane[0], plane[1], (int)channelsOut,
            window.outHeight(), window.outWidth(), window, (int)groups);
        checkTarget(at, g, targetSize);
        return g;
    }

    private static Geometry pool(final String where, final Kind kind, final Pool2d pool, final long sourceSize,
        final long targetSize)
    {
        final String at = where + ": " + kind.field();
        final int[] kernel = pair(at, "kernel", pool.getKernelList(), null);
        final int[] stride = pair(at, "stride", pool.getStrideList(), kernel);
        final int[] padding = pair(at, "padding", pool.getPaddingList(), new int[] {0, 0});
        if (pool.hasWeight() && !Float.isFinite(pool.getWeight()))
        {
            throw new ModelException(at + ".weight is " + pool.getWeight() + "; it must be finite");
        }
        final int[] plane = plane(at, pool.getInputShapeList());
        final Window probe = Window.of(at, 1, plane[0], plane[1], kernel, stride, padding, padding, new int[] {1, 1});
        final long channels;
        if (pool.getInputShapeCount() == 3 || sourceSize >= 0)
        {
            channels = channels(at, pool.getInputShapeList(), plane, sourceSize);
        }
        else
        {
            channels = targetSize / Math.max(1, probe.outPlane());
        }
        final Window window = new Window((int)channels, plane[0], plane[1], probe.kernelH(), probe.kernelW(),
            probe.strideH(), probe.strideW(), probe.padTop(), probe.padLeft(), 1, 1, probe.outHeight(),
            probe.outWidth());
        final Geometry g = new Geometry(kind, (int)channels, plane[0], plane[1], (int)channels, window.outHeight(),
            window.outWidth(), window, 1);
        checkTarget(at, g, targetSize);
        return g;
    }

    private static Geometry flatten(final String where, final long sourceSize, final long targetSize)
    {
        if (sourceSize >= 0 && sourceSize != targetSize)
        {
            throw new ModelException(where + ": flatten maps source neuron i to target neuron i, but the source " +
                "has " + sourceSize + " neurons and the target " + targetSize + "; they must be equal");
        }
        return new Geometry(Kind.FLATTEN, 1, 1, (int)targetSize, 1, 1, (int)targetSize, null, 1);
    }

    private static void checkTarget(final String at, final Geometry g, final long targetSize)
    {
        if (g.outputSize() != targetSize)
        {
            throw new ModelException(at + " gives " + g.channelsOut() + " x " + g.outHeight() + " x " +
                g.outWidth() + " = " + g.outputSize() + " outputs (" + g.describe() + ") but the target population " +
                "has " + targetSize + " neurons; shapes do not chain");
        }
    }

    /** (height, width) of input_shape, which has 2 or 3 entries. */
    private static int[] plane(final String at, final List<Integer> shape)
    {
        if (shape.size() != 2 && shape.size() != 3)
        {
            throw new ModelException(at + ".input_shape has " + shape.size() + " values; give (channels, height, " +
                "width) or (height, width) of the source population's image");
        }
        for (final int d : shape)
        {
            if (d <= 0)
            {
                throw new ModelException(at + ".input_shape " + unsigned(shape) + " has a dimension that is 0 or too " +
                    "large; each must be in 1.." + Integer.MAX_VALUE);
            }
        }
        return new int[] {shape.get(shape.size() - 2), shape.get(shape.size() - 1)};
    }

    /** Input channels from input_shape and the source size: given (then checked) or source size / (H x W). */
    private static long channels(final String at, final List<Integer> shape, final int[] plane, final long sourceSize)
    {
        final long area = (long)plane[0] * plane[1];
        if (shape.size() == 3)
        {
            final long channels = shape.get(0);
            if (sourceSize >= 0 && (area > sourceSize || channels * area != sourceSize))
            {
                throw new ModelException(at + ".input_shape " + unsigned(shape) + " has " +
                    java.math.BigInteger.valueOf(channels).multiply(java.math.BigInteger.valueOf(area)) +
                    " values but the source population has " + sourceSize + " neurons; shapes do not chain");
            }
            return channels;
        }
        if (sourceSize % area != 0 || sourceSize == 0)
        {
            throw new ModelException(at + ".input_shape " + unsigned(shape) + ": the source population's " +
                sourceSize + " neurons are not a whole number of " + plane[0] + " x " + plane[1] + " channels; " +
                "shapes do not chain");
        }
        return sourceSize / area;
    }

    /** A pair parameter: one value (both dimensions) or (height, width); {@code fallback} when empty. */
    private static int[] pair(final String at, final String field, final List<Integer> values, final int[] fallback)
    {
        if (values.isEmpty() && fallback != null)
        {
            return fallback.clone();
        }
        if (values.isEmpty() || values.size() > 2)
        {
            throw new ModelException(at + "." + field + " has " + values.size() + " values; give one (both " +
                "dimensions) or two (height, width)");
        }
        final int[] result = {values.get(0), values.get(values.size() - 1)};
        if (result[0] < 0 || result[1] < 0)
        {
            throw new ModelException(at + "." + field + " " + unsigned(values) + " is too large (at most " +
                Integer.MAX_VALUE + ")");
        }
        return result;
    }

    private static String unsigned(final List<Integer> values)
    {
        return Arrays.toString(values.stream().mapToLong(Integer::toUnsignedLong).toArray());
    }

    /** The layer's output shape as (channels, height, width), or null for flatten (a flat vector). */
    public static int[] outputShape(final Geometry g)
    {
        return g.window() == null ? null : new int[] {g.channelsOut(), g.outHeight(), g.outWidth()};
    }

    /** The layer's input shape as (channels, height, width), or null for flatten. */
    public static int[] inputShape(final Geometry g)
    {
        return g.window() == null ? null : new int[] {g.channelsIn(), g.height(), g.width()};
    }

    /**
     * The layer's explicit synapses (the model must be valid). Weights are the layer's in single precision, as a
     * listed weight would be: conv kernel weights exactly, pooling {@code weight} (average: / kernel area, rounded
     * once to float).
     */
    public static Lowered lower(final Projection projection, final Geometry g)
    {
        final long bound = g.synapseBound();
        if (bound > Integer.MAX_VALUE - 8)
        {
            throw new ModelException("projection '" + projection.getName() + "' would lower to up to " + bound +
                " synapses, more than one projection can hold; split it");
        }
        final Collector collector = new Collector((int)Math.min(bound, 1 << 16));
        switch (g.kind())
        {
            case CONV2D ->
            {
                final Conv2d conv = projection.getConv2D();
                Lowering.convolution(g.window(), conv::getWeight, g.channelsOut(), g.groups(), collector);
            }
            case SUM_POOL2D -> Lowering.pooling(g.window(), poolWeight(projection.getSumPool2D()), collector);
            case AVG_POOL2D -> Lowering.pooling(g.window(), (float)Lowering.averageWeight(g.window(),
                poolWeight(projection.getAvgPool2D())), collector);
            case FLATTEN ->
            {
                final double w = projection.getFlatten().hasWeight() ? projection.getFlatten().getWeight() : 1.0;
                if (w != 0.0)
                {
                    for (int i = 0; i < g.outWidth(); i++)
                    {
                        collector.add(i, i, w);
                    }
                }
            }
        }
        return collector.sorted((int)Math.min(g.inputSize(), Integer.MAX_VALUE));
    }

    private static double poolWeight(final Pool2d pool)
    {
        return pool.hasWeight() ? pool.getWeight() : 1.0;
    }

    /**
     * Parameters the model stores for the layer, i.e. what a processor that shares weights would store: conv kernel
     * weights (zeros included) plus biases; 1 shared weight for pooling and flatten. 0 for a listed projection.
     */
    public static long uniqueParameters(final Projection projection)
    {
        return switch (projection.getLayerCase())
        {
            case CONV2D -> projection.getConv2D().getWeightCount() + projection.getConv2D().getBiasCount();
            case SUM_POOL2D, AVG_POOL2D, FLATTEN -> 1;
            case LAYER_NOT_SET -> 0;
        };
    }

    /** Adds a conv layer's per-channel bias to the target population's per-neuron {@code biases}. */
    public static void addBias(final Projection projection, final Geometry g, final double[] biases)
    {
        if (g.kind() != Kind.CONV2D || projection.getConv2D().getBiasCount() == 0)
        {
            return;
        }
        final int plane = g.outHeight() * g.outWidth();
        for (int j = 0; j < biases.length; j++)
        {
            biases[j] += projection.getConv2D().getBias(j / plane);
        }
    }

    /** Collects synapses and sorts them by (pre, post). */
    private static final class Collector implements Lowering.Sink
    {
        private int[] pre;
        private int[] post;
        private float[] weight;
        private int n;

        Collector(final int capacity)
        {
            pre = new int[Math.max(16, capacity)];
            post = new int[pre.length];
            weight = new float[pre.length];
        }

        @Override
        public void add(final int from, final int to, final double w)
        {
            final float f = (float)w;
            if (f == 0f)
            {
                return;
            }
            if (n == pre.length)
            {
                final int size = (int)Math.min(Integer.MAX_VALUE - 8, 2L * n);
                pre = Arrays.copyOf(pre, size);
                post = Arrays.copyOf(post, size);
                weight = Arrays.copyOf(weight, size);
            }
            pre[n] = from;
            post[n] = to;
            weight[n] = f;
            n++;
        }

        Lowered sorted(final int rows)
        {
            final int[] start = new int[rows + 1];
            for (int k = 0; k < n; k++)
            {
                start[pre[k] + 1]++;
            }
            for (int r = 0; r < rows; r++)
            {
                start[r + 1] += start[r];
            }
            // bucket by row as (post << 32 | weight bits), then sort each row: posts are unique within a row
            final long[] packed = new long[n];
            final int[] cursor = Arrays.copyOf(start, rows);
            for (int k = 0; k < n; k++)
            {
                packed[cursor[pre[k]]++] = ((long)post[k] << 32) | (Float.floatToRawIntBits(weight[k]) & 0xFFFF_FFFFL);
            }
            final int[] outPre = new int[n];
            final int[] outPost = new int[n];
            final float[] outWeight = new float[n];
            for (int r = 0; r < rows; r++)
            {
                Arrays.sort(packed, start[r], start[r + 1]);
                for (int k = start[r]; k < start[r + 1]; k++)
                {
                    outPre[k] = r;
                    outPost[k] = (int)(packed[k] >>> 32);
                    outWeight[k] = Float.intBitsToFloat((int)packed[k]);
                }
            }
            return new Lowered(outPre, outPost, outWeight);
        }
    }
}
