package org.chipsim.core;

import java.util.List;

import org.chipsim.proto.v1.StdpTriplet;
import org.chipsim.proto.v1.TraceEvent;
import org.chipsim.proto.v1.TraceFactor;
import org.chipsim.proto.v1.TraceRule;
import org.chipsim.proto.v1.TraceTerm;

/**
 * The trace engine's sum-of-products rules (model.proto TraceRule): validation, the lowering of a rule made of pair
 * and triplet STDP's terms to the engine's triplet program (pair STDP being the triplet program without its triplet
 * terms, so such a rule learns bit for bit as the named rule), and the term tables of any other rule.
 */
public final class TraceRules
{
    /** Factor bits of a term's mask: the axon's traces x1, x2 and the neuron's traces y1, y2. */
    public static final int X1_BIT = 1;
    public static final int X2_BIT = 2;
    public static final int Y1_BIT = 4;
    public static final int Y2_BIT = 8;
    /** Entries of a term table: every subset of the four traces. */
    public static final int TERMS = 16;

    private TraceRules()
    {
    }

    /** The terms of pair and triplet STDP, which run as the engine's triplet program. */
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

    /** Checks a trace rule: finite coefficients, known events and factors, each term once, positive time constants. */
    static void validate(final String at, final TraceRule rule)
    {
        if (rule.getTermsCount() == 0)
        {
            throw new ModelException(at + ".trace_rule has no terms");
        }
        final boolean[] seen = new boolean[2 * TERMS];
        for (int k = 0; k < rule.getTermsCount(); k++)
        {
            final TraceTerm term = rule.getTerms(k);
            if (!Float.isFinite(term.getCoefficient()))
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "].coefficient is " + term.getCoefficient() +
                    "; it must be a finite number");
            }
            if (term.getOn() != TraceEvent.PRE_SPIKE && term.getOn() != TraceEvent.POST_SPIKE)
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "] needs on: PRE_SPIKE or POST_SPIKE");
            }
            final int mask = mask(at + ".trace_rule.terms[" + k + "]", term);
            final int slot = (term.getOn() == TraceEvent.PRE_SPIKE ? 0 : TERMS) + mask;
            if (seen[slot])
            {
                throw new ModelException(at + ".trace_rule.terms[" + k + "] repeats a term (the same event and " +
                    "factors); give each term once");
            }
            seen[slot] = true;
        }
        final boolean triplet = triplet(rule);
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
        return rule.getTermsList().stream().flatMap(t -> t.getFactorsList().stream())
            .anyMatch(f -> f == TraceFactor.X2 || f == TraceFactor.Y2);
    }

    /**
     * True when every term of the (validated) rule is one of pair and triplet STDP's four terms, so the rule runs as
     * that program ({@link #amplitudes}); otherwise the engine evaluates its terms as tables ({@link #terms}).
     */
    public static boolean stdpForm(final TraceRule rule)
    {
        return rule.getTermsList().stream().allMatch(t -> Kind.of(t) != null);
    }

    /**
     * The (validated) rule's coefficients for one event as a table of {@value #TERMS} entries, indexed by the bit
     * mask of the term's factors ({@link #X1_BIT} ... {@link #Y2_BIT}; 0 is the constant term), divided by
     * {@code scale} (weight steps per unit of the product).
     */
    public static double[] terms(final TraceRule rule, final TraceEvent on, final double scale)
    {
        final double[] table = new double[TERMS];
        for (final TraceTerm term : rule.getTermsList())
        {
            if (term.getOn() == on)
            {
                table[mask("", term)] = term.getCoefficient() / scale;
            }
        }
        return table;
    }

    /** The bit mask of a term's factors, each at most once. */
    private static int mask(final String at, final TraceTerm term)
    {
        int mask = 0;
        for (final TraceFactor factor : term.getFactorsList())
        {
            final int bit = switch (factor)
            {
                case X1 -> X1_BIT;
                case X2 -> X2_BIT;
                case Y1 -> Y1_BIT;
                case Y2 -> Y2_BIT;
                default -> throw new ModelException(at + " has an unknown factor " + factor + "; use X1, X2, Y1, Y2");
            };
            if ((mask & bit) != 0)
            {
                throw new ModelException(at + " names " + factor + " twice; each trace is a factor at most once");
            }
            mask |= bit;
        }
        return mask;
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
