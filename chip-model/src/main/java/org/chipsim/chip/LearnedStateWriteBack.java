package org.chipsim.chip;

import java.util.Arrays;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreLearnedState;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearnedTraces;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;

/**
 * Writes a run's learned state besides the weights into its model: theta per neuron (Homeostasis.theta_init), the
 * STDP traces (Plasticity.learned_traces), the R-STDP tags (Rstdp.tag_init), hybrid sbar (HybridGl.pre_activity_init)
 * and each core's draw counts (RunConfig.learning_draws / hybrid_draws). Values are the chip's fixed-point integers
 * as doubles (exact), so the saved model compiles back to the same integers.
 */
final class LearnedStateWriteBack
{
    private static final double ONE_Q16 = 65536.0;

    private LearnedStateWriteBack()
    {
    }

    static void apply(final Model.Builder model, final RunResult result)
    {
        final ChipProgram program = result.program();
        final NetworkIndex index = new NetworkIndex(model.getNetwork());
        final int projections = model.getNetwork().getProjectionsCount();
        final double[][] theta = new double[index.populationCount()][];
        final double[][][] traces = new double[projections][][];
        final double[][] tags = new double[projections][];
        final double[][] sbar = new double[projections][];
        final long[] learnDraws = new long[result.coreCount()];
        final long[] hybridDraws = new long[result.coreCount()];
        boolean anyLearning = false;
        boolean anyHybrid = false;
        for (int k = 0; k < result.coreCount(); k++)
        {
            final CoreLearnedState s = result.learnedState(k);
            if (s == null)
            {
                continue;
            }
            final CoreProgram core = program.getCores(k);
            final int p = core.getPopulation();
            final double scale = program.getPopulations(p).getWeightScale();
            final int neurons = core.getNeuronCount();
            if (s.getThetaQ16Count() > 0)
            {
                theta[p] = theta[p] == null ? new double[index.size(p)] : theta[p];
                for (int n = 0; n < neurons; n++)
                {
                    theta[p][core.getNeuronOffset() + n] = s.getThetaQ16(n) / ONE_Q16 * scale;
                }
            }
            if (core.getAxonRuleCount() > 0)
            {
                anyLearning = true;
                learnDraws[k] = s.getLearnDraws();
                for (int a = 0; a < core.getAxonCount(); a++)
                {
                    if (core.getAxonRule(a) == 0)
                    {
                        continue;
                    }
                    final int j = core.getAxonProjection(a);
                    final Projection projection = model.getNetwork().getProjections(j);
                    final int rows = index.size(index.indexOf(projection.getSource()));
                    final int cols = index.size(index.indexOf(projection.getTarget()));
                    if (traces[j] == null)
                    {
                        traces[j] = new double[][] {new double[rows], new double[rows], new double[cols],
                            new double[cols]};
                    }
                    final int source = core.getAxonSourceNeuron(a);
                    traces[j][0][source] = s.getPreTraceQ16(a) / ONE_Q16;
                    traces[j][1][source] = s.getPreTrace2Q16(a) / ONE_Q16;
                    for (int n = 0; n < neurons; n++)
                    {
                        traces[j][2][core.getNeuronOffset() + n] = s.getPostTraceQ16(n) / ONE_Q16;
                        traces[j][3][core.getNeuronOffset() + n] = s.getPostTrace2Q16(n) / ONE_Q16;
                    }
                    if (s.getTagQ16Count() > 0 && projection.getPlasticity().hasRstdp())
                    {
                        if (tags[j] == null)
                        {
                            tags[j] = new double[rows * cols];
                            Arrays.fill(tags[j], Double.NaN);
                        }
                        for (int n = 0; n < neurons; n++)
                        {
                            tags[j][source * cols + core.getNeuronOffset() + n] =
                                s.getTagQ16(a * neurons + n) / ONE_Q16 * scale;
                        }
                    }
                }
            }
            if (core.getAxonHybridCount() > 0)
            {
                anyHybrid = true;
                hybridDraws[k] = s.getHybridDraws();
                for (int a = 0; a < core.getAxonCount(); a++)
                {
                    if (core.getAxonHybrid(a) != 0)
                    {
                        final int j = core.getAxonProjection(a);
                        sbar[j] = sbar[j] == null ?
                            new double[index.size(index.indexOf(model.getNetwork().getProjections(j).getSource()))] :
                            sbar[j];
                        sbar[j][core.getAxonSourceNeuron(a)] = s.getPreActivityQ16(a) / ONE_Q16;
                    }
                }
            }
        }
        for (int p = 0; p < theta.length; p++)
        {
            if (theta[p] != null)
            {
                model.getNetworkBuilder().getPopulationsBuilder(p).setWeightScale(program.getPopulations(p).getWeightScale())
                    .getLifBuilder().getHomeostasisBuilder().clearThetaInit()
                    .addAllThetaInit(Arrays.stream(theta[p]).boxed().toList());
            }
        }
        for (int j = 0; j < projections; j++)
        {
            if (traces[j] == null && tags[j] == null && sbar[j] == null)
            {
                continue;
            }
            final Projection.Builder projection = model.getNetworkBuilder().getProjectionsBuilder(j);
            final Plasticity.Builder plasticity = projection.getPlasticityBuilder();
            if (traces[j] != null)
            {
                plasticity.setLearnedTraces(LearnedTraces.newBuilder()
                    .addAllPre(Arrays.stream(traces[j][0]).boxed().toList())
                    .addAllPre2(Arrays.stream(traces[j][1]).boxed().toList())
                    .addAllPost(Arrays.stream(traces[j][2]).boxed().toList())
                    .addAllPost2(Arrays.stream(traces[j][3]).boxed().toList()));
            }
            if (tags[j] != null)
            {
                final int target = index.indexOf(projection.getTarget());
                final SynapseView view = new SynapseView(projection.build(), index.size(target));
                final int cols = index.size(target);
                final var rstdp = plasticity.getRstdpBuilder();
                final double[] old = rstdp.getTagInitList().stream().mapToDouble(Double::doubleValue).toArray();
                rstdp.clearTagInit();
                for (int k = 0; k < view.size(); k++)
                {
                    final double tag = tags[j][view.pre(k) * cols + view.post(k)];
                    rstdp.addTagInit(Double.isNaN(tag) ? old.length == 0 ? 0 : old[k] : tag);
                }
            }
            if (sbar[j] != null)
            {
                plasticity.getHybridGlBuilder().clearPreActivityInit()
                    .addAllPreActivityInit(Arrays.stream(sbar[j]).boxed().toList());
            }
        }
        final RunConfig.Builder run = model.getRunBuilder();
        if (anyLearning)
        {
            run.clearLearningDraws().addAllLearningDraws(Arrays.stream(learnDraws).boxed().toList());
        }
        if (anyHybrid)
        {
            run.clearHybridDraws().addAllHybridDraws(Arrays.stream(hybridDraws).boxed().toList());
        }
    }
}
