package org.chipsim.examples.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A tiny bias-free convolutional network for 1 x H x W images: a 3 x 3 convolution with {@code channels} output
 * channels and zero padding 1 (ReLU), 2 x 2 average pooling, and a dense layer to {@code classes} logits. Bias-free,
 * like {@link Mlp}, so it converts to integrate-and-fire neurons with nothing but weights.
 *
 * <p>Layouts are chipsim's: images and feature maps in C order, the kernel {@code (C_out, 1, 3, 3)} as a
 * {@code chipsim.v1.Conv2d.weight}, the dense weights row-major pooled x classes as a {@code Projection.weights}.
 * Trained in place by {@link #train} (mini-batch SGD with momentum on softmax cross-entropy, cosine learning rate,
 * L2 weight decay); deterministic for a seed, one thread.
 */
public final class ConvNet
{
    public static final int KERNEL = 3;
    public static final int PADDING = 1;
    public static final int POOL = 2;

    private final int height;
    private final int width;
    private final int channels;
    private final int classes;
    /** (channels, 1, 3, 3). */
    private final float[] kernel;
    /** (channels * pooledH * pooledW) x classes, row-major. */
    private final float[] dense;

    private ConvNet(final int height, final int width, final int channels, final int classes, final float[] kernel,
        final float[] dense)
    {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classes = classes;
        this.kernel = kernel;
        this.dense = dense;
    }

    /** He-initialised (normal, std sqrt(2 / fan-in), our own Box-Muller: the same on every JVM). */
    public static ConvNet initialized(final int height, final int width, final int channels, final int classes,
        final long seed)
    {
        if (height % POOL != 0 || width % POOL != 0)
        {
            throw new IllegalArgumentException("image " + height + " x " + width + " must be divisible by " + POOL);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final float[] kernel = new float[channels * KERNEL * KERNEL];
        final double kernelStd = Math.sqrt(2.0 / (KERNEL * KERNEL));
        for (int k = 0; k < kernel.length; k++)
        {
            kernel[k] = (float)(kernelStd * gaussian(random));
        }
        final int pooled = channels * (height / POOL) * (width / POOL);
        final float[] dense = new float[pooled * classes];
        final double denseStd = Math.sqrt(2.0 / pooled);
        for (int k = 0; k < dense.length; k++)
        {
            dense[k] = (float)(denseStd * gaussian(random));
        }
        return new ConvNet(height, width, channels, classes, kernel, dense);
    }

    private static double gaussian(final SplittableRandom random)
    {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    public int height()
    {
        return height;
    }

    public int width()
    {
        return width;
    }

    public int channels()
    {
        return channels;
    }

    public int classes()
    {
        return classes;
    }

    /** Neurons of the convolution's output: channels x H x W. */
    public int convSize()
    {
        return channels * height * width;
    }

    /** Neurons after pooling: channels x H/2 x W/2. */
    public int pooledSize()
    {
        return channels * (height / POOL) * (width / POOL);
    }

    /** A copy of the kernel, (channels, 1, 3, 3) in C order. */
    public float[] kernel()
    {
        return kernel.clone();
    }

    /** A copy of the dense weights, row-major pooled x classes. */
    public float[] dense()
    {
        return dense.clone();
    }

    /** Scratch for {@link #forward}: conv output (ReLU), pooled, logits. */
    public float[][] newActivations()
    {
        return new float[][] {null, new float[convSize()], new float[pooledSize()], new float[classes]};
    }

    /** Fills {@code a[1]} (ReLU conv), {@code a[2]} (average-pooled), {@code a[3]} (logits); {@code a[0] = image}. */
    public void forward(final float[] image, final float[][] a)
    {
        a[0] = image;
        final float[] conv = a[1];
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    float sum = 0f;
                    for (int ky = 0; ky < KERNEL; ky++)
                    {
                        final int iy = y - PADDING + ky;
                        if (iy < 0 || iy >= height)
                        {
                            continue;
                        }
                        for (int kx = 0; kx < KERNEL; kx++)
                        {
                            final int ix = x - PADDING + kx;
                            if (ix >= 0 && ix < width)
                            {
                                sum += kernel[(c * KERNEL + ky) * KERNEL + kx] * image[iy * width + ix];
                            }
                        }
                    }
                    conv[(c * height + y) * width + x] = Math.max(0f, sum);
                }
            }
        }
        final float[] pooled = a[2];
        final int ph = height / POOL;
        final int pw = width / POOL;
        Arrays.fill(pooled, 0f);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    pooled[(c * ph + y / POOL) * pw + x / POOL] += conv[(c * height + y) * width + x] / (POOL * POOL);
                }
            }
        }
        final float[] logits = a[3];
        Arrays.fill(logits, 0f);
        for (int i = 0; i < pooled.length; i++)
        {
            final float p = pooled[i];
            if (p != 0f)
            {
                for (int j = 0; j < classes; j++)
                {
                    logits[j] += p * dense[i * classes + j];
                }
            }
        }
    }

    public int predict(final float[] image, final float[][] a)
    {
        forward(image, a);
        return Mlp.argmax(a[3]);
    }

    public double accuracy(final float[][] images, final int[] labels)
    {
        final float[][] a = newActivations();
        int correct = 0;
        for (int s = 0; s < images.length; s++)
        {
            correct += predict(images[s], a) == labels[s] ? 1 : 0;
        }
        return images.length == 0 ? Double.NaN : (double)correct / images.length;
    }

    /** Trains in place; returns the last epoch's mean loss. */
    public double train(final float[][] images, final int[] labels, final SgdTrainer.Settings settings)
    {
        final float[][] a = newActivations();
        final float[] gKernel = new float[kernel.length];
        final float[] gDense = new float[dense.length];
        final float[] vKernel = new float[kernel.length];
        final float[] vDense = new float[dense.length];
        final float[] dLogits = new float[classes];
        final float[] dPooled = new float[pooledSize()];
        final int[] order = new int[images.length];
        for (int s = 0; s < order.length; s++)
        {
            order[s] = s;
        }
        final SplittableRandom random = new SplittableRandom(settings.seed());
        double loss = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++)
        {
            final double rate = settings.learningRate() * 0.5 * (1 + Math.cos(Math.PI * epoch / settings.epochs()));
            for (int i = order.length - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            loss = 0;
            for (int start = 0; start < order.length; start += settings.batchSize())
            {
                final int end = Math.min(order.length, start + settings.batchSize());
                Arrays.fill(gKernel, 0f);
                Arrays.fill(gDense, 0f);
                for (int k = start; k < end; k++)
                {
                    forward(images[order[k]], a);
                    loss += softmaxDelta(a[3], labels[order[k]], dLogits);
                    backward(a, dLogits, dPooled, gKernel, gDense);
                }
                final float step = (float)(rate / (end - start));
                final float decay = (float)(rate * settings.weightDecay());
                final float momentum = (float)settings.momentum();
                for (int k = 0; k < kernel.length; k++)
                {
                    vKernel[k] = momentum * vKernel[k] - step * gKernel[k] - decay * kernel[k];
                    kernel[k] += vKernel[k];
                }
                for (int k = 0; k < dense.length; k++)
                {
                    vDense[k] = momentum * vDense[k] - step * gDense[k] - decay * dense[k];
                    dense[k] += vDense[k];
                }
            }
            loss /= order.length;
        }
        return loss;
    }

    private void backward(final float[][] a, final float[] dLogits, final float[] dPooled, final float[] gKernel,
        final float[] gDense)
    {
        final float[] pooled = a[2];
        for (int i = 0; i < pooled.length; i++)
        {
            float back = 0f;
            for (int j = 0; j < classes; j++)
            {
                gDense[i * classes + j] += pooled[i] * dLogits[j];
                back += dense[i * classes + j] * dLogits[j];
            }
            dPooled[i] = back;
        }
        final float[] image = a[0];
        final float[] conv = a[1];
        final int ph = height / POOL;
        final int pw = width / POOL;
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    if (conv[(c * height + y) * width + x] <= 0f)
                    {
                        continue; // ReLU'(0) = 0
                    }
                    final float d = dPooled[(c * ph + y / POOL) * pw + x / POOL] / (POOL * POOL);
                    for (int ky = 0; ky < KERNEL; ky++)
                    {
                        final int iy = y - PADDING + ky;
                        if (iy < 0 || iy >= height)
                        {
                            continue;
                        }
                        for (int kx = 0; kx < KERNEL; kx++)
                        {
                            final int ix = x - PADDING + kx;
                            if (ix >= 0 && ix < width)
                            {
                                gKernel[(c * KERNEL + ky) * KERNEL + kx] += d * image[iy * width + ix];
                            }
                        }
                    }
                }
            }
        }
    }

    /** softmax(logits) - onehot(label) into delta; returns the cross-entropy. */
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
            delta[j] = (float)Math.exp(logits[j] - max);
            sum += delta[j];
        }
        for (int j = 0; j < logits.length; j++)
        {
            delta[j] = (float)(delta[j] / sum);
        }
        final double p = Math.max(delta[label], 1e-30);
        delta[label] -= 1f;
        return -Math.log(p);
    }
}
