package org.chipsim.chip;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.StpRule;

/**
 * Tsodyks-Markram short-term plasticity in one core's memory: per axon u and x in 16-bit fixed point (1.0 = 65536)
 * and the tick of its last spike. At a spike on axon a at tick t ({@code rhu(v) = (v + 32768) >> 16}, half up):
 *
 * <pre>
 *   first spike:  u = U;  x = 1
 *   else:         f = round(exp(-dt / tau_f) * 65536);  g = round(exp(-dt / tau_d) * 65536)   (StrictMath, dt = t - last)
 *                 u = U + rhu((u - U) * f);  x = 65536 + rhu((x - 65536) * g)
 *   u = u + rhu(U * (65536 - u));  gain = rhu(u * x);  x = x - gain
 *   every cell j of the row:  dendrite_j += rhu(w_aj * gain)
 * </pre>
 *
 * Relaxation is computed in closed form at the spike (no per-tick work for silent axons); everything is integer
 * arithmetic or StrictMath, so the result is the same on every machine and for any number of workers.
 */
final class StpEngine
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final long ONE = 1L << 16;
    private static final long HALF = 1L << 15;

    private final UnsafeBuffer memory;
    private final CoreLayout layout;
    private final long[] u;
    private final double[] tauF;
    private final double[] tauD;

    StpEngine(final UnsafeBuffer memory, final CoreLayout layout, final CoreProgram program)
    {
        this.memory = memory;
        this.layout = layout;
        final int rules = program.getStpRulesCount();
        u = new long[rules + 1];
        tauF = new double[rules + 1];
        tauD = new double[rules + 1];
        for (int r = 0; r < rules; r++)
        {
            final StpRule rule = program.getStpRules(r);
            u[r + 1] = rule.getUQ16();
            tauF[r + 1] = rule.getTauFTicks();
            tauD[r + 1] = rule.getTauDTicks();
        }
        for (int a = 0; a < layout.axons; a++)
        {
            memory.putByte(layout.stpRuleOffset + a, (byte)program.getAxonStp(a));
        }
    }

    private static long rhu(final long value)
    {
        return (value + HALF) >> 16;
    }

    /** The gain (16-bit fixed point) of this spike on {@code axon} at {@code tick}, state updated; -1 for a static row. */
    int gain(final int axon, final long tick)
    {
        final int rule = memory.getByte(layout.stpRuleOffset + axon) & 0xFF;
        if (rule == 0)
        {
            return -1;
        }
        final int at = layout.stpStateOffset + axon * CoreLayout.STP_STATE_BYTES;
        final long last = memory.getLong(at + 8, ORDER);
        final long bigU = u[rule];
        long uu;
        long xx;
        if (last == 0)
        {
            uu = bigU;
            xx = ONE;
        }
        else
        {
            final double dt = tick - (last - 1);
            final long f = Math.round(StrictMath.exp(-dt / tauF[rule]) * ONE);
            final long g = Math.round(StrictMath.exp(-dt / tauD[rule]) * ONE);
            uu = bigU + rhu((memory.getInt(at, ORDER) - bigU) * f);
            xx = ONE + rhu((memory.getInt(at + 4, ORDER) - ONE) * g);
        }
        uu += rhu(bigU * (ONE - uu));
        final long gain = rhu(uu * xx);
        xx -= gain;
        memory.putInt(at, (int)uu, ORDER);
        memory.putInt(at + 4, (int)xx, ORDER);
        memory.putLong(at + 8, tick + 1, ORDER);
        return (int)gain;
    }
}
