package org.chipsim.examples.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.LearnedModel;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;

/**
 * The hybrid few-shot demonstration: the base network knows only the classes 0-4; five shots of each class 5-9 learned
 * on chip in P (the same for 1 and 2 workers) make the blank outputs recognise the new classes well above chance.
 */
class HybridDigitsTest
{
    @Test
    void shouldLearnTheHeldOutClassesFromFiveShots()
    {
        final HybridDigits.Base base = HybridDigits.base();
        final double[] before = HybridDigits.evaluate(base.model(), base.split());
        assertEquals(0.0, before[1], "no new class is recognised before learning");
        assertTrue(before[0] > 0.95, "the base classes are: " + before[0]);
        final Model fewShot = HybridDigits.fewShotModel(base, 5);
        final RunResult one = new ChipSimulation(Compiler.compile(fewShot), RunOptions.defaults().withWorkers(1)).run();
        final RunResult two = new ChipSimulation(Compiler.compile(fewShot), RunOptions.defaults().withWorkers(2)).run();
        final Model learned = LearnedModel.apply(fewShot, one);
        assertEquals(learned, LearnedModel.apply(fewShot, two), "same learned P for 1 and 2 workers");
        assertTrue(one.total(CoreCounter.LEARN_UPDATES) > 100_000, "P updates are counted");
        final double[] after = HybridDigits.evaluate(learned, base.split());
        assertTrue(after[1] > 0.3, "the new classes 5-9 are recognised (chance among 10: 0.1): " + after[1]);
        assertTrue(after[2] > before[2] + 0.1, "overall accuracy rose from " + before[2] + " to " + after[2]);
    }
}
