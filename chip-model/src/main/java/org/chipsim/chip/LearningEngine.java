package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.stimulus.CounterRandom;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearningRule;

/**
 * Pair STDP in one core's own memory (traces, lists of this tick's spikes, the crossbar itself), run by the owning
 * worker after the core's neurons have fired. See model.proto's Plasticity for the rule and its timing:
 *
 * <pre>
 *   each tick:   x_i *= decay_plus;  y_j *= decay_minus                      (16-bit fixed point)
 *                for each learning axon i that delivered a spike:  w_ij -= a_minus * y_j   for every synapse j
 *                for each neuron j that fired:                      w_ij += a_plus  * x_i   for every learning row i
 *                x_i += 1 for the delivered axons;  y_j += 1 for the fired neurons
 * </pre>
 *
 * A change is in weight steps and rounds stochastically (floor, plus one with probability equal to the fraction) with
 * a counter-based generator keyed by (seed, core, draw number), so the result is the same for any worker count.
 * Weights stay in [w_min, w_max]; a cell that becomes zero or non-zero updates its row's SOP count.
 */
final class LearningEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int ONE_Q16 = 1 << 16;
    private static final double INVERSE_Q16 = 1.0 / ONE_Q16;
    private static final double INVERSE_2_POW_53 = 0x1.0p-53;

    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final int coreId;
    private final long seed;
    private final int axons;
    private final int neurons;
    private final boolean wideWeights;
    private final double[] aPlus;
    private final double[] aMinus;
    private final int[] decayPlusQ16;
    private final int decayMinusQ16;
    private final int[] wMin;
    private final int[] wMax;
    private final boolean[] soft;
    private int arrived;
    private int fired;

    LearningEngine(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program, final long seed)
    {
        this.memory = memory;
        this.layout = layout;
        this.coreId = program.getCoreId();
        this.seed = seed;
        this.axons = layout.axons;
        this.neurons = layout.neurons;
        this.wideWeights = layout.weightBytes == 2;
        final int rules = program.getLearningRulesCount();
        aPlus = new double[rules + 1];
        aMinus = new double[rules + 1];
        decayPlusQ16 = new int[rules + 1];
        wMin = new int[rules + 1];
        wMax = new int[rules + 1];
        soft = new boolean[rules + 1];
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getLearningRules(r);
            aPlus[r + 1] = rule.getAPlusSteps();
            aMinus[r + 1] = rule.getAMinusSteps();
            decayPlusQ16[r + 1] = rule.getDecayPlusQ16();
            wMin[r + 1] = rule.getWMinSteps();
            wMax[r + 1] = rule.getWMaxSteps();
            soft[r + 1] = rule.getSoftBounds();
        }
        decayMinusQ16 = program.getLearningRules(0).getDecayMinusQ16();
        for (int a = 0; a < axons; a++)
        {
            memory.putByte(layout.axonRuleOffset + a, (byte)program.getAxonRule(a));
        }
        memory.putBytes(layout.maskOffset, program.getPlasticMask().toByteArray());
    }

    private int ruleOf(final int axon)
    {
        return memory.getByte(layout.axonRuleOffset + axon) & 0xFF;
    }

    /** An axon's spike was delivered this tick. */
    void onDelivered(final int axon)
    {
        if (ruleOf(axon) != 0)
        {
            memory.putInt(layout.arrivedOffset + (arrived++ << 2), axon, ORDER);
        }
    }

    /** A neuron fired this tick. */
    void onFired(final int neuron)
    {
        memory.putInt(layout.firedOffset + (fired++ << 2), neuron, ORDER);
    }

    /** The tick's learning step; returns the number of synapse updates made. */
    long learn()
    {
        decayTraces();
        long updates = 0;
        for (int k = 0; k < arrived; k++)
        {
            updates += depress(memory.getInt(layout.arrivedOffset + (k << 2), ORDER));
        }
        for (int k = 0; k < fired; k++)
        {
            updates += potentiate(memory.getInt(layout.firedOffset + (k << 2), ORDER));
        }
        for (int k = 0; k < arrived; k++)
        {
            addToTrace(layout.preTraceOffset + (memory.getInt(layout.arrivedOffset + (k << 2), ORDER) << 2));
        }
        for (int k = 0; k < fired; k++)
        {
            addToTrace(layout.postTraceOffset + (memory.getInt(layout.firedOffset + (k << 2), ORDER) << 2));
        }
        arrived = 0;
        fired = 0;
        return updates;
    }

    private void decayTraces()
    {
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule != 0)
            {
                decay(layout.preTraceOffset + (a << 2), decayPlusQ16[rule]);
            }
        }
        for (int n = 0; n < neurons; n++)
        {
            decay(layout.postTraceOffset + (n << 2), decayMinusQ16);
        }
    }

    private void decay(final int at, final int decayQ16)
    {
        final int trace = memory.getInt(at, ORDER);
        if (trace != 0)
        {
            memory.putInt(at, (int)(((long)trace * decayQ16 + (ONE_Q16 >>> 1)) >> 16), ORDER);
        }
    }

    private void addToTrace(final int at)
    {
        final long trace = (long)memory.getInt(at, ORDER) + ONE_Q16;
        memory.putInt(at, (int)Math.min(trace, Integer.MAX_VALUE), ORDER);
    }

    /** Pre spike on axon i: every synapse of its row loses a_minus times its neuron's post trace. */
    private long depress(final int axon)
    {
        final int rule = ruleOf(axon);
        long updates = 0;
        for (int n = 0; n < neurons; n++)
        {
            final int trace = memory.getInt(layout.postTraceOffset + (n << 2), ORDER);
            if (trace != 0 && isSynapse(axon, n))
            {
                change(axon, n, rule, -aMinus[rule] * trace * INVERSE_Q16);
                updates++;
            }
        }
        return updates;
    }

    /** Post spike of neuron j: every learning synapse of its column gains a_plus times its axon's pre trace. */
    private long potentiate(final int neuron)
    {
        long updates = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule == 0)
            {
                continue;
            }
            final int trace = memory.getInt(layout.preTraceOffset + (a << 2), ORDER);
            if (trace != 0 && isSynapse(a, neuron))
            {
                change(a, neuron, rule, aPlus[rule] * trace * INVERSE_Q16);
                updates++;
            }
        }
        return updates;
    }

    private boolean isSynapse(final int axon, final int neuron)
    {
        final int bit = axon * neurons + neuron;
        return (memory.getByte(layout.maskOffset + (bit >>> 3)) & (1 << (bit & 7))) != 0;
    }

    private void change(final int axon, final int neuron, final int rule, final double deltaSteps)
    {
        final int at = layout.rowOffset(axon) + neuron * layout.weightBytes;
        final int w = wideWeights ? memory.getShort(at, ORDER) : memory.getByte(at);
        final int lo = wMin[rule];
        final int hi = wMax[rule];
        double delta = deltaSteps;
        if (soft[rule] && hi > lo)
        {
            delta *= delta > 0 ? (double)(hi - w) / (hi - lo) : (double)(w - lo) / (hi - lo);
        }
        final int updated = Math.max(lo, Math.min(hi, w + stochasticRound(delta)));
        if (updated == w)
        {
            return;
        }
        if (wideWeights)
        {
            memory.putShort(at, (short)updated, ORDER);
        }
        else
        {
            memory.putByte(at, (byte)updated);
        }
        if ((w == 0) != (updated == 0))
        {
            final int sopsAt = layout.rowSopsOffset(axon);
            memory.putInt(sopsAt, memory.getInt(sopsAt, ORDER) + (updated == 0 ? -1 : 1), ORDER);
        }
    }

    private int stochasticRound(final double value)
    {
        final double floor = Math.floor(value);
        final double fraction = value - floor;
        if (fraction == 0.0)
        {
            return (int)floor;
        }
        final long draw = memory.getLong(layout.learnStateOffset, ORDER);
        memory.putLong(layout.learnStateOffset, draw + 1, ORDER);
        final double uniform = (CounterRandom.bits(seed, coreId, draw) >>> 11) * INVERSE_2_POW_53;
        return (int)floor + (uniform < fraction ? 1 : 0);
    }
}
