package org.chipsim.examples.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mini-batch stochastic gradient descent with momentum on softmax cross-entropy, for an {@link Mlp}. The learning rate
 * follows a cosine schedule from {@code learningRate} down to 0 over the epochs; L2 weight decay keeps the weights
 * small, which also helps the 8-bit quantization of the converted network (fewer outliers set the scale).
 *
 * <p>Deterministic: one thread, one {@link SplittableRandom} seeded by {@link Settings#seed()} drives the shuffling
 * and the augmentation, so the same settings and data give bit-identical weights. All scratch arrays are allocated
 * once per {@link #train} call, none in the per-sample loops.
 */
public final class SgdTrainer
{
    /**
     * @param epochs       passes over the training data
     * @param batchSize    samples per weight update
     * @param learningRate initial step size
     * @param momentum     classical momentum, in [0, 1)
     * @param weightDecay  L2 coefficient added to every gradient
     * @param maxShift     augmentation: each sample is shifted by a random whole number of pixels in
     *                     [-maxShift, maxShift] on both axes every epoch (0 = off; needs {@code imageWidth})
     * @param imageWidth   image width in pixels, for {@code maxShift}; the height is input size / width
     * @param seed         seed of the shuffling and augmentation
     */
    public record Settings(int epochs, int batchSize, double learningRate, double momentum, double weightDecay,
        int maxShift, int imageWidth, long seed)
    {
        public Settings
        {
            if (epochs < 0 || batchSize < 1 || !(learningRate > 0) || momentum < 0 || momentum >= 1 ||
                weightDecay < 0 || maxShift < 0 || (maxShift > 0 && imageWidth < 1))
            {
                throw new IllegalArgumentException("invalid training settings: " + this);
            }
        }
    }

    /** Called after every epoch. */
    @FunctionalInterface
    public interface EpochListener
    {
        void epochDone(int epoch, double meanLoss, double trainAccuracy);
    }

    private SgdTrainer()
    {
    }

    /** Trains {@code mlp} in place on {@code inputs} (values in [0, 1]) and their labels. */
    public static void train(final Mlp mlp, final float[][] inputs, final int[] labels, final Settings settings,
        final EpochListener listener)
    {
        if (inputs.length != labels.length || inputs.length == 0)
        {
            throw new IllegalArgumentException(inputs.length + " inputs and " + labels.length + " labels");
        }
        final int layers = mlp.layerCount();
        final float[][] activations = mlp.newActivations();
        final float[][] deltas = mlp.newActivations();
        final float[][] gradients = new float[layers][];
        final float[][] velocities = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            gradients[l] = new float[mlp.size(l) * mlp.size(l + 1)];
            velocities[l] = new float[gradients[l].length];
        }
        final float[] shifted = new float[mlp.size(0)];
        final int[] order = new int[inputs.length];
        for (int s = 0; s < order.length; s++)
        {
            order[s] = s;
        }
        final SplittableRandom random = new SplittableRandom(settings.seed());
        for (int epoch = 0; epoch < settings.epochs(); epoch++)
        {
            final double rate = settings.learningRate() * 0.5 * (1 + Math.cos(Math.PI * epoch / settings.epochs()));
            shuffle(order, random);
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < order.length; start += settings.batchSize())
            {
                final int end = Math.min(order.length, start + settings.batchSize());
                for (final float[] gradient : gradients)
                {
                    Arrays.fill(gradient, 0f);
                }
                for (int k = start; k < end; k++)
                {
                    float[] input = inputs[order[k]];
                    if (settings.maxShift() > 0)
                    {
                        input = shift(input, settings.imageWidth(), settings.maxShift(), random, shifted);
                    }
                    mlp.forward(input, activations);
                    final int label = labels[order[k]];
                    lossSum += softmaxDelta(activations[layers], label, deltas[layers]);
                    if (Mlp.argmax(activations[layers]) == label)
                    {
                        correct++;
                    }
                    backward(mlp, activations, deltas, gradients);
                }
                update(mlp, gradients, velocities, (float)(rate / (end - start)), (float)rate, settings);
            }
            if (listener != null)
            {
                listener.epochDone(epoch + 1, lossSum / order.length, (double)correct / order.length);
            }
        }
    }

    private static void shuffle(final int[] order, final SplittableRandom random)
    {
        for (int i = order.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Copies {@code image} shifted by a random (dx, dy) into {@code out}; pixels shifted in are 0. */
    private static float[] shift(final float[] image, final int width, final int maxShift,
        final SplittableRandom random, final float[] out)
    {
        final int height = image.length / width;
        final int dx = random.nextInt(2 * maxShift + 1) - maxShift;
        final int dy = random.nextInt(2 * maxShift + 1) - maxShift;
        Arrays.fill(out, 0f);
        for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++)
        {
            final int from = (y - dy) * width;
            final int to = y * width;
            for (int x = Math.max(0, dx); x < Math.min(width, width + dx); x++)
            {
                out[to + x] = image[from + x - dx];
            }
        }
        return out;
    }

    /** Writes softmax(logits) - onehot(label) into {@code delta}; returns the cross-entropy loss. */
    private static double softmaxDelta(final float[] logits, final int label, final float[] delta)
    {
        float max = logits[0];
        for (final float z : logits)
        {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int j = 0; j < logits.length; j++)
        {
            final double e = Math.exp(logits[j] - max);
            delta[j] = (float)e;
            sum += e;
        }
        for (int j = 0; j < logits.length; j++)
        {
            delta[j] = (float)(delta[j] / sum);
        }
        final double p = Math.max(delta[label], 1e-30);
        delta[label] -= 1f;
        return -Math.log(p);
    }

    /** Back-propagates {@code deltas[L]} and adds every layer's weight gradient to {@code gradients}. */
    private static void backward(final Mlp mlp, final float[][] activations, final float[][] deltas,
        final float[][] gradients)
    {
        for (int l = mlp.layerCount() - 1; l >= 0; l--)
        {
            final float[] in = activations[l];
            final float[] delta = deltas[l + 1];
            final float[] w = mlp.weightsNoCopy(l);
            final float[] g = gradients[l];
            final float[] below = l > 0 ? deltas[l] : null;
            final int n = delta.length;
            for (int i = 0; i < in.length; i++)
            {
                final float a = in[i];
                if (a == 0f)
                {
                    // no gradient to this row, and ReLU'(0) = 0 stops the error from flowing below
                    if (below != null)
                    {
                        below[i] = 0f;
                    }
                    continue;
                }
                final int row = i * n;
                float back = 0f;
                for (int j = 0; j < n; j++)
                {
                    g[row + j] += a * delta[j];
                    back += w[row + j] * delta[j];
                }
                if (below != null)
                {
                    below[i] = back; // a > 0 here: the ReLU passes the error through
                }
            }
        }
    }

    private static void update(final Mlp mlp, final float[][] gradients, final float[][] velocities,
        final float step, final float rate, final Settings settings)
    {
        final float momentum = (float)settings.momentum();
        final float decay = (float)(rate * settings.weightDecay());
        for (int l = 0; l < gradients.length; l++)
        {
            final float[] w = mlp.weightsNoCopy(l);
            final float[] g = gradients[l];
            final float[] v = velocities[l];
            for (int k = 0; k < w.length; k++)
            {
                v[k] = momentum * v[k] - step * g[k] - decay * w[k];
                w[k] += v[k];
            }
        }
    }
}
