package org.chipsim.core;

import org.chipsim.proto.v1.HybridGl;
import org.chipsim.proto.v1.Projection;

/** Checks a projection's hybrid global-local rule (model.proto HybridGl) against the projection's sizes. */
final class HybridGlValidator
{
    private HybridGlValidator()
    {
    }

    /**
     * @param rows source size
     * @param cols target size
     * @param synapses the projection's synapses in its own encoding (rows x cols for a dense matrix)
     */
    static void validate(final String where, final Projection projection, final long rows, final long cols,
        final long synapses)
    {
        final String at = where + ": plasticity.hybrid_gl";
        final HybridGl h = projection.getPlasticity().getHybridGl();
        if (projection.hasStp())
        {
            throw new ModelException(at + " and stp on the same projection are not supported; use one");
        }
        finite(at, "alpha", h.getAlpha());
        if (h.hasGamma())
        {
            finite(at, "gamma", h.getGamma());
            if (!(h.getGamma() >= 0 && h.getGamma() <= 1))
            {
                throw new ModelException(at + ": gamma must be in [0, 1], got " + h.getGamma());
            }
        }
        finite(at, "p_max", h.getPMax());
        if (!(h.getPMax() > 0))
        {
            throw new ModelException(at + ": p_max must be > 0, got " + h.getPMax());
        }
        finite(at, "tau_pre_ticks", h.getTauPreTicks());
        if (h.getTauPreTicks() < 0)
        {
            throw new ModelException(at + ": tau_pre_ticks must be >= 0, got " + h.getTauPreTicks());
        }
        perNeuron(at, "beta", h.getBetaList(), rows, "source", false);
        perNeuron(at, "eta", h.getEtaList(), cols, "target", true);
        if (h.getPInitCount() != 0 && h.getPInitCount() != synapses)
        {
            throw new ModelException(at + ": p_init has " + h.getPInitCount() + " values, expected none or one " +
                "per synapse (" + synapses + ", in the projection's synapse order)");
        }
        for (int k = 0; k < h.getPInitCount(); k++)
        {
            finite(at, "p_init[" + k + "]", h.getPInit(k));
        }
    }

    private static void perNeuron(final String at, final String field, final java.util.List<Float> values,
        final long size, final String side, final boolean emptyAllowed)
    {
        final int count = values.size();
        if (!(count == 1 || count == size || count == 0 && emptyAllowed))
        {
            throw new ModelException(at + ": " + field + " has " + count + " values; give " +
                (emptyAllowed ? "none, " : "") + "one, or one per " + side + " neuron (" + size + ")");
        }
        for (int k = 0; k < count; k++)
        {
            finite(at, field + "[" + k + "]", values.get(k));
        }
    }

    private static void finite(final String at, final String field, final float value)
    {
        if (!Float.isFinite(value))
        {
            throw new ModelException(at + ": " + field + " is " + value + "; it must be a finite number");
        }
    }
}
