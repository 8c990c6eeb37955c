package org.chipsim.compiler;

import java.util.HashMap;
import java.util.Map;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.proto.v1.CoreLearnedState;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearnedTraces;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;

/**
 * Compiles the learned state a model carries (theta_init, learned_traces, tag_init, pre_activity_init,
 * RunConfig.learning_draws / hybrid_draws; what {@code --save-model} writes) into each core's initial_state, in the
 * core's fixed point. A model without any of it compiles exactly as before.
 */
final class LearnedStateCompiler
{
    private static final double ONE_Q16 = 65536.0;

    private final Network network;
    private final NetworkIndex index;
    private final RunConfig run;
    private final int cores;
    /** Per rstdp projection with tag_init and a sparse encoding: synapse index by (pre << 32 | post). */
    private final Map<Integer, Map<Long, Integer>> synapseIndex = new HashMap<>();

    LearnedStateCompiler(final Model model, final NetworkIndex index, final int cores)
    {
        this.network = model.getNetwork();
        this.index = index;
        this.run = model.getRun();
        this.cores = cores;
    }

    /** True when the model carries any learned state to load. */
    boolean any()
    {
        if (run.getLearningDrawsCount() > 0 || run.getHybridDrawsCount() > 0)
        {
            return true;
        }
        for (final Population p : network.getPopulationsList())
        {
            if (p.getLif().getHomeostasis().getThetaInitCount() > 0)
            {
                return true;
            }
        }
        for (final Projection j : network.getProjectionsList())
        {
            final Plasticity pl = j.getPlasticity();
            if (pl.hasLearnedTraces() || pl.getRstdp().getTagInitCount() > 0 ||
                pl.getHybridGl().getPreActivityInitCount() > 0)
            {
                return true;
            }
        }
        return false;
    }

    /** The core (number {@code k} in program order) with its initial learned state. */
    CoreProgram add(final CoreProgram core, final int k, final double scale)
    {
        final CoreLearnedState.Builder s = CoreLearnedState.newBuilder();
        final int axons = core.getAxonCount();
        final int neurons = core.getNeuronCount();
        final boolean soma = core.getRole() == CoreRole.CORE_ROLE_SOMA;
        final Population population = network.getPopulations(core.getPopulation());
        final var theta = population.getLif().getHomeostasis().getThetaInitList();
        if (soma && core.getNeuron().getAdaptiveThreshold() && !theta.isEmpty())
        {
            for (int n = 0; n < neurons; n++)
            {
                s.addThetaQ16(Math.round(theta.get(core.getNeuronOffset() + n) / scale * ONE_Q16));
            }
        }
        if (core.getAxonRuleCount() > 0)
        {
            addTraces(core, s);
            if (core.getLearningRulesList().stream().anyMatch(org.chipsim.proto.v1.LearningRule::getRstdp))
            {
                addTags(core, s, scale);
            }
            if (run.getLearningDrawsCount() == cores)
            {
                s.setLearnDraws(run.getLearningDraws(k));
            }
        }
        if (core.getAxonHybridCount() > 0)
        {
            boolean any = false;
            final int[] sbar = new int[axons];
            for (int a = 0; a < axons; a++)
            {
                final var init = network.getProjections(core.getAxonProjection(a)).getPlasticity().getHybridGl()
                    .getPreActivityInitList();
                if (core.getAxonHybrid(a) != 0 && !init.isEmpty())
                {
                    sbar[a] = (int)Math.round(init.get(core.getAxonSourceNeuron(a)) * ONE_Q16);
                    any = true;
                }
            }
            if (any)
            {
                for (final int v : sbar)
                {
                    s.addPreActivityQ16(v);
                }
            }
            if (run.getHybridDrawsCount() == cores)
            {
                s.setHybridDraws(run.getHybridDraws(k));
            }
        }
        final CoreLearnedState state = s.build();
        return state.equals(CoreLearnedState.getDefaultInstance()) ? core :
            core.toBuilder().setInitialState(state).build();
    }

    private void addTraces(final CoreProgram core, final CoreLearnedState.Builder s)
    {
        final int axons = core.getAxonCount();
        final int neurons = core.getNeuronCount();
        LearnedTraces post = null;
        boolean anyPre = false;
        final int[] pre = new int[axons];
        final int[] pre2 = new int[axons];
        for (int a = 0; a < axons; a++)
        {
            if (core.getAxonRule(a) == 0)
            {
                continue;
            }
            final Plasticity plasticity = network.getProjections(core.getAxonProjection(a)).getPlasticity();
            if (!plasticity.hasLearnedTraces())
            {
                continue;
            }
            final LearnedTraces t = plasticity.getLearnedTraces();
            final int source = core.getAxonSourceNeuron(a);
            if (t.getPreCount() > 0)
            {
                pre[a] = q16(t.getPre(source));
                anyPre = true;
            }
            if (t.getPre2Count() > 0)
            {
                pre2[a] = q16(t.getPre2(source));
                anyPre = true;
            }
            if (post == null && (t.getPostCount() > 0 || t.getPost2Count() > 0))
            {
                post = t;
            }
        }
        if (anyPre)
        {
            for (int a = 0; a < axons; a++)
            {
                s.addPreTraceQ16(pre[a]);
                s.addPreTrace2Q16(pre2[a]);
            }
        }
        if (post != null)
        {
            for (int n = 0; n < neurons; n++)
            {
                final int target = core.getNeuronOffset() + n;
                s.addPostTraceQ16(post.getPostCount() == 0 ? 0 : q16(post.getPost(target)));
                s.addPostTrace2Q16(post.getPost2Count() == 0 ? 0 : q16(post.getPost2(target)));
            }
        }
    }

    private void addTags(final CoreProgram core, final CoreLearnedState.Builder s, final double scale)
    {
        final int axons = core.getAxonCount();
        final int neurons = core.getNeuronCount();
        final int[] tags = new int[axons * neurons];
        boolean any = false;
        for (int a = 0; a < axons; a++)
        {
            final int j = core.getAxonProjection(a);
            final Projection projection = network.getProjections(j);
            final var init = projection.getPlasticity().getRstdp().getTagInitList();
            if (core.getAxonRule(a) == 0 || init.isEmpty())
            {
                continue;
            }
            any = true;
            final int source = core.getAxonSourceNeuron(a);
            final int cols = index.size(index.indexOf(projection.getTarget()));
            for (int n = 0; n < neurons; n++)
            {
                final int target = core.getNeuronOffset() + n;
                final Integer synapse = projection.getWeightsCount() > 0 ? Integer.valueOf(source * cols + target) :
                    sparseIndex(j, projection).get((long)source << 32 | target);
                if (synapse != null)
                {
                    final double steps = init.get(synapse) / scale * ONE_Q16;
                    tags[a * neurons + n] = (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        Math.round(steps)));
                }
            }
        }
        if (any)
        {
            for (final int t : tags)
            {
                s.addTagQ16(t);
            }
        }
    }

    private Map<Long, Integer> sparseIndex(final int j, final Projection projection)
    {
        return synapseIndex.computeIfAbsent(j, key -> {
            final SynapseView view = new SynapseView(projection, index.size(index.indexOf(projection.getTarget())));
            final Map<Long, Integer> map = new HashMap<>();
            for (int k = 0; k < view.size(); k++)
            {
                map.put((long)view.pre(k) << 32 | view.post(k), k);
            }
            return map;
        });
    }

    private static int q16(final double value)
    {
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(value * ONE_Q16)));
    }
}
