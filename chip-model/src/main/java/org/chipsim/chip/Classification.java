package org.chipsim.chip;

import org.chipsim.core.SpikeRaster;
import org.chipsim.core.stimulus.StimulusSchedule;

/**
 * Classification by spike count: a sample's prediction is the readout neuron that fired most during the sample's
 * ticks. Silence or a tie for the maximum is no prediction and counts as wrong, so a network cannot score by luck of
 * tie-breaking. Only samples presented in full are scored.
 *
 * @param predicted per scored sample, the winning neuron or -1
 * @param labels    per scored sample, its label (-1 when unlabeled)
 * @param labeled   scored samples that carry a label
 * @param correct   labeled samples predicted right
 */
public record Classification(int[] predicted, int[] labels, int labeled, int correct)
{
    public static Classification of(final SpikeRaster raster, final StimulusSchedule schedule, final int readoutFirstId,
        final int readoutSize, final long ticks)
    {
        final int tps = schedule.ticksPerSample();
        final int samples = tps == 0 ? 0 : (int)Math.min(schedule.sampleCount(), ticks / tps);
        // one pass over the raster: spike counts per (sample, readout neuron)
        final int[][] counts = new int[samples][readoutSize];
        for (int i = 0; i < raster.size(); i++)
        {
            final int n = raster.globalId(i) - readoutFirstId;
            final long sample = raster.tick(i) / tps;
            if (n >= 0 && n < readoutSize && sample < samples)
            {
                counts[(int)sample][n]++;
            }
        }
        final int[] predicted = new int[samples];
        final int[] labels = new int[samples];
        int labeled = 0;
        int correct = 0;
        for (int s = 0; s < samples; s++)
        {
            predicted[s] = winner(counts[s]);
            labels[s] = schedule.label(s);
            if (labels[s] >= 0)
            {
                labeled++;
                if (predicted[s] == labels[s])
                {
                    correct++;
                }
            }
        }
        return new Classification(predicted, labels, labeled, correct);
    }

    /** The neuron with the most spikes, or -1 for silence or a tie for the maximum. */
    static int winner(final int[] counts)
    {
        int best = -1;
        int bestCount = 0;
        boolean tie = false;
        for (int n = 0; n < counts.length; n++)
        {
            if (counts[n] > bestCount)
            {
                best = n;
                bestCount = counts[n];
                tie = false;
            }
            else if (counts[n] == bestCount && bestCount > 0)
            {
                tie = true;
            }
        }
        return tie ? -1 : best;
    }

    /** Fraction of labeled samples classified right, or NaN without labels. */
    public double accuracy()
    {
        return labeled == 0 ? Double.NaN : (double)correct / labeled;
    }
}
