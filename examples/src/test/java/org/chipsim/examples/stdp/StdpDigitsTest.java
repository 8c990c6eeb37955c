package org.chipsim.examples.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.LearnedModel;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;

/** The STDP digits demonstration, small: it learns on chip, deterministically, and beats chance. */
class StdpDigitsTest
{
    @Test
    void shouldLearnOnChipTheSameWayFor1And2WorkersAndBeatChance()
    {
        final IdxDataset digits = StdpDigits.digits();
        final Model model = StdpDigits.generate(digits, 30, 300, 1);
        final RunResult one = new ChipSimulation(Compiler.compile(model), RunOptions.defaults().withWorkers(1)).run();
        final RunResult two = new ChipSimulation(Compiler.compile(model), RunOptions.defaults().withWorkers(2)).run();
        final Model trained = LearnedModel.apply(model, one);
        assertEquals(trained, LearnedModel.apply(model, two), "same learned model for 1 and 2 workers");
        assertTrue(!trained.getNetwork().getProjections(0).equals(model.getNetwork().getProjections(0)),
            "the weights changed");
        final double accuracy = StdpDigits.evaluate(trained, digits);
        assertTrue(accuracy > 0.2, "well above chance (10 %): " + accuracy);
    }
}
