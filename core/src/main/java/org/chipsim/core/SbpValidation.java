package org.chipsim.core;

import java.util.Map;

import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Sbp;

/** Validation of self-backpropagation (model.proto Sbp) in models and of its tables in programs. */
public final class SbpValidation
{
    /** Largest lambda * f accepted (the compiled factor is a 32-bit Q16 number). */
    static final double MAX_LAMBDA_F = 1000.0;

    private SbpValidation()
    {
    }

    /** One projection's Sbp: a base rule it can compose with, an epoch, and parameters in range. */
    static void validate(final String at, final Plasticity plasticity)
    {
        if (!plasticity.hasSbp())
        {
            return;
        }
        if (plasticity.hasRstdp())
        {
            throw new ModelException(at + ": sbp composes with stdp_pair or stdp_triplet, not with rstdp (a " +
                "reward-modulated change has no epoch to hold it pending in)");
        }
        final Sbp sbp = plasticity.getSbp();
        if (sbp.getEpochTicks() < 1)
        {
            throw new ModelException(at + ": sbp.epoch_ticks must be >= 1, got " +
                Integer.toUnsignedString(sbp.getEpochTicks()));
        }
        final float f = sbp.hasF() ? sbp.getF() : 0.2f;
        final float r = sbp.hasR() ? sbp.getR() : 0.1f;
        final float lambda = sbp.hasLambda() ? sbp.getLambda() : 1f;
        if (!Float.isFinite(f) || f < 0 || !Float.isFinite(lambda) || lambda < 0 || (double)f * lambda > MAX_LAMBDA_F)
        {
            throw new ModelException(at + ": sbp.f and sbp.lambda must be finite, >= 0 and lambda * f <= " +
                MAX_LAMBDA_F + ", got f = " + f + ", lambda = " + lambda);
        }
        if (!Float.isFinite(r) || !(r > 0))
        {
            throw new ModelException(at + ": sbp.r must be a finite number > 0, got " + r);
        }
    }

    /** Every projection with sbp must use the same epoch (the reverse packets of one epoch meet the next). */
    static void validateNetwork(final Network network)
    {
        Projection first = null;
        for (final Projection projection : network.getProjectionsList())
        {
            if (!projection.hasPlasticity() || !projection.getPlasticity().hasSbp())
            {
                continue;
            }
            if (first == null)
            {
                first = projection;
            }
            else if (projection.getPlasticity().getSbp().getEpochTicks() !=
                first.getPlasticity().getSbp().getEpochTicks())
            {
                throw new ModelException("projection '" + ModelValidator.projectionName(projection) + "': " +
                    "sbp.epoch_ticks " + projection.getPlasticity().getSbp().getEpochTicks() + " differs from " +
                    first.getPlasticity().getSbp().getEpochTicks() + " of projection '" +
                    ModelValidator.projectionName(first) + "'; every SBP projection must use the same epoch");
            }
        }
    }

    /** A core's SBP rules and reverse routes (routes must lead to a soma core and one of its neurons). */
    static void validateCore(final String where, final CoreProgram core, final Map<Integer, CoreProgram> cores)
    {
        int epoch = 0;
        for (final LearningRule rule : core.getLearningRulesList())
        {
            if (!rule.getSbp())
            {
                continue;
            }
            if (rule.getSbpEpochTicks() == 0 || (epoch != 0 && rule.getSbpEpochTicks() != epoch) || rule.getRstdp())
            {
                throw new ModelException(where + ": SBP rules out of range (epoch >= 1, the same for every rule, " +
                    "not rstdp)");
            }
            epoch = rule.getSbpEpochTicks();
        }
        final int routes = core.getSbpRouteCoreCount();
        if (routes == 0 && core.getSbpRouteNeuronCount() == 0)
        {
            return;
        }
        if (epoch == 0 || routes != core.getAxonCount() || core.getSbpRouteNeuronCount() != routes)
        {
            throw new ModelException(where + ": SBP routes do not match the core (one per axon, on a core with an " +
                "SBP rule)");
        }
        for (int a = 0; a < routes; a++)
        {
            final int dst = core.getSbpRouteCore(a);
            if (dst < 0)
            {
                continue;
            }
            final CoreProgram target = cores.get(dst);
            if (target == null || target.getRole() != CoreRole.CORE_ROLE_SOMA ||
                Integer.compareUnsigned(core.getSbpRouteNeuron(a), target.getNeuronCount()) >= 0 ||
                target.getLearningRulesList().stream().noneMatch(LearningRule::getSbp))
            {
                throw new ModelException(where + ": the SBP route of axon " + a + " leads to core " + dst +
                    ", which is not a soma core with SBP rules holding neuron " +
                    Integer.toUnsignedString(core.getSbpRouteNeuron(a)));
            }
        }
    }
}
