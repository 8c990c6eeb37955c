package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearningRule;

/**
 * Self-backpropagation (SBP) in one core's own memory, on top of the core's base rule (pair or triplet STDP): the base
 * rule's changes to SBP rows are held pending for a learning epoch, and at each epoch's end
 *
 * <pre>
 *   sender   (holds row k, the output synapses of neuron k):
 *            L+_k = sum_j max(p_kj, 0),  L-_k = sum_j min(p_kj, 0)       p: pending change, steps, 16-bit fixed point
 *            one SBP packet (k, L+_k, L-_k) on the row's reverse route (8-bit fixed point, rounded half up)
 *   receiver (holds neuron k), at the start of the next epoch, for every pending p_ik != 0:
 *            N_k = round(L_k * 65536 / sum over the core's neurons of L)        (Q16; 0 when the sum is 0)
 *            factor_k = 65536 + round(lambda_f_q16 * N_k / 65536)               (Q16)
 *            w_ik += stochastic_round(p_ik * factor_k / 65536 / 65536)          (soft bounds and clipping as always)
 *            with L = L+ for p_ik > 0 and L = |L-| for p_ik < 0
 * </pre>
 *
 * Rows without an SBP route (inputs, or neurons whose inputs do not learn by SBP) send nothing; neurons that received
 * nothing are scaled by 1. The last epoch of a run ends at its last tick and is applied after the run's final drain
 * ({@link Core#finishLearning()}). Allocation-free; everything lives in the core's buffer (see {@link CoreLayout}).
 */
final class SbpEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final long ONE_Q16 = 1L << 16;
    private static final double INVERSE_2_POW_32 = 0x1.0p-32;
    /** Received sums saturate here (2^32 weight steps in 8-bit fixed point), so N's arithmetic cannot overflow. */
    private static final long MAX_SUM_Q8 = 1L << 40;

    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final LearningEngine engine;
    private final int axons;
    private final int neurons;
    /** Per rule index (r + 1): whether its changes are pending SBP changes, and its lambda * f in Q16. */
    private final boolean[] sbpRule;
    private final long[] lambdaFQ16;
    private final int epochTicks;
    /** Bytes moved in the core's memory (pending changes, sums, routes), counted by the core after each call. */
    final MemoryTally memoryTally = new MemoryTally();

    private SbpEngine(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program,
        final LearningEngine engine)
    {
        this.memory = memory;
        this.layout = layout;
        this.engine = engine;
        this.axons = layout.axons;
        this.neurons = layout.neurons;
        final int rules = program.getLearningRulesCount();
        sbpRule = new boolean[rules + 1];
        lambdaFQ16 = new long[rules + 1];
        int epoch = 0;
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getLearningRules(r);
            if (rule.getSbp())
            {
                sbpRule[r + 1] = true;
                lambdaFQ16[r + 1] = Integer.toUnsignedLong(rule.getSbpLambdaFQ16());
                epoch = rule.getSbpEpochTicks();
            }
        }
        this.epochTicks = epoch;
        final boolean routed = program.getSbpRouteCoreCount() > 0;
        for (int a = 0; a < axons; a++)
        {
            final int at = layout.sbpRoutesOffset + (a << 3);
            memory.putInt(at, routed ? program.getSbpRouteCore(a) : -1, ORDER);
            memory.putInt(at + 4, routed ? program.getSbpRouteNeuron(a) : 0, ORDER);
        }
    }

    /** The SBP engine of a learning core, or null when none of its rules has SBP. */
    static SbpEngine of(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program,
        final LearningEngine engine)
    {
        return layout.sbp ? new SbpEngine(memory, layout, program, engine) : null;
    }

    /** Whether rule index {@code rule} (r + 1) holds its changes pending for SBP. */
    boolean holds(final int rule)
    {
        return sbpRule[rule];
    }

    /** Tick {@code tick} begins a new epoch: the previous epoch's pending changes are applied first. */
    boolean epochStarts(final long tick)
    {
        return tick > 0 && tick % epochTicks == 0;
    }

    /** Tick {@code tick} is the last of an epoch (every epoch_ticks ticks, and the run's last tick). */
    boolean epochEnds(final long tick, final long totalTicks)
    {
        return (tick + 1) % epochTicks == 0 || tick + 1 == totalTicks;
    }

    private int pendingOffset(final int axon, final int neuron)
    {
        return layout.sbpPendingOffset + ((axon * neurons + neuron) << 2);
    }

    /** The base rule's change of one synapse, held until the epoch ends (exact in 16-bit fixed point, saturating). */
    void addPending(final int axon, final int neuron, final double deltaSteps)
    {
        final int at = pendingOffset(axon, neuron);
        final long pending = memory.getInt(at, ORDER) + Math.round(deltaSteps * ONE_Q16);
        memory.putInt(at, (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, pending)), ORDER);
        memoryTally.readBytes += 4;
        memoryTally.writeBytes += 4;
    }

    /** The pending change of one synapse in weight steps (for tests). */
    double pendingSteps(final int axon, final int neuron)
    {
        return memory.getInt(pendingOffset(axon, neuron), ORDER) / (double)ONE_Q16;
    }

    /** End of an epoch: one SBP packet per routed row whose pending changes are not all zero. */
    void sendSums(final Core core, final Worker worker)
    {
        for (int a = 0; a < axons; a++)
        {
            final int routeAt = layout.sbpRoutesOffset + (a << 3);
            final int dstCore = memory.getInt(routeAt, ORDER);
            if (dstCore < 0 || !sbpRule[engine.ruleOf(a)])
            {
                continue;
            }
            long plus = 0;
            long minus = 0;
            final int row = pendingOffset(a, 0);
            for (int n = 0; n < neurons; n++)
            {
                final int pending = memory.getInt(row + (n << 2), ORDER);
                if (pending > 0)
                {
                    plus += pending;
                }
                else
                {
                    minus += pending;
                }
            }
            memoryTally.readBytes += 8 + 4L * neurons;
            if (plus != 0 || minus != 0)
            {
                worker.sendSbp(core, dstCore, memory.getInt(routeAt + 4, ORDER), toQ8(plus), toQ8(minus));
            }
        }
    }

    /** 16-bit to 8-bit fixed point, rounded half up, saturated to 32 bits. */
    private static int toQ8(final long q16)
    {
        return (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (q16 + 128) >> 8));
    }

    private int sumsOffset(final int neuron)
    {
        return layout.sbpSumsOffset + (neuron << 4);
    }

    /** An SBP packet for neuron {@code neuron}: its sums add to what other downstream cores sent. */
    void receive(final int neuron, final int plusQ8, final int minusQ8)
    {
        final int at = sumsOffset(neuron);
        memory.putLong(at, Math.min(MAX_SUM_Q8, memory.getLong(at, ORDER) + plusQ8), ORDER);
        memory.putLong(at + 8, Math.max(-MAX_SUM_Q8, memory.getLong(at + 8, ORDER) + minusQ8), ORDER);
    }

    /** The scaling factor (Q16) of a neuron whose sum is {@code sumQ8} out of the core's {@code totalQ8}. */
    private static long factorQ16(final long lambdaFQ16, final long sumQ8, final long totalQ8)
    {
        if (totalQ8 == 0)
        {
            return ONE_Q16;
        }
        final long normalizedQ16 = ((sumQ8 << 16) + (totalQ8 >> 1)) / totalQ8;
        return ONE_Q16 + ((lambdaFQ16 * normalizedQ16 + (ONE_Q16 >> 1)) >> 16);
    }

    /** Applies every pending change, scaled by the sums received, and clears them; returns the weights updated. */
    long apply()
    {
        long totalPlus = 0;
        long totalMinus = 0;
        for (int n = 0; n < neurons; n++)
        {
            totalPlus += memory.getLong(sumsOffset(n), ORDER);
            totalMinus -= memory.getLong(sumsOffset(n) + 8, ORDER);
        }
        memoryTally.readBytes += 16L * neurons;
        long updates = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = engine.ruleOf(a);
            if (!sbpRule[rule])
            {
                continue;
            }
            final long lambdaF = lambdaFQ16[rule];
            final int row = pendingOffset(a, 0);
            memoryTally.readBytes += 4L * neurons;
            for (int n = 0; n < neurons; n++)
            {
                final int pending = memory.getInt(row + (n << 2), ORDER);
                if (pending == 0)
                {
                    continue;
                }
                final int sums = sumsOffset(n);
                final long factor = pending > 0 ?
                    factorQ16(lambdaF, memory.getLong(sums, ORDER), totalPlus) :
                    factorQ16(lambdaF, -memory.getLong(sums + 8, ORDER), totalMinus);
                engine.change(a, n, rule, (double)pending * factor * INVERSE_2_POW_32);
                memory.putInt(row + (n << 2), 0, ORDER);
                memoryTally.writeBytes += 4;
                updates++;
            }
        }
        for (int n = 0; n < neurons; n++)
        {
            memory.putLong(sumsOffset(n), 0L, ORDER);
            memory.putLong(sumsOffset(n) + 8, 0L, ORDER);
        }
        memoryTally.writeBytes += 16L * neurons;
        return updates;
    }
}
