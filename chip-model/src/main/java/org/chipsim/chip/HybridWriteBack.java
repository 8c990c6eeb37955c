package org.chipsim.chip;

import java.util.Arrays;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Projection;

/**
 * Writes the local weights P a run learned into its model's HybridGl.p_init (current units, the projection's synapse
 * order), and the target population's weight_scale, so the saved model compiles back to exactly the same W and P.
 */
final class HybridWriteBack
{
    private HybridWriteBack()
    {
    }

    static void apply(final Model.Builder model, final RunResult result)
    {
        final ChipProgram program = result.program();
        final NetworkIndex index = new NetworkIndex(model.getNetwork());
        final int projections = model.getNetwork().getProjectionsCount();
        // learned[j]: P of projection j as a dense source x target matrix (current units), NaN where unknown
        final float[][] learned = new float[projections][];
        for (int k = 0; k < result.coreCount(); k++)
        {
            final short[] p = result.localWeights(k);
            if (p == null)
            {
                continue;
            }
            final CoreProgram core = program.getCores(k);
            final double scale = program.getPopulations(core.getPopulation()).getWeightScale();
            for (int a = 0; a < core.getAxonCount(); a++)
            {
                if (core.getAxonHybrid(a) == 0)
                {
                    continue;
                }
                final int j = core.getAxonProjection(a);
                final Projection projection = model.getNetwork().getProjections(j);
                final int cols = index.size(index.indexOf(projection.getTarget()));
                if (learned[j] == null)
                {
                    learned[j] = new float[index.size(index.indexOf(projection.getSource())) * cols];
                    Arrays.fill(learned[j], Float.NaN);
                }
                final int pre = core.getAxonSourceNeuron(a);
                for (int n = 0; n < core.getNeuronCount(); n++)
                {
                    learned[j][pre * cols + core.getNeuronOffset() + n] =
                        (float)(p[a * core.getNeuronCount() + n] * scale / 256);
                }
            }
        }
        for (int j = 0; j < projections; j++)
        {
            if (learned[j] == null)
            {
                continue;
            }
            final Projection.Builder projection = model.getNetworkBuilder().getProjectionsBuilder(j);
            final int target = index.indexOf(projection.getTarget());
            final SynapseView view = new SynapseView(projection.build(), index.size(target));
            final int cols = index.size(target);
            final HybridGl.Builder hybrid = projection.getPlasticityBuilder().getHybridGlBuilder();
            final float[] old = hybrid.getPInitList().isEmpty() ? null : toArray(hybrid);
            hybrid.clearPInit();
            for (int k = 0; k < view.size(); k++)
            {
                final float p = learned[j][view.pre(k) * cols + view.post(k)];
                hybrid.addPInit(Float.isNaN(p) ? old == null ? 0f : old[k] : p);
            }
            model.getNetworkBuilder().getPopulationsBuilder(target)
                .setWeightScale(program.getPopulations(target).getWeightScale());
        }
    }

    private static float[] toArray(final HybridGl.Builder hybrid)
    {
        final float[] values = new float[hybrid.getPInitCount()];
        for (int k = 0; k < values.length; k++)
        {
            values[k] = hybrid.getPInit(k);
        }
        return values;
    }
}
