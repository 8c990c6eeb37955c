package org.chipsim.core;

import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Stimulus;
import org.chipsim.proto.v1.TwoPhase;

/** Validation of two-phase contrastive learning (model.proto TwoPhase). */
public final class TwoPhaseValidation
{
    private TwoPhaseValidation()
    {
    }

    /** One projection's TwoPhase parameters. */
    static void validate(final String at, final Plasticity plasticity)
    {
        if (!plasticity.hasTwoPhase())
        {
            return;
        }
        final TwoPhase rule = plasticity.getTwoPhase();
        if (rule.getPhaseTicks() < 1)
        {
            throw new ModelException(at + ": two_phase.phase_ticks must be >= 1, got " +
                Integer.toUnsignedString(rule.getPhaseTicks()));
        }
        if (!Float.isFinite(rule.getEta()) || rule.getEta() < 0)
        {
            throw new ModelException(at + ": two_phase.eta must be a finite number >= 0, got " + rule.getEta());
        }
        if (!Float.isFinite(rule.getBeta()) || !(rule.getBeta() > 0))
        {
            throw new ModelException(at + ": two_phase.beta must be a finite number > 0, got " + rule.getBeta());
        }
    }

    /** A core's two-phase rules (all or none of its rules, one phase length) and teaching signal. */
    static void validateCore(final String where, final org.chipsim.proto.v1.CoreProgram core)
    {
        int phase = 0;
        int twoPhaseRules = 0;
        for (final org.chipsim.proto.v1.LearningRule rule : core.getLearningRulesList())
        {
            if (rule.getTwoPhase())
            {
                if (rule.getTwoPhaseTicks() == 0 || (phase != 0 && rule.getTwoPhaseTicks() != phase) ||
                    !Double.isFinite(rule.getTwoPhaseFactorSteps()) || rule.getRstdp() || rule.getTriplet())
                {
                    throw new ModelException(where + ": two-phase rules out of range (phase >= 1, the same for " +
                        "every rule, finite factor)");
                }
                phase = rule.getTwoPhaseTicks();
                twoPhaseRules++;
            }
        }
        if (twoPhaseRules != 0 && twoPhaseRules != core.getLearningRulesCount())
        {
            throw new ModelException(where + ": two-phase rules mixed with other rules on one core");
        }
        if (core.hasTeaching() && (phase == 0 || core.getTeaching().getPhaseTicks() != phase ||
            Math.abs(core.getTeaching().getBetaQ16()) > (1L << 40)))
        {
            throw new ModelException(where + ": teaching signal on a core without matching two-phase rules (or " +
                "|beta_q16| > 2^40)");
        }
    }

    /** The first two_phase rule of the model, or null when it has none. */
    public static TwoPhase ruleOf(final Network network)
    {
        for (final Projection projection : network.getProjectionsList())
        {
            if (projection.hasPlasticity() && projection.getPlasticity().hasTwoPhase())
            {
                return projection.getPlasticity().getTwoPhase();
            }
        }
        return null;
    }

    /**
     * The model as a whole: one phase length and beta for every two_phase projection, a population's learning
     * projections all two_phase or none, a readout population that learns by two_phase, samples of two phases.
     */
    static void validate(final Model model, final NetworkIndex index)
    {
        final Network network = model.getNetwork();
        final TwoPhase first = ruleOf(network);
        if (first == null)
        {
            return;
        }
        final boolean[] twoPhaseInto = new boolean[index.populationCount()];
        final boolean[] otherInto = new boolean[index.populationCount()];
        for (final Projection projection : network.getProjectionsList())
        {
            if (!projection.hasPlasticity())
            {
                continue;
            }
            final int target = index.indexOf(projection.getTarget());
            final Plasticity plasticity = projection.getPlasticity();
            if (plasticity.hasTwoPhase())
            {
                twoPhaseInto[target] = true;
                if (plasticity.getTwoPhase().getPhaseTicks() != first.getPhaseTicks() ||
                    plasticity.getTwoPhase().getBeta() != first.getBeta())
                {
                    throw new ModelException("projection '" + ModelValidator.projectionName(projection) + "': every " +
                        "two_phase projection must have the same phase_ticks and beta (the phases and the teaching " +
                        "current are the network's)");
                }
            }
            else
            {
                otherInto[target] = true;
            }
        }
        for (int p = 0; p < twoPhaseInto.length; p++)
        {
            if (twoPhaseInto[p] && otherInto[p])
            {
                throw new ModelException("population '" + index.name(p) + "': its learning projections mix two_phase " +
                    "with other rules; a two-phase core counts spikes per phase instead of keeping traces, so they " +
                    "must all be two_phase or none");
            }
        }
        final String readoutName = model.getRun().getReadoutPopulation();
        final int readout = readoutName.isEmpty() ? index.lastNonInput() : index.indexOf(readoutName);
        if (readout < 0 || !twoPhaseInto[readout])
        {
            throw new ModelException("two_phase learning teaches the readout population" + (readout < 0 ? "" :
                " '" + index.name(readout) + "'") + ", so it must learn by two_phase; set run.readout_population or " +
                "give it a two_phase projection");
        }
        final Stimulus stimulus = model.getStimulus();
        final long samples = stimulus.hasRateCoded() ? stimulus.getRateCoded().getTicksPerSample() :
            stimulus.getSpikeTrains().getTicksPerSample();
        if (samples != 2L * first.getPhaseTicks())
        {
            throw new ModelException("two_phase learning needs samples of 2 x phase_ticks = " +
                2L * first.getPhaseTicks() + " ticks (free phase, then nudged phase), but the stimulus' " +
                "ticks_per_sample is " + samples);
        }
    }
}
