package org.chipsim.core;

import org.chipsim.core.layers.Layers;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.SparseWeights;

/**
 * Uniform read access to a projection's synapses, whichever encoding it uses (dense matrix, synapse list, packed
 * sparse arrays, or a layer: conv2d, pooling, flatten): synapse k is {@code pre(k) -> post(k)} with {@code weight(k)}.
 * Dense matrices include their zero entries; callers skip zeros where "no synapse" matters.
 *
 * <p>A layer is lowered to its explicit synapses ({@link Layers#lower}, sorted by pre then post, no zeros) the first
 * time the view is read, so every consumer (validator, quantization, reference simulator, partitioner) sees the same
 * synapses and the reference simulator and the chip agree by construction.
 */
public final class SynapseView
{
    private enum Encoding
    {
        DENSE,
        LIST,
        SPARSE,
        LAYER
    }

    private final Projection projection;
    private final SparseWeights sparse;
    private final Encoding encoding;
    private final int cols;
    private final long sourceSize;
    private long size;
    private Layers.Lowered lowered;

    /**
     * A view of a projection into a population of {@code targetSize} neurons. For a layer whose input channels follow
     * from the source size, prefer {@link #SynapseView(Projection, int, int)}; this one derives them from the layer's
     * weights or output size, which is the same for a valid model.
     */
    public SynapseView(final Projection projection, final int targetSize)
    {
        this(projection, -1L, targetSize);
    }

    /** A view of a projection from a population of {@code sourceSize} to one of {@code targetSize} neurons. */
    public SynapseView(final Projection projection, final int sourceSize, final int targetSize)
    {
        this(projection, Integer.toUnsignedLong(sourceSize), targetSize);
    }

    private SynapseView(final Projection projection, final long sourceSize, final int targetSize)
    {
        this.projection = projection;
        this.sparse = projection.getSparse();
        this.cols = targetSize;
        this.sourceSize = sourceSize;
        if (Layers.isLayer(projection))
        {
            encoding = Encoding.LAYER;
            size = -1;
        }
        else if (projection.getWeightsCount() > 0)
        {
            encoding = Encoding.DENSE;
            size = projection.getWeightsCount();
        }
        else if (projection.getSynapsesCount() > 0)
        {
            encoding = Encoding.LIST;
            size = projection.getSynapsesCount();
        }
        else
        {
            encoding = Encoding.SPARSE;
            size = sparse.getPreCount();
        }
    }

    /** Number of synapses (dense: every matrix entry; a layer: its non-zero lowered synapses). */
    public long size()
    {
        if (encoding == Encoding.LAYER)
        {
            return lowered().size();
        }
        return size;
    }

    public boolean isDense()
    {
        return encoding == Encoding.DENSE;
    }

    /** True when the projection is a layer (conv2d, pooling, flatten), read through its lowering. */
    public boolean isLayer()
    {
        return encoding == Encoding.LAYER;
    }

    public int pre(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> k / cols;
            case LIST -> projection.getSynapses(k).getPre();
            case SPARSE -> sparse.getPre(k);
            case LAYER -> lowered().pre()[k];
        };
    }

    public int post(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> k % cols;
            case LIST -> projection.getSynapses(k).getPost();
            case SPARSE -> sparse.getPost(k);
            case LAYER -> lowered().post()[k];
        };
    }

    public float weight(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> projection.getWeights(k);
            case LIST -> projection.getSynapses(k).getWeight();
            case SPARSE -> sparse.getWeight(k);
            case LAYER -> lowered().weight()[k];
        };
    }

    private Layers.Lowered lowered()
    {
        if (lowered == null)
        {
            final Layers.Geometry g = Layers.geometry("projection '" + ModelValidator.projectionName(projection) + "'",
                projection, sourceSize, Integer.toUnsignedLong(cols));
            lowered = Layers.lower(projection, g);
        }
        return lowered;
    }

    /** How many of the encodings carry data (a valid projection uses at most one; a layer counts as one). */
    public static int encodingsUsed(final Projection projection)
    {
        final SparseWeights s = projection.getSparse();
        return (projection.getWeightsCount() > 0 ? 1 : 0) + (projection.getSynapsesCount() > 0 ? 1 : 0) +
            (s.getPreCount() > 0 || s.getPostCount() > 0 || s.getWeightCount() > 0 ? 1 : 0) +
            (Layers.isLayer(projection) ? 1 : 0);
    }
}
