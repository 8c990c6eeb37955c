package org.chipsim.core.reference;

import org.chipsim.core.SynapseView;

/**
 * The non-zero synapses of one projection grouped by source neuron (CSR): synapses {@code start[i] .. start[i + 1] - 1}
 * leave source neuron {@code i}, to {@code post[k]} with {@code weight[k]}, in the projection's own order within a
 * row. Both reference simulators (spiking and ANN) walk their projections this way.
 */
record SynapsesByPre(int[] start, int[] post, float[] weight)
{
    static SynapsesByPre of(final SynapseView view, final int rows)
    {
        final int[] start = new int[rows + 1];
        int count = 0;
        for (int k = 0; k < view.size(); k++)
        {
            if (view.weight(k) != 0f)
            {
                start[view.pre(k) + 1]++;
                count++;
            }
        }
        for (int i = 0; i < rows; i++)
        {
            start[i + 1] += start[i];
        }
        final int[] post = new int[count];
        final float[] weight = new float[count];
        final int[] cursor = start.clone();
        for (int k = 0; k < view.size(); k++)
        {
            final float w = view.weight(k);
            if (w != 0f)
            {
                final int at = cursor[view.pre(k)]++;
                post[at] = view.post(k);
                weight[at] = w;
            }
        }
        return new SynapsesByPre(start, post, weight);
    }

    int count()
    {
        return post.length;
    }
}
