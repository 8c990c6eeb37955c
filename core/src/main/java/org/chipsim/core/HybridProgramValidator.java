package org.chipsim.core;

import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;

/** Checks a core's hybrid global-local tables (program.proto CoreProgram.hybrid_*) before the core is built. */
final class HybridProgramValidator
{
    private HybridProgramValidator()
    {
    }

    static void validate(final String where, final CoreProgram core)
    {
        final long axons = core.getAxonCount();
        final long neurons = core.getNeuronCount();
        if (core.getAxonHybridCount() == 0)
        {
            if (core.getHybridRulesCount() != 0 || core.getHybridBetaQ8Count() != 0 ||
                core.getHybridEtaQ16Count() != 0 || !core.getHybridPInitQ8().isEmpty() ||
                !core.getHybridMask().isEmpty())
            {
                throw new ModelException(where + " has hybrid tables but no hybrid rows");
            }
            return;
        }
        final int rules = core.getHybridRulesCount();
        if (core.getRole() != CoreRole.CORE_ROLE_SOMA || core.getAxonHybridCount() != axons || rules > 255 ||
            core.getHybridBetaQ8Count() != axons || core.getHybridEtaQ16Count() != neurons ||
            core.getHybridPInitQ8().size() != axons * neurons * 2 ||
            core.getHybridMask().size() != (axons * neurons + 7) / 8)
        {
            throw new ModelException(where + ": hybrid tables do not match the core (soma core, one rule index and " +
                "one beta per axon, one eta per neuron, 2 bytes of P and one mask bit per cell, at most 255 rules)");
        }
        for (final int rule : core.getAxonHybridList())
        {
            if (Integer.toUnsignedLong(rule) > rules)
            {
                throw new ModelException(where + " names hybrid rule " + Integer.toUnsignedString(rule) + " of " +
                    rules);
            }
        }
        for (final int beta : core.getHybridBetaQ8List())
        {
            if (Math.abs((long)beta) > 1 << 23)
            {
                throw new ModelException(where + ": a hybrid beta is out of range (|beta_q8| <= 2^23)");
            }
        }
        for (final LearningRule rule : core.getHybridRulesList())
        {
            if (!rule.getHybrid() || Integer.toUnsignedLong(rule.getGammaQ16()) > 65536 ||
                rule.getPMaxQ8() < 1 || rule.getPMaxQ8() > Short.MAX_VALUE ||
                Integer.toUnsignedLong(rule.getDecayPreQ16()) + Integer.toUnsignedLong(rule.getJumpPreQ16()) > 65536 ||
                rule.getEpochTicks() < 1)
            {
                throw new ModelException(where + ": a hybrid rule is out of range (0 <= gamma_q16 <= 65536, " +
                    "1 <= p_max_q8 <= 32767, decay + jump <= 65536, epoch_ticks >= 1)");
            }
        }
        if (core.getNeuron().getThreshold() <= 0)
        {
            throw new ModelException(where + ": a hybrid core needs a threshold > 0");
        }
    }
}
