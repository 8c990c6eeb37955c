package org.chipsim.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.chipsim.chip.Classification;
import org.chipsim.chip.ReferenceRun;
import org.chipsim.chip.RunResult;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Provenance;

/**
 * What {@code chipsim run} prints next to the chip's accuracy: the float SNN reference's accuracy (the same network
 * unquantized, in double precision, on the same input spikes and ticks) and, when the model file records it
 * ({@link Provenance#getAnnAccuracy()}), the accuracy of the network it was converted from.
 *
 * @param reference the float reference's classification, or null when it was not run
 * @param note      why the float reference was not run (shown), or null
 * @param provenance the model's provenance (default instance when none)
 */
record AccuracyComparison(Classification reference, String note, Provenance provenance)
{
    static final AccuracyComparison NONE = new AccuracyComparison(null, null, Provenance.getDefaultInstance());

    /**
     * Runs the float reference for a model whose chip run was classified, unless {@code skip} (--no-reference), the
     * model learns, or it has more than {@code maxSynapses} synapses. {@code model} is null for a compiled program.
     */
    static AccuracyComparison of(final Model model, final RunResult result, final boolean skip, final long maxSynapses,
        final PrintWriter err)
    {
        if (model == null || result.classification() == null)
        {
            return NONE;
        }
        final Provenance provenance = model.getProvenance();
        if (skip)
        {
            return new AccuracyComparison(null, null, provenance);
        }
        if (ReferenceRun.learns(model))
        {
            return new AccuracyComparison(null, "no float SNN reference (the model learns on chip)", provenance);
        }
        final long synapses = ReferenceRun.synapses(model);
        if (synapses > maxSynapses)
        {
            return new AccuracyComparison(null, String.format(Locale.ROOT, "float SNN reference skipped (%,d synapses " +
                "> %,d; it runs on one thread)", synapses, maxSynapses), provenance);
        }
        final ReferenceRun run = new ReferenceRun(model, ReferenceSimulator.Mode.FLOAT, result.seed());
        if (!run.canClassify())
        {
            return new AccuracyComparison(null, null, provenance);
        }
        final Classification reference;
        try (Progress ignored = new Progress(err, "float reference", run::completedTicks, result.ticks()))
        {
            reference = run.classify(result.ticks());
        }
        return new AccuracyComparison(reference, null, provenance);
    }

    /** The text after "accuracy": the chip's figure, then what it is compared with. */
    String describe(final Classification chip, final String readout)
    {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d / %d = %.2f %%", chip.correct(),
            chip.labeled(), 100.0 * chip.accuracy()));
        if (reference == null && note == null && !provenance.hasAnnAccuracy())
        {
            return text + " (readout '" + readout + "', spike-count argmax)";
        }
        text.append(" on chip");
        if (reference != null)
        {
            text.append(String.format(Locale.ROOT, "; float SNN reference %.2f %%", 100.0 * reference.accuracy()));
        }
        if (note != null)
        {
            text.append("; ").append(note);
        }
        if (provenance.hasAnnAccuracy())
        {
            text.append(String.format(Locale.ROOT, "; ANN (trained) %.2f %%", 100.0 * provenance.getAnnAccuracy()));
            final int samples = provenance.getAnnAccuracySamples();
            if (samples > 0 && samples != chip.labeled())
            {
                text.append(String.format(Locale.ROOT, " over all %,d samples", samples));
            }
            if (provenance.hasAnnTestAccuracy() && provenance.getTestSamples() > samples)
            {
                text.append(String.format(Locale.ROOT, " (%.2f %% on all %,d test samples)",
                    100.0 * provenance.getAnnTestAccuracy(), provenance.getTestSamples()));
            }
        }
        return text + "; readout '" + readout + "', spike-count argmax";
    }
}
