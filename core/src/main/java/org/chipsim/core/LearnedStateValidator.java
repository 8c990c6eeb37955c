package org.chipsim.core;

import java.util.List;

import org.chipsim.proto.v1.CoreLearnedState;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;

/** Checks a core's initial learned state (program.proto CoreLearnedState) against the core it is loaded into. */
final class LearnedStateValidator
{
    private LearnedStateValidator()
    {
    }

    static void validate(final String where, final CoreProgram core)
    {
        if (!core.hasInitialState())
        {
            return;
        }
        final CoreLearnedState s = core.getInitialState();
        final long axons = core.getAxonCount();
        final long neurons = core.getNeuronCount();
        final boolean learns = core.getAxonRuleCount() > 0;
        final boolean adaptive = core.getRole() == CoreRole.CORE_ROLE_SOMA && core.getNeuron().getAdaptiveThreshold();
        final boolean tags = core.getLearningRulesList().stream().anyMatch(org.chipsim.proto.v1.LearningRule::getRstdp);
        check(where, "theta_q16", s.getThetaQ16Count(), neurons, adaptive);
        for (final long theta : s.getThetaQ16List())
        {
            if (theta < 0 || theta > 1L << 50)
            {
                throw new ModelException(where + ": initial theta out of range (0 ..= 2^50)");
            }
        }
        check(where, "pre_trace_q16", s.getPreTraceQ16Count(), axons, learns);
        check(where, "pre_trace2_q16", s.getPreTrace2Q16Count(), axons, learns);
        check(where, "post_trace_q16", s.getPostTraceQ16Count(), neurons, learns);
        check(where, "post_trace2_q16", s.getPostTrace2Q16Count(), neurons, learns);
        check(where, "tag_q16", s.getTagQ16Count(), axons * neurons, learns && tags);
        check(where, "pre_activity_q16", s.getPreActivityQ16Count(), axons, core.getAxonHybridCount() > 0);
        nonNegative(where, "traces", s.getPreTraceQ16List(), Integer.MAX_VALUE);
        nonNegative(where, "traces", s.getPreTrace2Q16List(), Integer.MAX_VALUE);
        nonNegative(where, "traces", s.getPostTraceQ16List(), Integer.MAX_VALUE);
        nonNegative(where, "traces", s.getPostTrace2Q16List(), Integer.MAX_VALUE);
        nonNegative(where, "pre_activity_q16", s.getPreActivityQ16List(), 65536);
    }

    private static void check(final String where, final String field, final int count, final long expected,
        final boolean present)
    {
        if (count != 0 && (!present || count != expected))
        {
            throw new ModelException(where + ": initial_state." + field + " has " + count + " values; the core " +
                (present ? "needs none or " + expected : "has no such state"));
        }
    }

    private static void nonNegative(final String where, final String field, final List<Integer> values,
        final int max)
    {
        for (final int v : values)
        {
            if (v < 0 || v > max)
            {
                throw new ModelException(where + ": initial_state." + field + " out of range (0 ..= " + max + ")");
            }
        }
    }
}
