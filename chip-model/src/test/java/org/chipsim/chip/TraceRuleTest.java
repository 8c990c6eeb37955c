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

/**
 * The sum-of-products form: pair and triplet STDP written as terms learn exactly what the named rules learn; any other
 * terms (constants, products of any traces) change weights as computed by hand, identically for any worker count.
 */
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

    /** Weights into 'post' in steps of 1/64: 'pre' 0.09375 (6 steps, learning), 'drive' 1.5 (96 steps). */
    private static final double STEP = 1.0 / 64;

    /** One learning synapse pre -> post under {@code rule}; 'drive' makes post fire once, one tick after driveTick. */
    private static Model single(final TraceRule rule, final int driveTick, final int... preTicks)
    {
        final org.chipsim.proto.v1.SpikeTrain.Builder pre = org.chipsim.proto.v1.SpikeTrain.newBuilder()
            .setPopulation("pre").setNeuron(0);
        for (final int t : preTicks)
        {
            pre.addTicks(t);
        }
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("pre", 1))
                .addPopulations(input("drive", 1))
                .addPopulations(lif("post", 1, neuron(1.0f).build()).toBuilder().setWeightScale(STEP))
                .addProjections(dense("pre", "post", new float[] {(float)(6 * STEP)}, 0).toBuilder()
                    .setPlasticity(Plasticity.newBuilder().setTraceRule(rule)))
                .addProjections(dense("drive", "post", new float[] {1.5f}, 0)))
            .setStimulus(org.chipsim.proto.v1.Stimulus.newBuilder().setSpikeTrains(
                org.chipsim.proto.v1.SpikeTrains.newBuilder().addTrains(pre)
                    .addTrains(org.chipsim.proto.v1.SpikeTrain.newBuilder().setPopulation("drive").setNeuron(0)
                        .addTicks(driveTick))))
            .setRun(RunConfig.newBuilder().setTicks(60).setSeed(5))
            .build();
    }

    @Test
    void shouldApplyConstantPreAndPostTermsToEverySynapseOfTheRowAndColumn()
    {
        // +2 steps at every pre spike (a pre-only term), -1 step at every post spike (a post-only, heterosynaptic
        // term): three pre spikes, one post spike
        final TraceRule rule = TraceRule.newBuilder().setTauX1Ticks(5f).setTauY1Ticks(5f)
            .addTerms(term((float)(2 * STEP), TraceEvent.PRE_SPIKE))
            .addTerms(term((float)(-STEP), TraceEvent.POST_SPIKE)).build();
        final RunResult result = TestModels.run(single(rule, 45, 10, 20, 30), 1);
        final int[] weights = result.learnedWeights(0);
        assertEquals(6 + 3 * 2 - 1, weights[0]);
        assertEquals(96, weights[1], "the drive projection does not learn");
        assertEquals(4, result.total(CoreCounter.LEARN_UPDATES));
    }

    @Test
    void shouldApplyAProductOfTwoPreTracesAtAPostSpike()
    {
        // pre arrives at 11 and 13, post fires at 15: x1 = e^-4/5 + e^-2/5, x2 = e^-4/10 + e^-2/10 (read before the
        // tick's own jumps); the change is c x1 x2 with c = 10 steps, rounded stochastically
        final TraceRule rule = TraceRule.newBuilder().setTauX1Ticks(5f).setTauY1Ticks(5f).setTauX2Ticks(10f)
            .setTauY2Ticks(10f).addTerms(term((float)(10 * STEP), TraceEvent.POST_SPIKE, TraceFactor.X1,
                TraceFactor.X2)).build();
        final int learned = TestModels.run(single(rule, 14, 10, 12), 1).learnedWeights(0)[0];
        final double x1 = Math.exp(-4 / 5.0) + Math.exp(-2 / 5.0);
        final double x2 = Math.exp(-4 / 10.0) + Math.exp(-2 / 10.0);
        final double expected = 6 + 10 * x1 * x2;
        assertTrue(Math.abs(learned - expected) < 1.0, "learned " + learned + ", expected " + expected);
    }

    @Test
    void shouldLearnTheSameWithAnyTermsFor1And2And4Workers()
    {
        final Plasticity terms = Plasticity.newBuilder().setTraceRule(TraceRule.newBuilder()
            .setTauX1Ticks(5f).setTauY1Ticks(7f).setTauX2Ticks(15f).setTauY2Ticks(20f)
            .addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.X1))
            .addTerms(term(-0.012f, TraceEvent.PRE_SPIKE, TraceFactor.Y1))
            .addTerms(term(-0.0005f, TraceEvent.POST_SPIKE, TraceFactor.Y2))
            .addTerms(term(0.0004f, TraceEvent.PRE_SPIKE))
            .addTerms(term(0.002f, TraceEvent.POST_SPIKE, TraceFactor.X1, TraceFactor.X2))).build();
        final org.chipsim.proto.v1.ChipProgram program = Compiler.compile(network(terms));
        assertTrue(program.getCores(0).getLearningRules(0).getPreTermStepsCount() == 16, "runs as term tables");
        assertTrue(TestModels.run(network(terms), 1).total(CoreCounter.LEARN_UPDATES) > 10_000, "learning happened");
        TestModels.assertSameLearningFor1And2And4Workers(program);
    }

    @Test
    void shouldRefuseMalformedTerms()
    {
        final TraceRule.Builder base = TraceRule.newBuilder().setTauX1Ticks(5f).setTauY1Ticks(5f);
        final ModelException twice = assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity
            .newBuilder().setTraceRule(base.clone().addTerms(term(0.01f, TraceEvent.POST_SPIKE, TraceFactor.X1,
                TraceFactor.X1))).build())));
        assertTrue(twice.getMessage().contains("at most once"), twice.getMessage());
        final ModelException event = assertThrows(ModelException.class, () -> Compiler.compile(network(Plasticity
            .newBuilder().setTraceRule(base.clone().addTerms(term(0.01f, TraceEvent.TRACE_EVENT_UNSPECIFIED,
                TraceFactor.X1))).build())));
        assertTrue(event.getMessage().contains("PRE_SPIKE or POST_SPIKE"), event.getMessage());
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
