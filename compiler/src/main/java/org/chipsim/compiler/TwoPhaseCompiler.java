package org.chipsim.compiler;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.TwoPhaseValidation;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.LearningRule;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Teaching;
import org.chipsim.proto.v1.TwoPhase;

/**
 * Two-phase learning (model.proto TwoPhase) in the program: the rule in a core's weight steps, and the teaching signal
 * of the readout population's soma cores.
 */
final class TwoPhaseCompiler
{
    private final TwoPhase rule;
    private final int readout;

    TwoPhaseCompiler(final Model model, final NetworkIndex index)
    {
        this.rule = TwoPhaseValidation.ruleOf(model.getNetwork());
        final String name = model.getRun().getReadoutPopulation();
        this.readout = name.isEmpty() ? index.lastNonInput() : index.indexOf(name);
    }

    /** The compiled rule: factor = eta / (beta T^2 scale), so dw in steps = factor * c-_i * (c+_j - c-_j). */
    static LearningRule.Builder addTo(final LearningRule.Builder rule, final TwoPhase twoPhase, final double scale)
    {
        final double ticks = twoPhase.getPhaseTicks();
        return rule.setTwoPhase(true)
            .setTwoPhaseTicks(twoPhase.getPhaseTicks())
            .setTwoPhaseFactorSteps(twoPhase.getEta() / (twoPhase.getBeta() * ticks * ticks * scale));
    }

    /** The readout's soma cores with their teaching signal (other cores unchanged). */
    CoreProgram addTeaching(final CoreProgram core, final double scale)
    {
        if (rule == null || core.getRole() != CoreRole.CORE_ROLE_SOMA || core.getPopulation() != readout)
        {
            return core;
        }
        return core.toBuilder().setTeaching(Teaching.newBuilder().setPhaseTicks(rule.getPhaseTicks())
            .setBetaQ16(Math.round(rule.getBeta() / scale * 65536))).build();
    }
}
