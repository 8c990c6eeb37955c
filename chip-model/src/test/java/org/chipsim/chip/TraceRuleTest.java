package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.StdpTriplet;
import org.chipsim.proto.v1.TraceEvent;
import org.chipsim.proto.v1.TraceFactor;
import org.chipsim.proto.v1.TraceRule;
import org.chipsim.proto.v1.TraceTerm;
import org.junit.jupiter.api.Test;

/** The sum-of-products form: pair and triplet STDP written as terms learn exactly what the named rules learn. */
class TraceRuleTest
{
    private static TraceTerm term(final float c, final TraceEvent on, final TraceFactor... factors)
    {
        return TraceTerm.newBuilder().setCoefficient(c).setOn(on).addAllFactors(java.util.List.of(factors)).build();
    }

    /** 100 Poisson inputs learning into 300 neurons with a static recurrent projection. */
    private static Model network(final Plasticity plasticity)
    {
        final SplittableRandom random = new SplittableRandom(29);
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 100))
                .addPopulations(lif("n", 300, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(dense("in", "n", TestModels.randomWeights(random, 100 * 300, 0.5, 0f, 0.3f), 0)
                    .toBuilder().setPlasticity(plasticity.toBuilder().setWMin(0f).setWMax(0.3f)))
                .addProjections(dense("n", "n", TestModels.randomWeights(random, 300 * 300, 0.05, -0.2f, 0.1f), 1)))
            .setStimulus(TestModels.poisson("in", 100, 2, 100, 0.1, 29))
            .setRun(RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
    }

    private static void assertSameRun(final Model named, final Model terms)
    {
        assertEquals(Compiler.compile(named), Compiler.compile(terms), "the same program");
        final RunResult a = TestModels.run(named, 1);
        final RunResult b = TestModels.run(terms, 2);
        assertTrue(a.total(CoreCounter.LEARN_UPDATES) > 10_000, "learning happened");
        assertEquals(a.raster(), b.raster());
        for (int k = 0; k < a.coreCount(); k++)
        {
            assertArrayEquals(a.learnedWeights(k), b.learnedWeights(k), "core " + k);
            for (final CoreCounter counter : CoreCounter.values())
            {
                assertEquals(a.counter(k, counter), b.counter(k, counter), "core " + k + " " + counter);
            }
        }
    }

    @Test
    void shouldLearnBitIdenticallyToPairStdp()
    {
        final Plasticity pair = Plasticity.newBuilder().setStdpPair(StdpPair.newBuilder().setAPlus(0.01f)
            .setAMinus(0.012f).setTauPlusTicks(5f).setTauMinusTicks(7f)).build();
        final Plasticity terms = Plasticity.newBuilder().setTraceRule(TraceRule.newBuilder()
            .setTauX1Ticks(5f).setTauY1Ticks(7f)
            .addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.X1))
            .addTerms(term(-0.012f, TraceEvent.PRE_SPIKE, TraceFactor.Y1))).build();
        assertSameRun(network(pair), network(terms));
    }

    @Test
    void shouldLearnBitIdenticallyToTripletStdp()
    {
        final Plasticity triplet = Plasticity.newBuilder().setStdpTriplet(StdpTriplet.newBuilder().setA2Plus(0.005f)
            .setA3Plus(0.006f).setA2Minus(0.007f).setA3Minus(0.002f).setTauPlusTicks(5f).setTauMinusTicks(6f)
            .setTauXTicks(20f).setTauYTicks(30f)).build();
        final Plasticity terms = Plasticity.newBuilder().setTraceRule(TraceRule.newBuilder()
            .setTauX1Ticks(5f).setTauY1Ticks(6f).setTauX2Ticks(20f).setTauY2Ticks(30f)
            .addTerms(term(-0.002f, TraceEvent.PRE_SPIKE, TraceFactor.X2, TraceFactor.Y1))
            .addTerms(term(0.005f, TraceEvent.POST_SPIKE, TraceFactor.X1))
            .addTerms(term(0.006f, TraceEvent.POST_SPIKE, TraceFactor.Y2, TraceFactor.X1))
            .addTerms(term(-0.007f, TraceEvent.PRE_SPIKE, TraceFactor.Y1))).build();
        assertSameRun(network(triplet), network(terms));
    }

    @Test
    void shouldRefuseTermsTheEngineDoesNotExecute()
    {
        final TraceRule.Builder base = TraceRule.newBuilder().setTauX1Ticks(5f).setTauY1Ticks(5f);
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity
            .newBuilder().setTraceRule(base.clone().addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.Y1)))
            .build())));
        assertTrue(e.getMessage().contains("not a term the trace engine executes"), e.getMessage());
        assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity.newBuilder().setTraceRule(
            base.clone().addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.X1))
                .addTerms(term(0.02f, TraceEvent.POST_SPIKE, TraceFactor.X1))).build())));
        assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity.newBuilder().setTraceRule(
            base.clone().addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.X1, TraceFactor.Y2))).build())),
            "a triplet term needs tau_x2 and tau_y2");
        assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity.newBuilder().setTraceRule(
            TraceRule.newBuilder().setTauX1Ticks(5f).setTauY1Ticks(5f)).build())), "no terms");
    }
}
