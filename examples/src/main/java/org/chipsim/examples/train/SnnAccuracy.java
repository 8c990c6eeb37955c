package org.chipsim.examples.train;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.Classification;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Stimulus;

/**
 * Classification accuracy of a converted, rate-coded model: on the unquantized float reference simulator and on the
 * compiled chip. Both score the same way ({@link Classification}: argmax of the readout's spike counts per sample,
 * ties and silence wrong).
 */
public final class SnnAccuracy
{
    /**
     * @param classification per-sample predictions and labels
     * @param wallNanos      wall time of the simulation (compilation excluded)
     */
    public record Result(Classification classification, long wallNanos)
    {
        public double accuracy()
        {
            return classification.accuracy();
        }

        public int samples()
        {
            return classification.labeled();
        }

        /** Accuracy over the first {@code n} scored samples only (all labeled, as converted models are). */
        public double accuracyOfFirst(final int n)
        {
            final int count = Math.min(n, classification.predicted().length);
            int correct = 0;
            for (int s = 0; s < count; s++)
            {
                if (classification.labels()[s] >= 0 && classification.predicted()[s] == classification.labels()[s])
                {
                    correct++;
                }
            }
            return count == 0 ? Double.NaN : (double)correct / count;
        }
    }

    private SnnAccuracy()
    {
    }

    /** The model with only its first {@code samples} stimulus samples (all if it has fewer). */
    public static Model firstSamples(final Model model, final int samples)
    {
        final RateCoded rate = model.getStimulus().getRateCoded();
        if (rate.getSamplesCount() <= samples)
        {
            return model;
        }
        final RateCoded.Builder kept = rate.toBuilder().clearSamples();
        kept.addAllSamples(rate.getSamplesList().subList(0, samples));
        return model.toBuilder().setStimulus(Stimulus.newBuilder().setRateCoded(kept)).build();
    }

    /** Accuracy on the reference simulator in {@code mode} (FLOAT: unquantized; FIXED_POINT: as the chip). */
    public static Result reference(final Model model, final ReferenceSimulator.Mode mode)
    {
        final long start = System.nanoTime();
        final ReferenceSimulator simulator = new ReferenceSimulator(model, mode);
        final long ticks = simulator.schedule().naturalTicks();
        final SpikeRaster raster = simulator.run(ticks);
        final NetworkIndex index = simulator.index();
        final int readout = model.getRun().getReadoutPopulation().isEmpty() ? index.lastNonInput() :
            index.indexOf(model.getRun().getReadoutPopulation());
        final int first = index.firstGlobalId(readout);
        // keep only the readout: Classification scans the raster once per sample
        final Classification c = Classification.of(raster.filter(first, first + index.size(readout)),
            simulator.schedule(), first, index.size(readout), ticks);
        return new Result(c, System.nanoTime() - start);
    }

    /** Accuracy on the chip: compiles the model and runs it with the default options. */
    public static Result chip(final Model model)
    {
        final ChipProgram program = Compiler.compile(model);
        final RunResult result = new ChipSimulation(program, RunOptions.defaults()).run();
        return new Result(result.classification(), result.wallNanos());
    }
}
