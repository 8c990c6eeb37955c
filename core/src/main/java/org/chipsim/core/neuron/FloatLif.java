package org.chipsim.core.neuron;

import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.ResetMode;

/**
 * The LIF update in double precision without quantization: the float reference the fixed-point chip is validated
 * against. Same equations as {@link FixedPointLif}, real arithmetic, no saturation (no bit widths).
 */
public final class FloatLif
{
    private final double threshold;
    private final double decay;
    private final double leak;
    private final double vReset;
    private final boolean resetSubtract;
    private final int refractoryTicks;
    private final boolean vMinSet;
    private final double vMin;
    private final double vInit;
    private final boolean currentBased;
    private final double currentDecay;

    public FloatLif(final LifNeuron lif)
    {
        this.currentBased = lif.hasSynapticCurrent();
        this.currentDecay = lif.getSynapticCurrent().getDecay();
        this.threshold = lif.getThreshold();
        this.decay = effectiveDecay(lif);
        this.leak = lif.getLeak();
        this.vReset = lif.getVReset();
        this.resetSubtract = lif.getResetMode() == ResetMode.RESET_SUBTRACT;
        this.refractoryTicks = lif.getRefractoryTicks();
        this.vMinSet = lif.getVMinSet();
        this.vMin = lif.getVMin();
        this.vInit = lif.getVInit();
    }

    /** The decay the schema means: an unset decay (0 without decay_set) is 1, no decay. */
    public static double effectiveDecay(final LifNeuron lif)
    {
        return lif.getDecay() == 0f && !lif.getDecaySet() ? 1.0 : lif.getDecay();
    }

    public double integrate(final double v, final double input, final double bias)
    {
        double x = decay * v;
        if (x > 0)
        {
            x = Math.max(x - leak, 0);
        }
        x += bias + input;
        if (vMinSet && x < vMin)
        {
            x = vMin;
        }
        return x;
    }

    /** CUBA: the synaptic current after this tick, {@code d_u * u + input}. */
    public double current(final double u, final double input)
    {
        return currentDecay * u + input;
    }

    /** True for a current-based (CUBA) neuron: {@link #integrate} then takes the current u as its input. */
    public boolean currentBased()
    {
        return currentBased;
    }

    public boolean fires(final double v)
    {
        return v >= threshold;
    }

    public double reset(final double v)
    {
        return resetSubtract ? v - threshold : vReset;
    }

    public int refractoryTicks()
    {
        return refractoryTicks;
    }

    public double initialPotential()
    {
        return vInit;
    }
}
