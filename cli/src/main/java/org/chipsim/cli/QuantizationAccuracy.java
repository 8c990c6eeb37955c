package org.chipsim.cli;

import java.util.Locale;

import org.chipsim.chip.Classification;
import org.chipsim.chip.ReferenceRun;
import org.chipsim.core.ModelValidator;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Projection;

/**
 * What quantization costs in accuracy ({@code chipsim compile --accuracy}): the model's labeled stimulus classified by
 * the float reference ({@link ReferenceSimulator.Mode#FLOAT}: unquantized weights, double precision) and by the
 * fixed-point reference ({@link ReferenceSimulator.Mode#FIXED_POINT}, which the chip equals spike for spike), both
 * scored like the chip ({@link Classification}: spike-count argmax of the readout per sample, ties and silence wrong),
 * over the ticks the chip would run.
 *
 * @param floatReference the float reference's classification
 * @param fixedPoint     the fixed-point reference's (= the chip's) classification
 * @param weightBits     the chip's weight precision
 */
record QuantizationAccuracy(Classification floatReference, Classification fixedPoint, int weightBits)
{
    /** Ticks simulated per call, so that only the readout's spikes are kept. */

    /** Why the comparison cannot be made for this model, or null when it can. */
    static String unavailable(final Model model)
    {
        for (final Projection projection : model.getNetwork().getProjectionsList())
        {
            if (projection.hasPlasticity())
            {
                return "not compared: projection '" + ModelValidator.projectionName(projection) + "' learns on chip " +
                    "and the reference models fixed weights";
            }
        }
        if (ModelValidator.adapts(model.getNetwork()) || ModelValidator.hasStp(model.getNetwork()))
        {
            return "not compared: the model has an adaptive threshold (homeostasis) or short-term plasticity, which " +
                "the reference does not model";
        }
        return null;
    }

    /** Runs both references over the model's stimulus; null when the stimulus has no labeled samples. */
    static QuantizationAccuracy of(final Model model)
    {
        final Classification floating = classify(model, ReferenceSimulator.Mode.FLOAT);
        if (floating == null)
        {
            return null;
        }
        return new QuantizationAccuracy(floating, classify(model, ReferenceSimulator.Mode.FIXED_POINT),
            ModelValidator.validate(model).getWeightBits());
    }

    private static Classification classify(final Model model, final ReferenceSimulator.Mode mode)
    {
        final ReferenceRun run = new ReferenceRun(model, mode, 0);
        if (!run.canClassify())
        {
            return null;
        }
        return run.classify(model.getRun().getTicks() != 0 ? model.getRun().getTicks() : run.naturalTicks());
    }

    /** Samples whose prediction differs between the two references. */
    int disagreements()
    {
        int n = 0;
        for (int s = 0; s < floatReference.predicted().length; s++)
        {
            n += floatReference.predicted()[s] != fixedPoint.predicted()[s] ? 1 : 0;
        }
        return n;
    }

    /** The text of the {@code accuracy} row. */
    String describe()
    {
        final double loss = 100.0 * (floatReference.accuracy() - fixedPoint.accuracy());
        return String.format(Locale.ROOT, "float reference %.2f %%, %d-bit fixed point (= chip) %.2f %%: %s %.2f " +
            "points, on %,d labeled samples (predictions differ on %,d)", 100.0 * floatReference.accuracy(),
            weightBits, 100.0 * fixedPoint.accuracy(), loss >= 0 ? "loses" : "gains", Math.abs(loss),
            floatReference.labeled(), disagreements());
    }
}
