package org.chipsim.examples.train;

import java.util.SplittableRandom;

import org.chipsim.examples.data.IdxDataset;

/**
 * A shuffled train/test split of an {@link IdxDataset}, images scaled to [0, 1] by the dataset's largest pixel value
 * (16 for the UCI digits, 255 for MNIST). The shuffle is seeded, so a split is reproducible; the shipped MNIST file is
 * ordered by class, so never split it without shuffling.
 *
 * @param trainInputs train images, row-major, values in [0, 1]
 * @param trainLabels their labels
 * @param testInputs  held-out images
 * @param testLabels  their labels
 * @param width       image width in pixels
 * @param classes     number of classes (largest label + 1)
 */
public record DataSplit(float[][] trainInputs, int[] trainLabels, float[][] testInputs, int[] testLabels, int width,
    int classes)
{
    /**
     * Shuffles {@code data} with {@code seed}, holds out {@code testFraction} of it and keeps at most {@code maxTrain}
     * train and {@code maxTest} test images of the shuffled order (0 = no limit).
     */
    public static DataSplit of(final IdxDataset data, final double testFraction, final int maxTrain, final int maxTest,
        final long seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        final int count = data.count();
        final int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = count - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        final int heldOut = (int)Math.round(count * testFraction);
        final int test = maxTest > 0 ? Math.min(maxTest, heldOut) : heldOut;
        final int train = maxTrain > 0 ? Math.min(maxTrain, count - heldOut) : count - heldOut;
        int maxPixel = 1;
        for (final byte b : data.pixels())
        {
            maxPixel = Math.max(maxPixel, b & 0xFF);
        }
        final float[][] trainInputs = new float[train][];
        final int[] trainLabels = new int[train];
        final float[][] testInputs = new float[test][];
        final int[] testLabels = new int[test];
        int classes = 0;
        // test images come first in the shuffled order, the train images after all held-out ones
        for (int k = 0; k < test; k++)
        {
            testInputs[k] = data.image(order[k], maxPixel);
            testLabels[k] = data.label(order[k]);
            classes = Math.max(classes, testLabels[k] + 1);
        }
        for (int k = 0; k < train; k++)
        {
            trainInputs[k] = data.image(order[heldOut + k], maxPixel);
            trainLabels[k] = data.label(order[heldOut + k]);
            classes = Math.max(classes, trainLabels[k] + 1);
        }
        return new DataSplit(trainInputs, trainLabels, testInputs, testLabels, data.cols(), classes);
    }

    public int inputSize()
    {
        return trainInputs.length > 0 ? trainInputs[0].length : testInputs[0].length;
    }
}
