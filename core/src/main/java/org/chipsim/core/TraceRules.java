package org.chipsim.core;

import java.util.List;

import org.chipsim.proto.v1.StdpTriplet;
import org.chipsim.proto.v1.TraceEvent;
import org.chipsim.proto.v1.TraceFactor;
import org.chipsim.proto.v1.TraceRule;
import org.chipsim.proto.v1.TraceTerm;

/**
 * The trace engine's sum-of-products rules (model.proto TraceRule): which terms the engine executes, and their
 * lowering to the engine's triplet program (pair STDP being the triplet program without its triplet terms).
 */
public final class TraceRules
{
    private TraceRules()
    {
    }

    /** The term kinds the engine executes. */
    private enum Kind
    {
        POST_X1(TraceEvent.POST_SPIKE, List.of(TraceFactor.X1)),
        POST_X1_Y2(TraceEvent.POST_SPIKE, List.of(TraceFactor.X1, TraceFactor.Y2)),
        PRE_Y1(TraceEvent.PRE_SPIKE, List.of(TraceFactor.Y1)),
        PRE_Y1_X2(TraceEvent.PRE_SPIKE, List.of(TraceFactor.Y1, TraceFactor.X2));

        final TraceEvent on;
        final List<TraceFactor> factors;

        Kind(final TraceEvent on, final List<TraceFactor> factors)
        {
            this.on = on;
            this.factors = factors;
        }

        static Kind of(final TraceTerm term)
        {
            for (final Kind kind : values())
            {
                if (kind.on == term.getOn() && term.getFactorsCount() == kind.factors.size() &&
                    term.getFactorsList().containsAll(kind.factors))
                {
                    return kind;
                }
            }
            return null;
        }
    }

    /** Checks a trace rule: finite values, positive time constants where used, only terms the engine executes. */
    static void validate(final String at, final TraceRule rule)
    {
        if (rule.getTermsCount() == 0)
        {
            throw new ModelException(at + ".trace_rule has no terms");
        }
        final boolean[] seen = new boolean[Kind.values().length];
        for (int k = 0; k < rule.getTermsCount(); k++)
        {
            final TraceTerm term = rule.getTerms(k);
            if (!Float.isFinite(term.getCoefficient()))
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "].coefficient is " + term.getCoefficient() +
                    "; it must be a finite number");
            }
            final Kind kind = Kind.of(term);
            if (kind == null)
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "] (on " + term.getOn() + ", factors " +
                    term.getFactorsList() + ") is not a term the trace engine executes; it executes on POST_SPIKE " +
                    "[X1] and [X1, Y2], on PRE_SPIKE [Y1] and [Y1, X2]");
            }
            if (seen[kind.ordinal()])
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "] repeats a term; give each term once");
            }
            seen[kind.ordinal()] = true;
        }
        final boolean triplet = seen[Kind.POST_X1_Y2.ordinal()] || seen[Kind.PRE_Y1_X2.ordinal()];
        tau(at, "tau_x1_ticks", rule.getTauX1Ticks());
        tau(at, "tau_y1_ticks", rule.getTauY1Ticks());
        if (triplet)
        {
            tau(at, "tau_x2_ticks", rule.getTauX2Ticks());
            tau(at, "tau_y2_ticks", rule.getTauY2Ticks());
        }
    }

    private static void tau(final String at, final String field, final float value)
    {
        if (!(Float.isFinite(value) && value > 0))
        {
            throw new ModelException(at + ".trace_rule." + field + " must be > 0, got " + value);
        }
    }

    /** True when the (validated) rule uses the slow traces x2 or y2. */
    public static boolean triplet(final TraceRule rule)
    {
        return rule.getTermsList().stream().map(Kind::of)
            .anyMatch(k -> k == Kind.POST_X1_Y2 || k == Kind.PRE_Y1_X2);
    }

    /**
     * The (validated) rule as the engine's amplitudes: potentiation a2+ = c[POST, X1], a3+ = c[POST, X1 Y2];
     * depression a2- = -c[PRE, Y1], a3- = -c[PRE, Y1 X2] (absent terms 0), with its time constants.
     */
    public static StdpTriplet amplitudes(final TraceRule rule)
    {
        final StdpTriplet.Builder t = StdpTriplet.newBuilder()
            .setTauPlusTicks(rule.getTauX1Ticks()).setTauMinusTicks(rule.getTauY1Ticks())
            .setTauXTicks(rule.getTauX2Ticks()).setTauYTicks(rule.getTauY2Ticks());
        for (final TraceTerm term : rule.getTermsList())
        {
            switch (Kind.of(term))
            {
                case POST_X1 -> t.setA2Plus(term.getCoefficient());
                case POST_X1_Y2 -> t.setA3Plus(term.getCoefficient());
                case PRE_Y1 -> t.setA2Minus(-term.getCoefficient());
                case PRE_Y1_X2 -> t.setA3Minus(-term.getCoefficient());
                default -> throw new IllegalStateException("unvalidated trace rule");
            }
        }
        return t.build();
    }
}
