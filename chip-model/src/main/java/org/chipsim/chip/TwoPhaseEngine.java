package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearningRule;

/**
 * Two-phase contrastive learning in one core's own memory. Samples last 2T ticks: a free phase (ticks s = 0..T-1 of
 * the sample) and a nudged phase (s = T..2T-1). The core counts, per axon, the spikes that arrive in the free phase
 * ({@code c-_i}) and, per neuron, its spikes in each phase ({@code c-_j}, {@code c+_j}). In the learning step of the
 * sample's last tick:
 *
 * <pre>
 *   for every learning synapse (i, j):  dw_ij = factor * c-_i * (c+_j - c-_j)      factor = eta / (beta T^2 scale)
 * </pre>
 *
 * goes to the weight through the core's usual path (or into SBP's pending changes when the rule also has SBP), and the
 * counts restart. On a readout core ({@code CoreProgram.teaching}) the sample's label arrives as a packet before the
 * nudged phase; in every nudged tick neuron j's dendrite gets {@code beta_q16 * (target_j * T - c-_j) / T} in 16-bit
 * fixed point, the residue below one step carried to the next tick (floor division), so the current over the phase
 * is exact up to one step.
 */
final class TwoPhaseEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int ONE_Q16 = 1 << 16;
    /** Target stored when the sample has no label: no teaching current at all. */
    private static final int NO_LABEL = -2;
    /** Target stored when the label's neuron is on another core: every neuron here is pushed towards 0. */
    private static final int ELSEWHERE = -1;

    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final LearningEngine engine;
    private final int axons;
    private final int neurons;
    private final int phaseTicks;
    private final double[] factor;
    private final boolean teaching;
    private final long betaQ16;
    private final int neuronOffset;
    /** Bytes moved in the core's memory (phase counts, teaching state), counted by the core after each call. */
    final MemoryTally memoryTally = new MemoryTally();

    private TwoPhaseEngine(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program,
        final LearningEngine engine)
    {
        this.memory = memory;
        this.layout = layout;
        this.engine = engine;
        this.axons = layout.axons;
        this.neurons = layout.neurons;
        final int rules = program.getLearningRulesCount();
        factor = new double[rules + 1];
        int phase = 0;
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getLearningRules(r);
            factor[r + 1] = rule.getTwoPhaseFactorSteps();
            phase = rule.getTwoPhaseTicks();
        }
        this.phaseTicks = phase;
        this.teaching = program.hasTeaching();
        this.betaQ16 = program.getTeaching().getBetaQ16();
        this.neuronOffset = program.getNeuronOffset();
        if (teaching)
        {
            memory.putInt(layout.teachingOffset, NO_LABEL, ORDER);
        }
    }

    /** The two-phase engine of a learning core, or null when its rules are not two-phase. */
    static TwoPhaseEngine of(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program,
        final LearningEngine engine)
    {
        return layout.twoPhase ? new TwoPhaseEngine(memory, layout, program, engine) : null;
    }

    private int phaseTick(final long tick)
    {
        return (int)(tick % (2L * phaseTicks));
    }

    private int freeCountOffset(final int neuron)
    {
        return layout.neuronCountsOffset + (neuron << 3);
    }

    /**
     * The tick's step: counts this tick's arrivals (from the {@code arrived} axons listed at {@code arrivedAt}) and
     * spikes (the {@code fired} neurons at {@code firedAt}); at the sample's last tick applies the changes. Returns
     * the synapses updated.
     */
    long learn(final long tick, final int arrivedAt, final int arrived, final int firedAt, final int fired)
    {
        final int s = phaseTick(tick);
        final boolean free = s < phaseTicks;
        if (free)
        {
            for (int k = 0; k < arrived; k++)
            {
                final int at = layout.axonCountsOffset + (memory.getInt(arrivedAt + (k << 2), ORDER) << 2);
                memory.putInt(at, memory.getInt(at, ORDER) + 1, ORDER);
            }
            memoryTally.readBytes += 4L * arrived;
            memoryTally.writeBytes += 4L * arrived;
        }
        for (int k = 0; k < fired; k++)
        {
            final int at = freeCountOffset(memory.getInt(firedAt + (k << 2), ORDER)) + (free ? 0 : 4);
            memory.putInt(at, memory.getInt(at, ORDER) + 1, ORDER);
        }
        memoryTally.readBytes += 4L * fired;
        memoryTally.writeBytes += 4L * fired;
        return s == 2 * phaseTicks - 1 ? apply() : 0;
    }

    /** dw_ij = factor * c-_i * (c+_j - c-_j) for every learning synapse; then every count (and the target) restarts. */
    private long apply()
    {
        long updates = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = engine.ruleOf(a);
            final int countAt = layout.axonCountsOffset + (a << 2);
            final int pre = memory.getInt(countAt, ORDER);
            if (rule == 0 || pre == 0)
            {
                continue;
            }
            memory.putInt(countAt, 0, ORDER);
            final double scale = factor[rule] * pre;
            for (int n = 0; n < neurons; n++)
            {
                final int at = freeCountOffset(n);
                final int difference = memory.getInt(at + 4, ORDER) - memory.getInt(at, ORDER);
                if (difference != 0 && engine.isSynapse(a, n))
                {
                    engine.changeOrTag(a, n, rule, scale * difference);
                    updates++;
                }
            }
            memoryTally.readBytes += 4 + 8L * neurons;
            memoryTally.writeBytes += 4;
        }
        for (int n = 0; n < neurons; n++)
        {
            memory.putLong(freeCountOffset(n), 0L, ORDER);
        }
        memoryTally.writeBytes += 8L * neurons;
        if (teaching)
        {
            memory.putInt(layout.teachingOffset, NO_LABEL, ORDER);
        }
        return updates;
    }

    /** A label packet: the sample's target neuron, if this core holds it. */
    void receiveLabel(final int label)
    {
        final int local = label - neuronOffset;
        memory.putInt(layout.teachingOffset, label < 0 ? NO_LABEL : local >= 0 && local < neurons ? local : ELSEWHERE,
            ORDER);
    }

    /** Whether this core is a readout core that takes labels and teaching current. */
    boolean teaches()
    {
        return teaching;
    }

    int phaseTicks()
    {
        return phaseTicks;
    }

    /**
     * Nudged phase, before the neurons update: neuron j's dendrite += its teaching current of this tick (nothing in a
     * sample without a label).
     */
    void teach(final long tick, final int dendriteOffset)
    {
        final int s = phaseTick(tick);
        if (s < phaseTicks)
        {
            return;
        }
        final int target = memory.getInt(layout.teachingOffset, ORDER);
        if (target == NO_LABEL)
        {
            return;
        }
        final int residues = layout.teachingOffset + 4;
        if (s == phaseTicks)
        {
            for (int n = 0; n < neurons; n++)
            {
                memory.putInt(residues + (n << 2), 0, ORDER);
            }
        }
        for (int n = 0; n < neurons; n++)
        {
            final long free = memory.getInt(freeCountOffset(n), ORDER);
            final long perTickQ16 = Math.floorDiv(betaQ16 * ((n == target ? phaseTicks : 0) - free), phaseTicks);
            final long total = memory.getInt(residues + (n << 2), ORDER) + perTickQ16;
            final long steps = Math.floorDiv(total, ONE_Q16);
            memory.putInt(residues + (n << 2), (int)(total - steps * ONE_Q16), ORDER);
            final int at = dendriteOffset + (n << 2);
            memory.putInt(at, (int)(memory.getInt(at, ORDER) + steps), ORDER);
        }
        memoryTally.readBytes += 12L * neurons;
        memoryTally.writeBytes += 8L * neurons;
    }
}
