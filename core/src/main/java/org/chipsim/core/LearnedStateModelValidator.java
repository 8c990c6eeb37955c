package org.chipsim.core;

import java.util.List;

import org.chipsim.proto.v1.LearnedTraces;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;

/**
 * Checks the learned state a model carries (what --save-model writes): theta_init, learned_traces, tag_init and
 * pre_activity_init have none or exactly one finite value per neuron or synapse, and none is negative where the chip
 * cannot hold it. Runs after the projections were validated (so synapse counts are known to be sane).
 */
final class LearnedStateModelValidator
{
    private LearnedStateModelValidator()
    {
    }

    static void validate(final Network network, final NetworkIndex index)
    {
        for (final Population population : network.getPopulationsList())
        {
            final List<Double> theta = population.getLif().getHomeostasis().getThetaInitList();
            final String where = "population '" + population.getName() + "': lif.homeostasis.theta_init";
            if (!theta.isEmpty() && !population.getLif().hasHomeostasis())
            {
                throw new ModelException(where + " is given without homeostasis");
            }
            values(where, theta, population.getSize(), 0, Double.MAX_VALUE);
        }
        for (final Projection projection : network.getProjectionsList())
        {
            if (!projection.hasPlasticity())
            {
                continue;
            }
            final String where = "projection '" + ModelValidator.projectionName(projection) + "': plasticity";
            final long rows = index.size(index.indexOf(projection.getSource()));
            final long cols = index.size(index.indexOf(projection.getTarget()));
            final LearnedTraces t = projection.getPlasticity().getLearnedTraces();
            values(where + ".learned_traces.pre", t.getPreList(), rows, 0, Integer.MAX_VALUE / 65536.0);
            values(where + ".learned_traces.pre2", t.getPre2List(), rows, 0, Integer.MAX_VALUE / 65536.0);
            values(where + ".learned_traces.post", t.getPostList(), cols, 0, Integer.MAX_VALUE / 65536.0);
            values(where + ".learned_traces.post2", t.getPost2List(), cols, 0, Integer.MAX_VALUE / 65536.0);
            final long synapses = projection.getWeightsCount() > 0 ? rows * cols :
                projection.getSynapsesCount() + projection.getSparse().getPreCount();
            values(where + ".rstdp.tag_init", projection.getPlasticity().getRstdp().getTagInitList(), synapses,
                -Double.MAX_VALUE, Double.MAX_VALUE);
            values(where + ".hybrid_gl.pre_activity_init",
                projection.getPlasticity().getHybridGl().getPreActivityInitList(), rows, 0, 1);
        }
    }

    private static void values(final String where, final List<Double> values, final long expected, final double min,
        final double max)
    {
        if (values.isEmpty())
        {
            return;
        }
        if (values.size() != expected)
        {
            throw new ModelException(where + " has " + values.size() + " values, expected none or " + expected);
        }
        for (int k = 0; k < values.size(); k++)
        {
            final double v = values.get(k);
            if (!(v >= min && v <= max))
            {
                throw new ModelException(where + "[" + k + "] is " + v + "; it must be in [" + min + ", " + max + "]");
            }
        }
    }
}
