package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.stimulus.CounterRandom;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearningRule;

/**
 * Pair and triplet STDP in one core's own memory (traces, lists of this tick's spikes, the crossbar itself), run by the owning
 * worker after the core's neurons have fired. See model.proto's Plasticity for the rule and its timing:
 *
 * <pre>
 *   each tick:   x_i *= decay_plus;  y_j *= decay_minus                      (16-bit fixed point)
 *                for each learning axon i that delivered a spike:  w_ij -= a_minus * y_j   for every synapse j
 *                for each neuron j that fired:                      w_ij += a_plus  * x_i   for every learning row i
 *                x_i += 1 for the delivered axons;  y_j += 1 for the fired neurons
 * </pre>
 *
 * Triplet STDP adds slow traces x2 (per axon) and y2 (per neuron), decayed and jumped the same way, and uses
 * a_minus + a3_minus * x2_i as the depression amplitude and a_plus + a3_plus * y2_j as the potentiation amplitude
 * (both traces read before this tick's jumps).
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
    /** Triplet STDP: per rule the triplet amplitudes and the x2 decay; whether any rule is triplet; the y2 decay. */
    private final double[] a3Plus;
    private final double[] a3Minus;
    private final int[] decayX2Q16;
    private final boolean[] tripletRule;
    /** Sum-of-products rules beyond pair/triplet STDP: their term tables (16 coefficients, steps), else null. */
    private final double[][] preTerms;
    private final double[][] postTerms;
    private final boolean anySumOfProducts;
    private final boolean triplet;
    private final int decayY2Q16;
    /** Reward-modulated STDP: per rule the tag decay and eta; reward value per axon (null: no reward axon). */
    private final boolean[] rstdpRule;
    private final int[] decayEQ16;
    private final double[] eta;
    private final boolean anyRstdp;
    private final float[] rewardOfAxon;
    private double reward;
    /** Self-backpropagation of some rules' changes (pending per epoch), or null. */
    private final SbpEngine sbp;
    /** Two-phase contrastive learning (all rules of the core), or null. */
    private final TwoPhaseEngine twoPhase;
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
        a3Plus = new double[rules + 1];
        a3Minus = new double[rules + 1];
        decayX2Q16 = new int[rules + 1];
        tripletRule = new boolean[rules + 1];
        preTerms = new double[rules + 1][];
        postTerms = new double[rules + 1][];
        boolean anyTriplet = false;
        rstdpRule = new boolean[rules + 1];
        decayEQ16 = new int[rules + 1];
        eta = new double[rules + 1];
        boolean rstdp = false;
        int y2 = 0;
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getLearningRules(r);
            aPlus[r + 1] = rule.getAPlusSteps();
            aMinus[r + 1] = rule.getAMinusSteps();
            decayPlusQ16[r + 1] = rule.getDecayPlusQ16();
            wMin[r + 1] = rule.getWMinSteps();
            wMax[r + 1] = rule.getWMaxSteps();
            soft[r + 1] = rule.getSoftBounds();
            if (rule.getPreTermStepsCount() > 0)
            {
                preTerms[r + 1] = toArray(rule.getPreTermStepsList());
                postTerms[r + 1] = toArray(rule.getPostTermStepsList());
            }
            if (rule.getTriplet())
            {
                tripletRule[r + 1] = true;
                a3Plus[r + 1] = rule.getA3PlusSteps();
                a3Minus[r + 1] = rule.getA3MinusSteps();
                decayX2Q16[r + 1] = rule.getDecayX2Q16();
                y2 = rule.getDecayY2Q16();
                anyTriplet = true;
            }
        }
        triplet = anyTriplet;
        boolean sumOfProducts = false;
        for (final double[] terms : preTerms)
        {
            sumOfProducts |= terms != null;
        }
        anySumOfProducts = sumOfProducts;
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getLearningRules(r);
            if (rule.getRstdp())
            {
                rstdpRule[r + 1] = true;
                decayEQ16[r + 1] = rule.getDecayEQ16();
                eta[r + 1] = rule.getEta();
                rstdp = true;
            }
        }
        anyRstdp = rstdp;
        if (program.getAxonRewardCount() > 0)
        {
            rewardOfAxon = new float[axons];
            for (int a = 0; a < axons; a++)
            {
                rewardOfAxon[a] = program.getAxonReward(a);
            }
        }
        else
        {
            rewardOfAxon = null;
        }
        decayY2Q16 = y2;
        decayMinusQ16 = program.getLearningRules(0).getDecayMinusQ16();
        for (int a = 0; a < axons; a++)
        {
            memory.putByte(layout.axonRuleOffset + a, (byte)program.getAxonRule(a));
        }
        memory.putBytes(layout.maskOffset, program.getPlasticMask().toByteArray());
        sbp = SbpEngine.of(memory, layout, program, this);
        twoPhase = TwoPhaseEngine.of(memory, layout, program, this);
    }

    /** The two-phase engine of this core, or null when its rules are not two-phase. */
    TwoPhaseEngine twoPhase()
    {
        return twoPhase;
    }

    /** The SBP engine of this core, or null when no rule of the core has SBP. */
    SbpEngine sbp()
    {
        return sbp;
    }

    int ruleOf(final int axon)
    {
        return memory.getByte(layout.axonRuleOffset + axon) & 0xFF;
    }

    /** An axon's spike was delivered this tick. */
    void onDelivered(final int axon)
    {
        if (rewardOfAxon != null)
        {
            reward += rewardOfAxon[axon];
        }
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
    long learn(final long tick)
    {
        // SBP: the previous epoch's pending changes, scaled by the packets that arrived, go to the weights first
        long updates = sbp != null && sbp.epochStarts(tick) ? sbp.apply() : 0;
        if (twoPhase != null)
        {
            // a two-phase core counts spikes instead of keeping traces
            updates += twoPhase.learn(tick, layout.arrivedOffset, arrived, layout.firedOffset, fired);
            reward = 0;
            arrived = 0;
            fired = 0;
            return updates;
        }
        decayTraces();
        if (anyRstdp)
        {
            decayTags();
        }
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
        if (triplet)
        {
            for (int k = 0; k < arrived; k++)
            {
                addToTrace(layout.preTrace2Offset + (memory.getInt(layout.arrivedOffset + (k << 2), ORDER) << 2));
            }
            for (int k = 0; k < fired; k++)
            {
                addToTrace(layout.postTrace2Offset + (memory.getInt(layout.firedOffset + (k << 2), ORDER) << 2));
            }
        }
        if (anyRstdp && reward != 0)
        {
            updates += applyReward();
        }
        reward = 0;
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
                if (tripletRule[rule])
                {
                    decay(layout.preTrace2Offset + (a << 2), decayX2Q16[rule]);
                }
            }
        }
        for (int n = 0; n < neurons; n++)
        {
            decay(layout.postTraceOffset + (n << 2), decayMinusQ16);
        }
        if (triplet)
        {
            for (int n = 0; n < neurons; n++)
            {
                decay(layout.postTrace2Offset + (n << 2), decayY2Q16);
            }
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

    private static double[] toArray(final java.util.List<Double> values)
    {
        final double[] array = new double[values.size()];
        for (int k = 0; k < array.length; k++)
        {
            array[k] = values.get(k);
        }
        return array;
    }

    /**
     * A sum-of-products rule's change for one synapse: the sum over the table's non-zero entries of the coefficient
     * times the traces its index names (bit 1 x1, 2 x2, 4 y1, 8 y2), traces as real numbers (Q16 / 65536).
     */
    private static double sumOfProducts(final double[] terms, final double x1, final double x2, final double y1,
        final double y2)
    {
        double sum = 0;
        for (int m = 0; m < terms.length; m++)
        {
            final double c = terms[m];
            if (c != 0)
            {
                double product = c;
                if ((m & 1) != 0)
                {
                    product *= x1;
                }
                if ((m & 2) != 0)
                {
                    product *= x2;
                }
                if ((m & 4) != 0)
                {
                    product *= y1;
                }
                if ((m & 8) != 0)
                {
                    product *= y2;
                }
                sum += product;
            }
        }
        return sum;
    }

    private double trace(final int base, final int index)
    {
        return memory.getInt(base + (index << 2), ORDER) * INVERSE_Q16;
    }

    /** Pre spike on axon i under a sum-of-products rule: every synapse of its row changes by the pre terms. */
    private long preSumOfProducts(final int axon, final int rule)
    {
        final boolean slow = triplet;
        final double x1 = trace(layout.preTraceOffset, axon);
        final double x2 = slow ? trace(layout.preTrace2Offset, axon) : 0;
        long updates = 0;
        for (int n = 0; n < neurons; n++)
        {
            if (isSynapse(axon, n))
            {
                final double delta = sumOfProducts(preTerms[rule], x1, x2, trace(layout.postTraceOffset, n),
                    slow ? trace(layout.postTrace2Offset, n) : 0);
                if (delta != 0)
                {
                    changeOrTag(axon, n, rule, delta);
                    updates++;
                }
            }
        }
        return updates;
    }

    /**
     * Post spike of neuron j: every synapse of its column on a row with a sum-of-products rule changes by that rule's
     * post terms (a change of exactly 0 is no update).
     */
    private long postSumOfProducts(final int neuron)
    {
        final boolean slow = triplet;
        final double y1 = trace(layout.postTraceOffset, neuron);
        final double y2 = slow ? trace(layout.postTrace2Offset, neuron) : 0;
        long updates = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule != 0 && postTerms[rule] != null && isSynapse(a, neuron))
            {
                final double delta = sumOfProducts(postTerms[rule], trace(layout.preTraceOffset, a),
                    slow ? trace(layout.preTrace2Offset, a) : 0, y1, y2);
                if (delta != 0)
                {
                    changeOrTag(a, neuron, rule, delta);
                    updates++;
                }
            }
        }
        return updates;
    }

    /** Pre spike on axon i: every synapse of its row loses a_minus times its neuron's post trace. */
    private long depress(final int axon)
    {
        final int rule = ruleOf(axon);
        if (preTerms[rule] != null)
        {
            return preSumOfProducts(axon, rule);
        }
        // triplet: a_minus + a3_minus * x2_i, x2 read before this spike's jump
        final double amplitude = tripletRule[rule] ?
            aMinus[rule] + a3Minus[rule] * memory.getInt(layout.preTrace2Offset + (axon << 2), ORDER) * INVERSE_Q16 :
            aMinus[rule];
        long updates = 0;
        for (int n = 0; n < neurons; n++)
        {
            final int trace = memory.getInt(layout.postTraceOffset + (n << 2), ORDER);
            if (trace != 0 && isSynapse(axon, n))
            {
                changeOrTag(axon, n, rule, -amplitude * trace * INVERSE_Q16);
                updates++;
            }
        }
        return updates;
    }

    /** Post spike of neuron j: every learning synapse of its column gains a_plus times its axon's pre trace. */
    private long potentiate(final int neuron)
    {
        // triplet: y2_j read before this spike's jump
        final double y2 = triplet ? memory.getInt(layout.postTrace2Offset + (neuron << 2), ORDER) * INVERSE_Q16 : 0;
        long updates = anySumOfProducts ? postSumOfProducts(neuron) : 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule == 0 || postTerms[rule] != null)
            {
                continue;
            }
            final int trace = memory.getInt(layout.preTraceOffset + (a << 2), ORDER);
            if (trace != 0 && isSynapse(a, neuron))
            {
                changeOrTag(a, neuron, rule, (aPlus[rule] + a3Plus[rule] * y2) * trace * INVERSE_Q16);
                updates++;
            }
        }
        return updates;
    }

    private int tagOffset(final int axon, final int neuron)
    {
        return layout.tagsOffset + ((axon * neurons + neuron) << 2);
    }

    /** A weight change, or for an rstdp row the same change added to the synapse's eligibility tag (exact, Q16). */
    void changeOrTag(final int axon, final int neuron, final int rule, final double deltaSteps)
    {
        if (sbp != null && sbp.holds(rule))
        {
            sbp.addPending(axon, neuron, deltaSteps);
            return;
        }
        if (!rstdpRule[rule])
        {
            change(axon, neuron, rule, deltaSteps);
            return;
        }
        final int at = tagOffset(axon, neuron);
        final long tag = memory.getInt(at, ORDER) + Math.round(deltaSteps * ONE_Q16);
        memory.putInt(at, (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, tag)), ORDER);
    }

    /** e = round_half_up(e * decay_e) for every synapse of every rstdp row. */
    private void decayTags()
    {
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule != 0 && rstdpRule[rule])
            {
                for (int n = 0; n < neurons; n++)
                {
                    decay(tagOffset(a, n), decayEQ16[rule]);
                }
            }
        }
    }

    /** w += eta * r * e for every synapse of every rstdp row whose tag is not zero. */
    private long applyReward()
    {
        long updates = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule == 0 || !rstdpRule[rule])
            {
                continue;
            }
            final double factor = eta[rule] * reward * INVERSE_Q16;
            for (int n = 0; n < neurons; n++)
            {
                final int tag = memory.getInt(tagOffset(a, n), ORDER);
                if (tag != 0 && isSynapse(a, n))
                {
                    change(a, n, rule, factor * tag);
                    updates++;
                }
            }
        }
        return updates;
    }

    boolean isSynapse(final int axon, final int neuron)
    {
        return layout.cellBit(memory, layout.maskOffset, axon, neuron);
    }

    /** w += deltaSteps, soft-bounded, stochastically rounded and clipped to the rule's bounds. */
    void change(final int axon, final int neuron, final int rule, final double deltaSteps)
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
