package org.chipsim.examples.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected ReLU network without biases: {@code sizes[0]} inputs, ReLU hidden layers, {@code sizes[L]} linear
 * outputs (logits). Bias-free so that it converts to integrate-and-fire neurons with nothing but weights.
 *
 * <p>Layer {@code l} maps {@code sizes[l]} neurons to {@code sizes[l + 1]}; its weights are row-major,
 * source x target, exactly as a {@code chipsim.v1.Projection} stores them: {@code weights(l)[i * sizes[l + 1] + j]}
 * is the weight from neuron {@code i} of layer {@code l} to neuron {@code j} of layer {@code l + 1}.
 *
 * <p>The weight arrays are shared with {@link SgdTrainer}, which updates them in place; everything else is
 * immutable. Instances are not thread-safe while training.
 */
public final class Mlp
{
    private final int[] sizes;
    private final float[][] weights;

    private Mlp(final int[] sizes, final float[][] weights)
    {
        this.sizes = sizes;
        this.weights = weights;
    }

    /** A network with the given weights (copied); {@code weights[l]} has {@code sizes[l] * sizes[l + 1]} entries. */
    public static Mlp of(final int[] sizes, final float[][] weights)
    {
        checkSizes(sizes);
        if (weights.length != sizes.length - 1)
        {
            throw new IllegalArgumentException(weights.length + " weight layers for " + sizes.length + " sizes");
        }
        final float[][] copy = new float[weights.length][];
        for (int l = 0; l < weights.length; l++)
        {
            if (weights[l].length != sizes[l] * sizes[l + 1])
            {
                throw new IllegalArgumentException("layer " + l + " has " + weights[l].length + " weights, expected " +
                    sizes[l] * sizes[l + 1]);
            }
            copy[l] = weights[l].clone();
        }
        return new Mlp(sizes.clone(), copy);
    }

    /**
     * He-initialised network (normal, standard deviation sqrt(2 / fan-in)), the same for the same seed on every JVM:
     * the normal deviates come from our own Box-Muller transform, not from a library method that may change.
     */
    public static Mlp initialized(final int[] sizes, final long seed)
    {
        checkSizes(sizes);
        final SplittableRandom random = new SplittableRandom(seed);
        final float[][] weights = new float[sizes.length - 1][];
        for (int l = 0; l < weights.length; l++)
        {
            final double std = Math.sqrt(2.0 / sizes[l]);
            weights[l] = new float[sizes[l] * sizes[l + 1]];
            for (int k = 0; k < weights[l].length; k++)
            {
                weights[l][k] = (float)(std * gaussian(random));
            }
        }
        return new Mlp(sizes.clone(), weights);
    }

    private static double gaussian(final SplittableRandom random)
    {
        final double u = 1.0 - random.nextDouble(); // (0, 1]
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static void checkSizes(final int[] sizes)
    {
        if (sizes.length < 2)
        {
            throw new IllegalArgumentException("an MLP needs at least an input and an output layer");
        }
        for (final int size : sizes)
        {
            if (size < 1)
            {
                throw new IllegalArgumentException("layer sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
    }

    /** Number of weight layers (one less than the number of neuron layers). */
    public int layerCount()
    {
        return weights.length;
    }

    /** Neurons in neuron layer {@code layer}, 0 = input, {@link #layerCount()} = output. */
    public int size(final int layer)
    {
        return sizes[layer];
    }

    public int[] sizes()
    {
        return sizes.clone();
    }

    /** A copy of weight layer {@code layer}, row-major source x target. */
    public float[] weights(final int layer)
    {
        return weights[layer].clone();
    }

    /** The live weights, for the trainer's in-place update. */
    float[] weightsNoCopy(final int layer)
    {
        return weights[layer];
    }

    /**
     * Scratch activations for {@link #forward}: one array per neuron layer after the input, so a caller can run the
     * network on many inputs without allocating.
     */
    public float[][] newActivations()
    {
        final float[][] activations = new float[sizes.length][];
        for (int l = 1; l < sizes.length; l++)
        {
            activations[l] = new float[sizes[l]];
        }
        return activations;
    }

    /**
     * Runs the network on {@code input}: sets {@code activations[0] = input} and fills {@code activations[l]} with the
     * ReLU activations of layer {@code l} (logits for the last layer).
     */
    public void forward(final float[] input, final float[][] activations)
    {
        activations[0] = input;
        for (int l = 0; l < weights.length; l++)
        {
            layer(activations[l], weights[l], activations[l + 1], l + 1 < weights.length);
        }
    }

    private static void layer(final float[] in, final float[] w, final float[] out, final boolean relu)
    {
        final int n = out.length;
        Arrays.fill(out, 0f);
        for (int i = 0; i < in.length; i++)
        {
            final float a = in[i];
            if (a == 0f)
            {
                continue; // ReLU and blank pixels make most inputs zero
            }
            final int row = i * n;
            for (int j = 0; j < n; j++)
            {
                out[j] += a * w[row + j];
            }
        }
        if (relu)
        {
            for (int j = 0; j < n; j++)
            {
                if (out[j] < 0f)
                {
                    out[j] = 0f;
                }
            }
        }
    }

    /** Index of the largest logit (the lowest index among equals). */
    public int predict(final float[] input, final float[][] activations)
    {
        forward(input, activations);
        return argmax(activations[weights.length]);
    }

    static int argmax(final float[] values)
    {
        int best = 0;
        for (int j = 1; j < values.length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }
        return best;
    }

    /** Fraction of {@code inputs} whose prediction equals the label. */
    public double accuracy(final float[][] inputs, final int[] labels)
    {
        final float[][] activations = newActivations();
        int correct = 0;
        for (int s = 0; s < inputs.length; s++)
        {
            if (predict(inputs[s], activations) == labels[s])
            {
                correct++;
            }
        }
        return inputs.length == 0 ? Double.NaN : (double)correct / inputs.length;
    }
}
