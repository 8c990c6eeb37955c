package org.chipsim.compiler;

import org.chipsim.core.neuron.FixedPointLif;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ShortTermPlasticity;
import org.chipsim.proto.v1.StpRule;

/**
 * Compiles the projections' short-term plasticity into the cores that hold their rows: a rule table in fixed point
 * and the rule of each axon. Works on soma and partial-sum cores alike (the state is per axon; every core holding a
 * row of the same source neuron sees the same spikes and so keeps the same state).
 */
final class StpCompiler
{
    private final Network network;

    StpCompiler(final Network network)
    {
        this.network = network;
    }

    boolean any()
    {
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.hasStp())
            {
                return true;
            }
        }
        return false;
    }

    /** The core with its STP rows added (unchanged when none of its rows has STP). */
    CoreProgram addStp(final CoreProgram core)
    {
        final int axons = core.getAxonCount();
        final int[] ruleOfProjection = new int[network.getProjectionsCount()];
        final int[] axonRule = new int[axons];
        CoreProgram.Builder builder = null;
        for (int a = 0; a < axons; a++)
        {
            final int j = core.getAxonProjection(a);
            final Projection projection = network.getProjections(j);
            if (!projection.hasStp())
            {
                continue;
            }
            if (builder == null)
            {
                builder = core.toBuilder();
            }
            if (ruleOfProjection[j] == 0)
            {
                final ShortTermPlasticity stp = projection.getStp();
                builder.addStpRules(StpRule.newBuilder()
                    .setUQ16((int)Math.round(stp.getU() * FixedPointLif.DECAY_ONE_Q16))
                    .setTauFTicks(stp.getTauFTicks())
                    .setTauDTicks(stp.getTauDTicks()));
                ruleOfProjection[j] = builder.getStpRulesCount();
            }
            axonRule[a] = ruleOfProjection[j];
        }
        if (builder == null)
        {
            return core;
        }
        for (final int r : axonRule)
        {
            builder.addAxonStp(r);
        }
        return builder.build();
    }
}
