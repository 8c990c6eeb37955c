package org.chipsim.chip;

import org.chipsim.core.ModelException;
import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.Synapse;

/**
 * Writes the weights a run learned back into its model: every learning projection's weights become the learned
 * integers times the target population's scale, in the projection's own encoding (dense, list or packed sparse; the
 * set of synapses does not change), and every population that received learned weights gets that scale as its
 * {@code weight_scale}, so the saved model compiles back to exactly the learned integers. The hybrid local weights
 * ({@link HybridWriteBack}) and the rest of the learned state ({@link LearnedStateWriteBack}: theta, traces, tags, draw
 * counts) go with them.
 */
public final class LearnedModel
{
    private LearnedModel()
    {
    }

    public static Model apply(final Model model, final RunResult result)
    {
        final ChipProgram program = result.program();
        final Network network = model.getNetwork();
        final NetworkIndex index = new NetworkIndex(network);
        if (network.getPopulationsCount() != program.getPopulationsCount())
        {
            throw new ModelException("the model does not match the program that ran (population counts differ)");
        }
        // learned[j]: dense weights of projection j (source x target), NaN where this run left them unknown
        final float[][] learned = new float[network.getProjectionsCount()][];
        for (int k = 0; k < result.coreCount(); k++)
        {
            final int[] weights = result.learnedWeights(k);
            if (weights == null || program.getCores(k).getAxonRuleCount() == 0)
            {
                continue;
            }
            final CoreProgram core = program.getCores(k);
            final double scale = program.getPopulations(core.getPopulation()).getWeightScale();
            for (int a = 0; a < core.getAxonCount(); a++)
            {
                if (core.getAxonRule(a) == 0)
                {
                    continue;
                }
                final int j = core.getAxonProjection(a);
                final Projection projection = network.getProjections(j);
                final int cols = index.size(index.indexOf(projection.getTarget()));
                if (learned[j] == null)
                {
                    learned[j] = new float[index.size(index.indexOf(projection.getSource())) * cols];
                    java.util.Arrays.fill(learned[j], Float.NaN);
                }
                final int pre = core.getAxonSourceNeuron(a);
                for (int n = 0; n < core.getNeuronCount(); n++)
                {
                    learned[j][pre * cols + core.getNeuronOffset() + n] =
                        (float)(weights[a * core.getNeuronCount() + n] * scale);
                }
            }
        }
        final Model.Builder updated = model.toBuilder();
        for (int j = 0; j < learned.length; j++)
        {
            if (learned[j] == null)
            {
                continue;
            }
            final Projection.Builder projection = updated.getNetworkBuilder().getProjectionsBuilder(j);
            final int cols = index.size(index.indexOf(projection.getTarget()));
            if (projection.getWeightsCount() > 0)
            {
                for (int i = 0; i < projection.getWeightsCount(); i++)
                {
                    if (!Float.isNaN(learned[j][i]))
                    {
                        projection.setWeights(i, learned[j][i]);
                    }
                }
            }
            else if (projection.getSynapsesCount() > 0)
            {
                for (int i = 0; i < projection.getSynapsesCount(); i++)
                {
                    final Synapse s = projection.getSynapses(i);
                    final float w = learned[j][s.getPre() * cols + s.getPost()];
                    if (!Float.isNaN(w))
                    {
                        projection.setSynapses(i, s.toBuilder().setWeight(w));
                    }
                }
            }
            else
            {
                final SparseWeights.Builder sparse = projection.getSparseBuilder();
                for (int i = 0; i < sparse.getPreCount(); i++)
                {
                    final float w = learned[j][sparse.getPre(i) * cols + sparse.getPost(i)];
                    if (!Float.isNaN(w))
                    {
                        sparse.setWeight(i, w);
                    }
                }
            }
            final int target = index.indexOf(projection.getTarget());
            updated.getNetworkBuilder().getPopulationsBuilder(target)
                .setWeightScale(program.getPopulations(target).getWeightScale());
        }
        HybridWriteBack.apply(updated, result);
        LearnedStateWriteBack.apply(updated, result);
        return updated.build();
    }
}
