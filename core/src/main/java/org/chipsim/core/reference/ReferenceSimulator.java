package org.chipsim.core.reference;

import org.chipsim.core.ModelValidator;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.SynapseView;
import org.chipsim.core.neuron.FixedPointLif;
import org.chipsim.core.neuron.FloatLif;
import org.chipsim.core.neuron.Quantization;
import org.chipsim.core.stimulus.StimulusSchedule;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;

/**
 * The network simulated whole, on one thread, with no partitioning, no mesh and no chip: the yardstick the compiled
 * chip is checked against.
 *
 * <ul>
 *   <li>{@link Mode#FIXED_POINT} quantizes exactly as the compiler does and uses the same {@link FixedPointLif} (the
 *   chip's accumulator and membrane widths, the CUBA neuron's fixed-point current); a correctly mapped chip must
 *   produce bit-identical spikes.</li>
 *   <li>{@link Mode#FLOAT} uses the unquantized weights in double precision ({@link FloatLif}): the float reference
 *   that tells how much quantization changes the network's behaviour.</li>
 * </ul>
 * Clear and direct rather than fast: it is meant for validation on small and medium networks.
 */
public final class ReferenceSimulator
{
    public enum Mode
    {
        FIXED_POINT,
        FLOAT
    }

    private final Network network;
    private final NetworkIndex index;
    private final Mode mode;
    private final int slots;
    private final StimulusSchedule schedule;
    /** Outgoing synapses per population and source neuron: for each projection from it, CSR rows. */
    private final Outgoing[][] outgoing;
    private final FixedPointLif[] fixedLif;
    private final FloatLif[] floatLif;
    private final long[][] fixedBias;
    private final double[][] floatBias;
    /** Input arriving per [slot][population][neuron]. */
    private final long[][][] fixedInput;
    private final double[][][] floatInput;
    private final long[][] fixedV;
    private final double[][] floatV;
    private final int[][] refractory;
    /** Synaptic current of CUBA neurons (fixed point: 16-bit fraction of a step), null for other populations. */
    private final long[][] fixedU;
    private final double[][] floatU;
    /** ANN-mode populations (docs/ann-mode.md). */
    private final AnnReference ann;
    /** The next tick to simulate: successive calls to {@link #run} continue where the last one stopped. */
    private long nextTick;

    private static final class Outgoing
    {
        final int target;
        final int delayTicks;
        final int[] start;
        final int[] post;
        final long[] fixedWeight;
        final double[] floatWeight;

        Outgoing(final int target, final int delayTicks, final int[] start, final int[] post, final long[] fixedWeight,
            final double[] floatWeight)
        {
            this.target = target;
            this.delayTicks = delayTicks;
            this.start = start;
            this.post = post;
            this.fixedWeight = fixedWeight;
            this.floatWeight = floatWeight;
        }
    }

    public ReferenceSimulator(final Model model, final Mode mode)
    {
        final ChipSpec chip = ModelValidator.validate(model);
        for (final Projection projection : model.getNetwork().getProjectionsList())
        {
            if (projection.hasPlasticity())
            {
                // comparing a learning chip with a frozen reference would be silently wrong
                throw new org.chipsim.core.ModelException("projection '" + ModelValidator.projectionName(projection) +
                    "' learns: the reference simulator models fixed weights only; remove its plasticity to compare");
            }
        }
        if (ModelValidator.adapts(model.getNetwork()) || ModelValidator.hasStp(model.getNetwork()))
        {
            throw new org.chipsim.core.ModelException("a population has homeostasis (adaptive threshold) or a projection short-term plasticity: the " +
                "reference simulator models neither; remove them to compare");
        }
        this.network = model.getNetwork();
        this.index = new NetworkIndex(network);
        this.mode = mode;
        this.slots = chip.getMaxDelayTicks() + 2;
        this.schedule = new StimulusSchedule(model.getStimulus(), index,
            model.getRun().getSeed() == 0 ? 1 : model.getRun().getSeed());
        final int populations = index.populationCount();
        final double[] scale = new double[populations];
        fixedLif = new FixedPointLif[populations];
        floatLif = new FloatLif[populations];
        fixedBias = new long[populations][];
        floatBias = new double[populations][];
        fixedV = new long[populations][];
        floatV = new double[populations][];
        refractory = new int[populations][];
        fixedU = new long[populations][];
        floatU = new double[populations][];
        fixedInput = new long[slots][populations][];
        floatInput = new double[slots][populations][];
        for (int p = 0; p < populations; p++)
        {
            final Population population = network.getPopulations(p);
            final int size = population.getSize();
            refractory[p] = new int[size];
            for (int s = 0; s < slots; s++)
            {
                fixedInput[s][p] = new long[size];
                floatInput[s][p] = new double[size];
            }
            if (population.getInput() || population.hasAnn())
            {
                continue;
            }
            scale[p] = Quantization.populationScale(network, index, p, chip.getWeightBits());
            fixedLif[p] = new FixedPointLif(Quantization.quantizeLif(population.getName(), population.getLif(),
                scale[p], chip.getMembraneBits(), chip.getAccumulatorBits()));
            floatLif[p] = new FloatLif(population.getLif());
            final int[] q = Quantization.quantizeBiases(network, index, p, scale[p]);
            final double[] real = Quantization.biases(network, index, p);
            fixedBias[p] = new long[size];
            floatBias[p] = new double[size];
            fixedV[p] = new long[size];
            floatV[p] = new double[size];
            if (population.getLif().hasSynapticCurrent())
            {
                fixedU[p] = new long[size];
                floatU[p] = new double[size];
            }
            for (int n = 0; n < size; n++)
            {
                fixedBias[p][n] = q[n];
                floatBias[p][n] = real[n];
            }
        }
        ann = new AnnReference(network, index, chip.getWeightBits(), mode == Mode.FIXED_POINT);
        outgoing = buildOutgoing(chip.getWeightBits(), scale);
        resetState();
    }

    private Outgoing[][] buildOutgoing(final int weightBits, final double[] scale)
    {
        final int populations = index.populationCount();
        final int[] fanOutProjections = new int[populations];
        for (final Projection projection : network.getProjectionsList())
        {
            if (!ann.isAnn(index.indexOf(projection.getTarget())))
            {
                fanOutProjections[index.indexOf(projection.getSource())]++;
            }
        }
        final Outgoing[][] result = new Outgoing[populations][];
        final int[] fill = new int[populations];
        for (int p = 0; p < populations; p++)
        {
            result[p] = new Outgoing[fanOutProjections[p]];
        }
        for (final Projection projection : network.getProjectionsList())
        {
            final int source = index.indexOf(projection.getSource());
            final int target = index.indexOf(projection.getTarget());
            if (ann.isAnn(target))
            {
                continue; // ANN targets sum their window's inputs themselves (AnnReference)
            }
            final int rows = index.size(source);
            final int cols = index.size(target);
            final SynapsesByPre synapses = SynapsesByPre.of(new SynapseView(projection, rows, cols), rows);
            final long[] fixedWeight = new long[synapses.count()];
            final double[] floatWeight = new double[synapses.count()];
            for (int k = 0; k < synapses.count(); k++)
            {
                final float w = synapses.weight()[k];
                floatWeight[k] = w;
                fixedWeight[k] = Quantization.quantizeWeight(w, scale[target], weightBits);
            }
            final int[] start = synapses.start();
            final int[] post = synapses.post();
            result[source][fill[source]++] = new Outgoing(target, projection.getDelayTicks(), start, post, fixedWeight,
                floatWeight);
        }
        return result;
    }

    private void resetState()
    {
        ann.reset();
        for (int p = 0; p < index.populationCount(); p++)
        {
            if (fixedLif[p] == null)
            {
                continue;
            }
            java.util.Arrays.fill(fixedV[p], fixedLif[p].initialPotential());
            java.util.Arrays.fill(floatV[p], floatLif[p].initialPotential());
            java.util.Arrays.fill(refractory[p], 0);
            if (fixedU[p] != null)
            {
                java.util.Arrays.fill(fixedU[p], 0L);
                java.util.Arrays.fill(floatU[p], 0.0);
            }
        }
    }

    /**
     * Runs {@code ticks} more ticks from the current state (the first call starts at tick 0) and returns every spike
     * of every population in those ticks.
     */
    public SpikeRaster run(final long ticks)
    {
        final long first = nextTick;
        nextTick += ticks;
        long[] spikes = new long[1024];
        int spikeCount = 0;
        final int maxInput = maxInputSize();
        final int[] inputSpikes = new int[maxInput];
        for (long t = first; t < first + ticks; t++)
        {
            if (schedule.isResetTick(t))
            {
                resetState();
            }
            final int slot = (int)(t % slots);
            for (int p = 0; p < index.populationCount(); p++)
            {
                if (index.isInput(p))
                {
                    final int n = schedule.spikesAt(t, p, 0, index.size(p), inputSpikes);
                    for (int k = 0; k < n; k++)
                    {
                        spikes = append(spikes, spikeCount++, SpikeRaster.encode(t, index.globalId(p, inputSpikes[k])));
                        propagate(p, inputSpikes[k], t);
                    }
                    continue;
                }
                if (ann.isAnn(p))
                {
                    final int fired = ann.step(p, t, inputSpikes);
                    for (int k = 0; k < fired; k++)
                    {
                        spikes = append(spikes, spikeCount++, SpikeRaster.encode(t, index.globalId(p, inputSpikes[k])));
                        propagate(p, inputSpikes[k], t);
                    }
                    continue;
                }
                for (int n = 0; n < index.size(p); n++)
                {
                    if (step(p, n, slot))
                    {
                        spikes = append(spikes, spikeCount++, SpikeRaster.encode(t, index.globalId(p, n)));
                        propagate(p, n, t);
                    }
                }
            }
            for (int p = 0; p < index.populationCount(); p++)
            {
                java.util.Arrays.fill(fixedInput[slot][p], 0L);
                java.util.Arrays.fill(floatInput[slot][p], 0.0);
            }
        }
        return SpikeRaster.of(spikes, spikeCount);
    }

    private boolean step(final int p, final int n, final int slot)
    {
        if (fixedU[p] != null)
        {
            // CUBA: the synaptic current integrates the input also while the neuron is refractory
            if (mode == Mode.FIXED_POINT)
            {
                fixedU[p][n] = fixedLif[p].current(fixedU[p][n], fixedInput[slot][p][n]);
            }
            else
            {
                floatU[p][n] = floatLif[p].current(floatU[p][n], floatInput[slot][p][n]);
            }
        }
        if (refractory[p][n] > 0)
        {
            refractory[p][n]--;
            return false;
        }
        if (mode == Mode.FIXED_POINT)
        {
            final FixedPointLif lif = fixedLif[p];
            final int v = fixedU[p] != null ?
                lif.integrateDrive((int)fixedV[p][n], FixedPointLif.drive(fixedU[p][n]), (int)fixedBias[p][n]) :
                lif.integrate((int)fixedV[p][n], fixedInput[slot][p][n], (int)fixedBias[p][n]);
            if (lif.fires(v))
            {
                fixedV[p][n] = lif.reset(v);
                refractory[p][n] = lif.refractoryTicks();
                return true;
            }
            fixedV[p][n] = v;
            return false;
        }
        final FloatLif lif = floatLif[p];
        final double v = lif.integrate(floatV[p][n], floatU[p] != null ? floatU[p][n] : floatInput[slot][p][n],
            floatBias[p][n]);
        if (lif.fires(v))
        {
            floatV[p][n] = lif.reset(v);
            refractory[p][n] = lif.refractoryTicks();
            return true;
        }
        floatV[p][n] = v;
        return false;
    }

    /**
     * Spikes of tick t reach their targets at t + 1 + delay. Every population of tick t is stepped before this
     * tick's slot is cleared, and arrivals go to later slots only, so evaluation order within a tick cannot matter.
     */
    private void propagate(final int p, final int n, final long t)
    {
        ann.spike(p, n, t);
        for (final Outgoing out : outgoing[p])
        {
            final int slot = (int)((t + 1 + out.delayTicks) % slots);
            final long[] fixedTarget = fixedInput[slot][out.target];
            final double[] floatTarget = floatInput[slot][out.target];
            for (int k = out.start[n]; k < out.start[n + 1]; k++)
            {
                fixedTarget[out.post[k]] += out.fixedWeight[k];
                floatTarget[out.post[k]] += out.floatWeight[k];
            }
        }
    }

    private int maxInputSize()
    {
        int max = 1;
        for (int p = 0; p < index.populationCount(); p++)
        {
            max = Math.max(max, index.size(p));
        }
        return max;
    }

    private static long[] append(final long[] array, final int at, final long value)
    {
        final long[] target = at < array.length ? array : java.util.Arrays.copyOf(array, array.length * 2);
        target[at] = value;
        return target;
    }

    /** The last window's activations of an ANN-mode population: integers in fixed point, real values in float. */
    public double[] activations(final int population)
    {
        return ann.activations(population);
    }

    public NetworkIndex index()
    {
        return index;
    }

    public StimulusSchedule schedule()
    {
        return schedule;
    }
}
