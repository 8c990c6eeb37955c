package org.chipsim.examples.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.examples.train.SnnAccuracy;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;

/** The shipped hybrid digits model: regenerated exactly, classifying on chip as the fixed-point reference does. */
class AnnDigitsTest
{
    // surefire runs in the module directory
    private static final Model SNN = ModelFiles.readModel(Path.of("models", "digits-mlp.pb"));
    private static final Model SHIPPED = ModelFiles.readModel(Path.of("models", "ann-digits.pb"));

    @Test
    void shouldRegenerateTheShippedModel()
    {
        assertEquals(AnnDigits.hybrid(SNN, 32, 8), SHIPPED);
        assertTrue(SHIPPED.getNetwork().getPopulations(1).hasAnn());
        assertTrue(SHIPPED.getNetwork().getPopulations(2).hasLif());
    }

    @Test
    void shouldClassifyOnChipAsTheFixedPointReference()
    {
        final Model model = SnnAccuracy.firstSamples(SHIPPED, 100);
        final SnnAccuracy.Result chip = SnnAccuracy.chip(model);
        final SnnAccuracy.Result fixed = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FIXED_POINT);
        assertEquals(100, chip.samples());
        assertEquals(fixed.accuracy(), chip.accuracy());
        assertTrue(chip.accuracy() >= 0.9, "on-chip accuracy " + chip.accuracy());
    }

    @Test
    void shouldNeedFarFewerSynapticEventsThanTheAllSpikingNetwork()
    {
        final RunResult hybrid = new ChipSimulation(Compiler.compile(SnnAccuracy.firstSamples(SHIPPED, 50)),
            RunOptions.defaults()).run();
        final RunResult snn = new ChipSimulation(Compiler.compile(SnnAccuracy.firstSamples(SNN, 50)),
            RunOptions.defaults()).run();
        // the hidden layer sums each input's spike count once per window (one MAC per weight) instead of one SOP per
        // weight per spike
        final long hybridEvents = hybrid.total(CoreCounter.MACS) + hybrid.total(CoreCounter.SOPS);
        assertTrue(hybridEvents * 5 < snn.total(CoreCounter.SOPS), hybridEvents + " vs " +
            snn.total(CoreCounter.SOPS));
        assertEquals(snn.inputSpikes(), hybrid.inputSpikes(), "the same input");
    }
}
