package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.core.stimulus.CounterRandom;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.LearningRule;

/**
 * Hybrid global-local plasticity (model.proto HybridGl; Wu et al. 2022) in one core's own memory. The crossbar holds the
 * frozen global weights W; every synapse of a hybrid row also holds a local weight P (16 bits, weight steps with 8
 * fractional bits), which adds {@code round_half_up(alpha_q16 * P / 2^24)} steps to the row's current at each spike.
 * Each tick, after the neurons fired:
 *
 * <pre>
 *   sbar_i = round_half_up(sbar_i * decay / 65536) + (delivered_i ? jump : 0)          (every hybrid row, Q16)
 *   every epoch_ticks ticks, for every synapse (i, j) of a hybrid row:
 *     u_j   = floor((v_j * 65536) / v_th) - eta_j          v_j = v_th if j fired this tick, else its potential
 *     k_j   = clamp(floor((u_j + 512) / 1024), -256, 256)  tanh_j = TANH_Q15[k_j + 256] = round(tanh(k_j / 64) * 32768)
 *     sum   = (gamma_q16 * P_ij) * 2^15 + beta_i * sbar_i * tanh_j                     (units of 2^-39 steps)
 *     P_ij  = clamp(floor(sum / 2^31) + (sum mod 2^31 > draw31 ? 1 : 0), -p_max, p_max)
 * </pre>
 *
 * draw31 is 31 bits of the counter-based generator keyed by (seed, core, draw number), drawn only when the remainder
 * is not zero, so rounding is stochastic, unbiased and the same for any worker count. A synapse with P = 0 and no
 * drive is not touched; every synapse that is is one learning update (one read-modify-write of P).
 */
final class HybridEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Seed offset of this engine's draws, so they never coincide with the STDP engine's draws of the same core. */
    private static final long STREAM = 0x6879627269642d67L;
    private static final int TANH_STEPS_PER_UNIT = 64;
    private static final int TANH_HALF = 4 * TANH_STEPS_PER_UNIT;
    /** tanh(k / 64) for k = -256 ..= 256, 16-bit signed fixed point (32768 = 1.0). */
    static final int[] TANH_Q15 = new int[2 * TANH_HALF + 1];

    static
    {
        for (int k = -TANH_HALF; k <= TANH_HALF; k++)
        {
            TANH_Q15[k + TANH_HALF] = (int)Math.round(StrictMath.tanh(k / (double)TANH_STEPS_PER_UNIT) * 32768);
        }
    }

    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final int coreId;
    private final long seed;
    private final int axons;
    private final int neurons;
    private final int thresholdSteps;
    private final long[] alphaQ16;
    private final long[] gammaQ16;
    private final int[] pMaxQ8;
    private final int[] decayQ16;
    private final int[] jumpQ16;
    private final int[] epochTicks;
    private final int hybridRows;
    /** tanh_j of the tick being learned, filled once per update tick (scratch, not state: recomputed every time). */
    private final int[] tanhOfNeuron;
    /** Bytes the last learn() read besides P: sbar of every hybrid row; on an update tick also v, eta and the fired
     * flag of every neuron (9 bytes) and beta of every updated row (4 bytes). */
    private long extraReadBytes;

    HybridEngine(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program, final long seed)
    {
        this.memory = memory;
        this.layout = layout;
        this.coreId = program.getCoreId();
        this.seed = seed;
        this.axons = layout.axons;
        this.neurons = layout.neurons;
        this.thresholdSteps = Math.max(1, program.getNeuron().getThreshold());
        final int rules = program.getHybridRulesCount();
        alphaQ16 = new long[rules + 1];
        gammaQ16 = new long[rules + 1];
        pMaxQ8 = new int[rules + 1];
        decayQ16 = new int[rules + 1];
        jumpQ16 = new int[rules + 1];
        epochTicks = new int[rules + 1];
        for (int r = 0; r < rules; r++)
        {
            final LearningRule rule = program.getHybridRules(r);
            alphaQ16[r + 1] = rule.getAlphaQ16();
            gammaQ16[r + 1] = rule.getGammaQ16();
            pMaxQ8[r + 1] = rule.getPMaxQ8();
            decayQ16[r + 1] = rule.getDecayPreQ16();
            jumpQ16[r + 1] = rule.getJumpPreQ16();
            epochTicks[r + 1] = rule.getEpochTicks();
        }
        int rows = 0;
        for (int a = 0; a < axons; a++)
        {
            final int rule = program.getAxonHybrid(a);
            rows += rule != 0 ? 1 : 0;
            memory.putByte(layout.hybridRuleOffset + a, (byte)rule);
            memory.putInt(layout.betaOffset + (a << 2), program.getHybridBetaQ8(a), ORDER);
        }
        hybridRows = rows;
        tanhOfNeuron = new int[neurons];
        for (int n = 0; n < neurons; n++)
        {
            memory.putInt(layout.etaOffset + (n << 2), program.getHybridEtaQ16(n), ORDER);
        }
        memory.putBytes(layout.localWeightOffset, program.getHybridPInitQ8().toByteArray());
        memory.putBytes(layout.hybridMaskOffset, program.getHybridMask().toByteArray());
    }

    /** Hybrid rows count their synapses as SOPs: W or P may be non-zero at any of them. */
    void countSynapsesAsSops()
    {
        for (int a = 0; a < axons; a++)
        {
            if (ruleOf(a) != 0)
            {
                int synapses = 0;
                for (int n = 0; n < neurons; n++)
                {
                    synapses += isSynapse(a, n) ? 1 : 0;
                }
                memory.putInt(layout.rowSopsOffset(a), synapses, ORDER);
            }
        }
    }

    private int ruleOf(final int axon)
    {
        return memory.getByte(layout.hybridRuleOffset + axon) & 0xFF;
    }

    private boolean isSynapse(final int axon, final int neuron)
    {
        return layout.cellBit(memory, layout.hybridMaskOffset, axon, neuron);
    }

    private int pOffset(final int axon, final int neuron)
    {
        return layout.localWeightOffset + ((axon * neurons + neuron) << 1);
    }

    /**
     * A spike was delivered on {@code axon}: for a hybrid row, adds alpha * P of every cell to the dendrite (the
     * crossbar's W the caller adds itself) and returns true; false for other rows.
     */
    boolean onDelivered(final int axon)
    {
        final int rule = ruleOf(axon);
        if (rule == 0)
        {
            return false;
        }
        memory.putByte(layout.hybridArrivedOffset + axon, (byte)1);
        final long alpha = alphaQ16[rule];
        final int row = pOffset(axon, 0);
        final int dendrite = layout.dendriteOffset;
        final UnsafeBuffer m = memory;
        for (int j = 0; j < neurons; j++)
        {
            final int p = m.getShort(row + (j << 1), ORDER);
            if (p != 0)
            {
                final int at = dendrite + (j << 2);
                m.putInt(at, m.getInt(at, ORDER) + (int)((alpha * p + (1L << 23)) >> 24), ORDER);
            }
        }
        return true;
    }

    /** Bytes of P one hybrid row's delivery reads. */
    int rowReadBytes()
    {
        return neurons * 2;
    }

    void onFired(final int neuron)
    {
        memory.putByte(layout.hybridFiredOffset + neuron, (byte)1);
    }

    /** The tick's step: pre activity traces, and on an epoch's last tick the P updates. Returns the updates made. */
    long learn()
    {
        final long ticks = memory.getLong(layout.hybridStateOffset + 8, ORDER) + 1;
        memory.putLong(layout.hybridStateOffset + 8, ticks, ORDER);
        long updates = 0;
        long readBytes = hybridRows * 4L;
        boolean tanhReady = false;
        for (int a = 0; a < axons; a++)
        {
            final int rule = ruleOf(a);
            if (rule == 0)
            {
                continue;
            }
            final int traceAt = layout.preActivityOffset + (a << 2);
            final long trace = memory.getInt(traceAt, ORDER);
            final boolean arrived = memory.getByte(layout.hybridArrivedOffset + a) != 0;
            final long decayed = trace == 0 ? 0 : (trace * decayQ16[rule] + (1L << 15)) >> 16;
            memory.putInt(traceAt, (int)(decayed + (arrived ? jumpQ16[rule] : 0)), ORDER);
            if (ticks % epochTicks[rule] == 0)
            {
                if (!tanhReady)
                {
                    for (int n = 0; n < neurons; n++)
                    {
                        tanhOfNeuron[n] = tanhQ15(n);
                    }
                    tanhReady = true;
                    readBytes += neurons * 9L;
                }
                readBytes += 4;
                updates += updateRow(a, rule);
            }
        }
        extraReadBytes = readBytes;
        for (int a = 0; a < axons; a++)
        {
            memory.putByte(layout.hybridArrivedOffset + a, (byte)0);
        }
        for (int n = 0; n < neurons; n++)
        {
            memory.putByte(layout.hybridFiredOffset + n, (byte)0);
        }
        return updates;
    }

    /** Bytes the tick's trace step writes: every hybrid row's sbar. */
    long traceBytes()
    {
        return hybridRows * 4L;
    }

    /** Bytes the last {@link #learn()} read besides P (see extraReadBytes). */
    long extraReadBytes()
    {
        return extraReadBytes;
    }

    /** tanh(v_j / v_th - eta_j) in 16-bit signed fixed point (32768 = 1.0), from the table. */
    int tanhQ15(final int neuron)
    {
        final boolean fired = memory.getByte(layout.hybridFiredOffset + neuron) != 0;
        final long v = fired ? thresholdSteps : memory.getInt(layout.potentialOffset(neuron), ORDER);
        final long u = Math.floorDiv(v << 16, thresholdSteps) - memory.getInt(layout.etaOffset + (neuron << 2), ORDER);
        final long k = Math.max(-TANH_HALF, Math.min(TANH_HALF, Math.floorDiv(u + 512, 1024)));
        return TANH_Q15[(int)k + TANH_HALF];
    }

    private long updateRow(final int axon, final int rule)
    {
        final long drive = (long)memory.getInt(layout.betaOffset + (axon << 2), ORDER) *
            memory.getInt(layout.preActivityOffset + (axon << 2), ORDER);
        final long gamma = gammaQ16[rule];
        final int pMax = pMaxQ8[rule];
        long updates = 0;
        for (int n = 0; n < neurons; n++)
        {
            final int at = pOffset(axon, n);
            final int p = memory.getShort(at, ORDER);
            if (p == 0 && drive == 0 || !isSynapse(axon, n))
            {
                continue;
            }
            final long sum = ((gamma * p) << 15) + drive * tanhOfNeuron[n];
            long next = sum >> 31;
            final long remainder = sum & 0x7FFF_FFFFL;
            if (remainder != 0 && remainder > draw31())
            {
                next++;
            }
            memory.putShort(at, (short)Math.max(-pMax, Math.min(pMax, next)), ORDER);
            updates++;
        }
        return updates;
    }

    private long draw31()
    {
        final long draw = memory.getLong(layout.hybridStateOffset, ORDER);
        memory.putLong(layout.hybridStateOffset, draw + 1, ORDER);
        return CounterRandom.bits(seed ^ STREAM, coreId, draw) >>> 33;
    }

    /** The local weights P, row-major, in P's unit (1/256 weight step), for write-back. */
    short[] localWeights()
    {
        final short[] p = new short[axons * neurons];
        for (int k = 0; k < p.length; k++)
        {
            p[k] = memory.getShort(layout.localWeightOffset + (k << 1), ORDER);
        }
        return p;
    }
}
