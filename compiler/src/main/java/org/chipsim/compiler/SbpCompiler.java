package org.chipsim.compiler;

import java.util.List;

import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Sbp;

/**
 * Self-backpropagation (model.proto Sbp) in the program: the SBP parameters of a learning rule, and the reverse routes
 * of SBP rows. A row of an SBP projection whose source neuron k belongs to a population with SBP inputs of its own
 * gets a reverse route to the soma core holding k (and k's index in that core); the core sends its SBP packet there
 * at the end of every learning epoch. Rows from input populations, or from neurons whose inputs do not learn by SBP,
 * get none.
 */
final class SbpCompiler
{
    /** Defaults of the authors' code (Zhang et al. 2021): f, r and lambda when the model leaves them unset. */
    static final float DEFAULT_F = 0.2f;
    static final float DEFAULT_R = 0.1f;
    static final float DEFAULT_LAMBDA = 1.0f;

    private final Network network;
    private final NetworkIndex index;
    /** Per population with SBP inputs: the soma core holding each neuron (else null). */
    private final int[][] coreOfNeuron;
    private final int[][] localOfNeuron;
    private final boolean any;

    SbpCompiler(final Network network, final NetworkIndex index, final List<Tile> tiles)
    {
        this.network = network;
        this.index = index;
        this.coreOfNeuron = new int[index.populationCount()][];
        this.localOfNeuron = new int[index.populationCount()][];
        boolean anySbp = false;
        for (final Projection projection : network.getProjectionsList())
        {
            if (isSbp(projection))
            {
                anySbp = true;
                final int target = index.indexOf(projection.getTarget());
                if (coreOfNeuron[target] == null)
                {
                    coreOfNeuron[target] = new int[index.size(target)];
                    localOfNeuron[target] = new int[index.size(target)];
                }
            }
        }
        this.any = anySbp;
        for (final Tile tile : tiles)
        {
            if (tile.role == CoreRole.CORE_ROLE_SOMA && coreOfNeuron[tile.population] != null)
            {
                for (int n = 0; n < tile.neuronCount; n++)
                {
                    coreOfNeuron[tile.population][tile.neuronOffset + n] = tile.coreId;
                    localOfNeuron[tile.population][tile.neuronOffset + n] = n;
                }
            }
        }
    }

    static boolean isSbp(final Projection projection)
    {
        return projection.hasPlasticity() && projection.getPlasticity().hasSbp();
    }

    /** The SBP fields of a compiled rule (unchanged when the projection has no SBP). */
    static LearningRule.Builder addTo(final LearningRule.Builder rule, final Plasticity plasticity)
    {
        if (!plasticity.hasSbp())
        {
            return rule;
        }
        final Sbp sbp = plasticity.getSbp();
        final double f = sbp.hasF() ? sbp.getF() : DEFAULT_F;
        final double lambda = sbp.hasLambda() ? sbp.getLambda() : DEFAULT_LAMBDA;
        return rule.setSbp(true)
            .setSbpEpochTicks(sbp.getEpochTicks())
            .setSbpLambdaFQ16((int)Math.round(lambda * f * 65536))
            .setSbpR(sbp.hasR() ? sbp.getR() : DEFAULT_R);
    }

    /** The core with the reverse routes of its SBP rows (unchanged when it has none). */
    CoreProgram addRoutes(final CoreProgram core)
    {
        if (!any || core.getAxonRuleCount() == 0)
        {
            return core;
        }
        final int axons = core.getAxonCount();
        final int[] routeCore = new int[axons];
        final int[] routeNeuron = new int[axons];
        boolean routed = false;
        for (int a = 0; a < axons; a++)
        {
            routeCore[a] = -1;
            final Projection projection = network.getProjections(core.getAxonProjection(a));
            final int source = index.indexOf(projection.getSource());
            if (core.getAxonRule(a) != 0 && isSbp(projection) && coreOfNeuron[source] != null)
            {
                final int k = core.getAxonSourceNeuron(a);
                routeCore[a] = coreOfNeuron[source][k];
                routeNeuron[a] = localOfNeuron[source][k];
                routed = true;
            }
        }
        if (!routed)
        {
            return core;
        }
        final CoreProgram.Builder builder = core.toBuilder();
        for (int a = 0; a < axons; a++)
        {
            builder.addSbpRouteCore(routeCore[a]).addSbpRouteNeuron(routeNeuron[a]);
        }
        return builder.build();
    }
}
