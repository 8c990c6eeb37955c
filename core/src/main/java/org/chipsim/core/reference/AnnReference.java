package org.chipsim.core.reference;

import java.util.ArrayList;
import java.util.List;

import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SynapseView;
import org.chipsim.core.ann.AnnQuantization;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.QuantizedAnn;

/**
 * The ANN-mode populations of the reference simulator (docs/ann-mode.md): per window, inputs x (spike counts from
 * spiking sources, activations from ANN sources) summed into y = act(W x + b), then either activations to ANN targets
 * or rate-coded spikes to spiking targets. In fixed point with exactly the chip's integers ({@link AnnQuantization});
 * in floating point with the unquantized weights in double precision.
 */
final class AnnReference
{
    /** Projections into one ANN population, as CSR rows by source neuron. */
    private static final class Incoming
    {
        final int base;
        final int sourceSize;
        final int[] start;
        final int[] post;
        final long[] fixedWeight;
        final double[] floatWeight;
        /** Real value of one float input unit: 1 / window for spike counts, 1 for activations. */
        final double floatInputScale;

        Incoming(final int base, final int sourceSize, final int[] start, final int[] post, final long[] fixedWeight,
            final double[] floatWeight, final double floatInputScale)
        {
            this.base = base;
            this.sourceSize = sourceSize;
            this.start = start;
            this.post = post;
            this.fixedWeight = fixedWeight;
            this.floatWeight = floatWeight;
            this.floatInputScale = floatInputScale;
        }
    }

    /** Where a source population's spikes or activations land: inputs base .. base + size - 1 of an ANN target. */
    private record Feed(int target, int base, int delayTicks)
    {
    }

    private final boolean fixed;
    private final int windowTicks;
    private final AnnNeuron[] params;
    private final QuantizedAnn[] quantized;
    private final Incoming[][] incoming;
    private final Feed[][] feeds;
    private final long[][][] fixedX;
    private final double[][][] floatX;
    private final long[][] fixedY;
    private final double[][] floatY;
    private final long[][] fixedV;
    private final double[][] floatV;
    private final int[][] fixedBias;
    private final double[][] floatBias;
    private final long[] fixedAcc;
    private final double[] floatAcc;

    AnnReference(final Network network, final NetworkIndex index, final int weightBits, final boolean fixed)
    {
        this.fixed = fixed;
        final int populations = index.populationCount();
        params = new AnnNeuron[populations];
        quantized = new QuantizedAnn[populations];
        incoming = new Incoming[populations][];
        feeds = new Feed[populations][];
        fixedX = new long[populations][][];
        floatX = new double[populations][][];
        fixedY = new long[populations][];
        floatY = new double[populations][];
        fixedV = new long[populations][];
        floatV = new double[populations][];
        fixedBias = new int[populations][];
        floatBias = new double[populations][];
        int w = 1;
        int widest = 1;
        final List<List<Feed>> feedLists = new ArrayList<>();
        for (int p = 0; p < populations; p++)
        {
            feedLists.add(new ArrayList<>());
        }
        for (int p = 0; p < populations; p++)
        {
            final Population population = network.getPopulations(p);
            if (!population.hasAnn() || population.getInput())
            {
                continue;
            }
            final int size = index.size(p);
            widest = Math.max(widest, size);
            params[p] = population.getAnn();
            w = AnnQuantization.windowTicks(params[p]);
            final double accScale = AnnQuantization.accumulatorScale(network, index, p, weightBits);
            quantized[p] = AnnQuantization.quantize(population.getName(), params[p], accScale,
                AnnQuantization.spikingOutput(network, index, p));
            fixedBias[p] = AnnQuantization.quantizeBiases(population.getName(), params[p], size, accScale);
            floatBias[p] = AnnQuantization.biases(params[p], size);
            fixedY[p] = new long[size];
            floatY[p] = new double[size];
            fixedV[p] = new long[size];
            floatV[p] = new double[size];
            final List<Incoming> in = new ArrayList<>();
            int inputs = 0;
            for (final Projection projection : network.getProjectionsList())
            {
                if (!projection.getTarget().equals(population.getName()))
                {
                    continue;
                }
                final int source = index.indexOf(projection.getSource());
                final double step = AnnQuantization.inputStep(network, source, p);
                final boolean annSource = network.getPopulations(source).hasAnn();
                in.add(incoming(projection, index.size(source), size, inputs, step, accScale, weightBits,
                    annSource ? 1.0 : 1.0 / w));
                feedLists.get(source).add(new Feed(p, inputs, projection.getDelayTicks()));
                inputs += index.size(source);
            }
            incoming[p] = in.toArray(new Incoming[0]);
            fixedX[p] = new long[2][inputs];
            floatX[p] = new double[2][inputs];
        }
        for (int p = 0; p < populations; p++)
        {
            feeds[p] = feedLists.get(p).toArray(new Feed[0]);
        }
        this.windowTicks = w;
        fixedAcc = new long[widest];
        floatAcc = new double[widest];
    }

    private static Incoming incoming(final Projection projection, final int rows, final int cols, final int base,
        final double inputStep, final double accScale, final int weightBits, final double floatInputScale)
    {
        final SynapsesByPre synapses = SynapsesByPre.of(new SynapseView(projection, rows, cols), rows);
        final long[] fixedWeight = new long[synapses.count()];
        final double[] floatWeight = new double[synapses.count()];
        for (int k = 0; k < synapses.count(); k++)
        {
            final float weight = synapses.weight()[k];
            floatWeight[k] = weight;
            fixedWeight[k] = AnnQuantization.weight(weight, inputStep, accScale, weightBits);
        }
        final int[] start = synapses.start();
        final int[] post = synapses.post();
        return new Incoming(base, rows, start, post, fixedWeight, floatWeight, floatInputScale);
    }

    boolean isAnn(final int population)
    {
        return params[population] != null;
    }

    /** Start of a sample: the held activations and the spike phases to 0 (inputs in flight are kept, as spikes). */
    void reset()
    {
        for (int p = 0; p < params.length; p++)
        {
            if (params[p] != null)
            {
                java.util.Arrays.fill(fixedY[p], 0L);
                java.util.Arrays.fill(floatY[p], 0.0);
                java.util.Arrays.fill(fixedV[p], 0L);
                java.util.Arrays.fill(floatV[p], 0.0);
            }
        }
    }

    /** A spike of source neuron n of population p fired at tick t: counted by every ANN population it feeds. */
    void spike(final int p, final int n, final long t)
    {
        for (final Feed feed : feeds[p])
        {
            final int parity = (int)(((t + 1 + feed.delayTicks()) / windowTicks) & 1);
            fixedX[feed.target()][parity][feed.base() + n]++;
            floatX[feed.target()][parity][feed.base() + n] += 1.0;
        }
    }

    /**
     * Tick t of ANN population p: rate-coded spikes of the held activations (spiking output), then, in the last tick
     * of a window, the new activations. Writes the neurons that fired into {@code fired}; returns how many.
     */
    int step(final int p, final long t, final int[] fired)
    {
        final QuantizedAnn q = quantized[p];
        final int size = fixedY[p].length;
        int count = 0;
        if (q.getSpikingOutput())
        {
            final int threshold = AnnQuantization.maxActivation(q.getActivation(), q.getActivationBits());
            for (int j = 0; j < size; j++)
            {
                if (fixed)
                {
                    final long v = fixedV[p][j] + fixedY[p][j];
                    fixedV[p][j] = v >= threshold ? v - threshold : v;
                    if (v >= threshold)
                    {
                        fired[count++] = j;
                    }
                }
                else
                {
                    final double v = floatV[p][j] + floatY[p][j] / AnnQuantization.activationMax(params[p]);
                    floatV[p][j] = v >= 1.0 ? v - 1.0 : v;
                    if (v >= 1.0)
                    {
                        fired[count++] = j;
                    }
                }
            }
        }
        if ((t + 1) % windowTicks == 0)
        {
            evaluate(p, (int)((t / windowTicks) & 1));
            if (!q.getSpikingOutput())
            {
                sendActivations(p, t);
            }
        }
        return count;
    }

    private void evaluate(final int p, final int parity)
    {
        final QuantizedAnn q = quantized[p];
        final int size = fixedY[p].length;
        final long[] xf = fixedX[p][parity];
        final double[] xd = floatX[p][parity];
        java.util.Arrays.fill(fixedAcc, 0L);
        java.util.Arrays.fill(floatAcc, 0.0);
        for (final Incoming in : incoming[p])
        {
            for (int i = 0; i < in.sourceSize; i++)
            {
                final long x = xf[in.base + i];
                final double xr = xd[in.base + i] * in.floatInputScale;
                for (int k = in.start[i]; k < in.start[i + 1]; k++)
                {
                    fixedAcc[in.post[k]] += in.fixedWeight[k] * x;
                    floatAcc[in.post[k]] += in.floatWeight[k] * xr;
                }
            }
        }
        final int min = AnnQuantization.minActivation(q.getActivation(), q.getActivationBits());
        final int max = AnnQuantization.maxActivation(q.getActivation(), q.getActivationBits());
        for (int j = 0; j < size; j++)
        {
            if (fixed)
            {
                fixedY[p][j] = AnnQuantization.activate(fixedAcc[j] + fixedBias[p][j],
                    Integer.toUnsignedLong(q.getOutMultiplier()), q.getOutShift(), min, max);
            }
            else
            {
                floatY[p][j] = AnnQuantization.activateFloat(floatAcc[j] + floatBias[p][j], params[p]);
            }
        }
        java.util.Arrays.fill(xf, 0L);
        java.util.Arrays.fill(xd, 0.0);
    }

    /** Activations of p at the end of the window ending at t, to every ANN target, due at t + 1 + delay. */
    private void sendActivations(final int p, final long t)
    {
        for (final Feed feed : feeds[p])
        {
            final int parity = (int)(((t + 1 + feed.delayTicks()) / windowTicks) & 1);
            for (int j = 0; j < fixedY[p].length; j++)
            {
                fixedX[feed.target()][parity][feed.base() + j] += fixedY[p][j];
                floatX[feed.target()][parity][feed.base() + j] += floatY[p][j];
            }
        }
    }

    /** The activations of an ANN population's last window: integers (fixed point) or real values (float). */
    double[] activations(final int p)
    {
        final double[] y = new double[fixedY[p].length];
        for (int j = 0; j < y.length; j++)
        {
            y[j] = fixed ? fixedY[p][j] : floatY[p][j];
        }
        return y;
    }
}
