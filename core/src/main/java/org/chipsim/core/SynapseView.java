package org.chipsim.core;

import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.SparseWeights;

/**
 * Uniform read access to a projection's synapses, whichever of its three encodings it uses (dense matrix, synapse
 * list, packed sparse arrays): synapse k is {@code pre(k) -> post(k)} with {@code weight(k)}. Dense matrices include
 * their zero entries; callers skip zeros where "no synapse" matters.
 */
public final class SynapseView
{
    private enum Encoding
    {
        DENSE,
        LIST,
        SPARSE
    }

    private final Projection projection;
    private final SparseWeights sparse;
    private final Encoding encoding;
    private final int cols;
    private final long size;

    public SynapseView(final Projection projection, final int targetSize)
    {
        this.projection = projection;
        this.sparse = projection.getSparse();
        this.cols = targetSize;
        if (projection.getWeightsCount() > 0)
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

    /** Number of synapses (dense: every matrix entry). */
    public long size()
    {
        return size;
    }

    public boolean isDense()
    {
        return encoding == Encoding.DENSE;
    }

    public int pre(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> k / cols;
            case LIST -> projection.getSynapses(k).getPre();
            case SPARSE -> sparse.getPre(k);
        };
    }

    public int post(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> k % cols;
            case LIST -> projection.getSynapses(k).getPost();
            case SPARSE -> sparse.getPost(k);
        };
    }

    public float weight(final int k)
    {
        return switch (encoding)
        {
            case DENSE -> projection.getWeights(k);
            case LIST -> projection.getSynapses(k).getWeight();
            case SPARSE -> sparse.getWeight(k);
        };
    }

    /** How many of the three encodings carry data (a valid projection uses at most one). */
    public static int encodingsUsed(final Projection projection)
    {
        final SparseWeights s = projection.getSparse();
        return (projection.getWeightsCount() > 0 ? 1 : 0) + (projection.getSynapsesCount() > 0 ? 1 : 0) +
            (s.getPreCount() > 0 || s.getPostCount() > 0 || s.getWeightCount() > 0 ? 1 : 0);
    }
}
