package org.chipsim.chip;

import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.energy.EnergyEvent;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.NocOverflow;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Rstdp;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sbp;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

/**
 * Self-backpropagation on two cores, against a hand computation. in (2) -> hid (2) -> out (2), one-to-one sparse
 * synapses of 5 steps (weight_scale 1), every neuron memoryless with threshold 1, so each input spike makes its hidden
 * neuron fire in the tick it arrives and that one's output neuron in the next tick. Pair STDP with a_plus = 8 steps,
 * a_minus = 0 and traces that do not decay (tau = 10^7 ticks: decay_q16 = 65536), so a post spike adds 8 x (earlier
 * pre spikes of the synapse).
 *
 * <pre>
 *   in 0 spikes at 0, 1     -> hid 0 fires at 1, 2       -> out 0 fires at 2, 3
 *   in 1 spikes at 20..22   -> hid 1 fires at 21..23     -> out 1 fires at 22..24
 *   base changes: (in0,hid0) 8 x 1 = 8;  (in1,hid1) 8 x (1 + 2) = 24;  (hid0,out0) 8;  (hid1,out1) 24
 *   the out core sends L+_hid0 = 8, L+_hid1 = 24 (L- = 0): one SBP packet per hidden neuron
 *   one epoch of 30 ticks, lambda f = 0.5:  N = 8/32, 24/32  ->  factors 1.125, 1.375
 *       (in0,hid0) = 5 + 8 x 1.125 = 14, (in1,hid1) = 5 + 24 x 1.375 = 38; out weights unscaled: 13, 29
 *   epochs of 10 ticks: each hidden neuron alone in its epoch (N = 1): factor 1.5 -> 17, 41
 *   lambda = 0: the base rule once per epoch -> 13, 29
 * </pre>
 *
 * Every product is exact in the Q16 arithmetic, so no stochastic rounding is involved.
 */
class SbpTest
{
    private static Plasticity sbpStdp(final int epochTicks, final float lambda)
    {
        return Plasticity.newBuilder()
            .setStdpPair(StdpPair.newBuilder().setAPlus(8f).setAMinus(0f).setTauPlusTicks(1e7f).setTauMinusTicks(1e7f))
            .setSbp(Sbp.newBuilder().setEpochTicks(epochTicks).setF(0.5f).setLambda(lambda))
            .build();
    }

    private static Population memoryless(final String name)
    {
        return lif(name, 2, neuron(1f).setDecay(0f).setDecaySet(true).build()).toBuilder().setWeightScale(1.0).build();
    }

    private static Projection oneToOne(final String source, final String target, final Plasticity plasticity)
    {
        return Projection.newBuilder().setSource(source).setTarget(target)
            .setSparse(SparseWeights.newBuilder().addPre(0).addPost(0).addWeight(5f).addPre(1).addPost(1).addWeight(5f))
            .setPlasticity(plasticity).build();
    }

    static Model twoCores(final int epochTicks, final float lambda, final long ticks)
    {
        final Plasticity plasticity = sbpStdp(epochTicks, lambda);
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 2))
                .addPopulations(memoryless("hid"))
                .addPopulations(memoryless("out"))
                .addProjections(oneToOne("in", "hid", plasticity))
                .addProjections(oneToOne("hid", "out", plasticity)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(0).addTicks(1))
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(20).addTicks(21)
                    .addTicks(22))))
            .setRun(RunConfig.newBuilder().setTicks(ticks).setSeed(5).addRecordPopulations("hid")
                .addRecordPopulations("out"))
            .build();
    }

    /** Index (in program order) of the soma core of a population. */
    private static int coreOf(final ChipProgram program, final int population)
    {
        final int id = program.getPopulations(population).getSomaCores(0);
        for (int k = 0; k < program.getCoresCount(); k++)
        {
            if (program.getCores(k).getCoreId() == id)
            {
                return k;
            }
        }
        throw new AssertionError("no core " + id);
    }

    /** The learned weight of source neuron 'pre' into local neuron 'post' of core k. */
    private static int weight(final ChipProgram program, final RunResult result, final int k, final int pre,
        final int post)
    {
        final CoreProgram core = program.getCores(k);
        for (int a = 0; a < core.getAxonCount(); a++)
        {
            if (core.getAxonSourceNeuron(a) == pre)
            {
                return result.learnedWeights(k)[a * core.getNeuronCount() + post];
            }
        }
        throw new AssertionError("no axon for " + pre);
    }

    private record Learned(int in0Hid0, int in1Hid1, int hid0Out0, int hid1Out1)
    {
    }

    private static Learned learn(final Model model, final RunResult[] out)
    {
        final ChipProgram program = Compiler.compile(model);
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        out[0] = result;
        final int hid = coreOf(program, 1);
        final int output = coreOf(program, 2);
        return new Learned(weight(program, result, hid, 0, 0), weight(program, result, hid, 1, 1),
            weight(program, result, output, 0, 0), weight(program, result, output, 1, 1));
    }

    @Test
    void shouldScaleTheInputChangesByTheNormalizedOutputChangesOfOneEpoch()
    {
        final RunResult[] result = new RunResult[1];
        assertEquals(new Learned(14, 38, 13, 29), learn(twoCores(30, 1f, 30), result));
        assertEquals(2, result[0].total(CoreCounter.SBP_PACKETS_SENT), "one SBP packet per hidden neuron");
        assertEquals(2, result[0].total(CoreCounter.SBP_PACKETS_RECEIVED));
    }

    @Test
    void shouldApplyAnEpochAtTheStartOfTheNextAndNormalizePerEpoch()
    {
        final RunResult[] result = new RunResult[1];
        // epochs of 10 ticks: hid 0 changes in epoch 0, hid 1 in epoch 2; each alone in its epoch
        assertEquals(new Learned(17, 41, 13, 29), learn(twoCores(10, 1f, 40), result));
        assertEquals(2, result[0].total(CoreCounter.SBP_PACKETS_SENT), "no packet for an epoch without changes");
        // an epoch that ends in the middle of the run gives the same as one that ends with it
        assertEquals(new Learned(14, 38, 13, 29), learn(twoCores(30, 1f, 75), result));
    }

    @Test
    void shouldApplyTheBaseRuleOncePerEpochWhenLambdaIsZero()
    {
        final RunResult[] result = new RunResult[1];
        assertEquals(new Learned(13, 29, 13, 29), learn(twoCores(30, 0f, 30), result));
        assertEquals(2, result[0].total(CoreCounter.SBP_PACKETS_SENT), "the packets still travel and cost");
    }

    @Test
    void shouldRouteCountAndPriceTheSbpPackets()
    {
        final Model model = twoCores(30, 1f, 30);
        final ChipProgram program = Compiler.compile(model);
        final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        final int hid = coreOf(program, 1);
        final int out = coreOf(program, 2);
        final CoreProgram a = program.getCores(hid);
        final CoreProgram b = program.getCores(out);
        final int distance = Math.abs(a.getX() - b.getX()) + Math.abs(a.getY() - b.getY());
        assertTrue(distance > 0, "two cores");
        // the reverse route: the out core's rows lead back to the hid core's neurons; the hid core's rows (inputs)
        // have none
        assertEquals(2, b.getSbpRouteCoreCount());
        for (int axon = 0; axon < 2; axon++)
        {
            assertEquals(a.getCoreId(), b.getSbpRouteCore(axon));
            assertEquals(b.getAxonSourceNeuron(axon), b.getSbpRouteNeuron(axon));
        }
        assertEquals(0, a.getSbpRouteCoreCount());
        // 5 spikes of hid cross to out; 2 SBP packets cross back
        assertEquals(5L * distance, result.counter(hid, CoreCounter.HOPS));
        assertEquals(2L * distance, result.counter(out, CoreCounter.HOPS));
        assertEquals(2, result.counter(out, CoreCounter.SBP_PACKETS_SENT));
        assertEquals(2, result.counter(hid, CoreCounter.SBP_PACKETS_RECEIVED));
        assertEquals(2, result.energyEvents(out)[EnergyEvent.SBP_PACKET.ordinal()]);
        assertEquals(0, result.energyEvents(hid)[EnergyEvent.SBP_PACKET.ordinal()]);
        // spike packets are conserved as before
        assertEquals(result.total(CoreCounter.PACKETS_RECEIVED), result.total(CoreCounter.SPIKES_DELIVERED) +
            result.total(CoreCounter.PENDING_AT_END));
    }

    /** 60 Poisson inputs -> 100 hidden -> 30 outputs, on cores of 32 neurons, both layers learning with SBP. */
    static Model network()
    {
        final SplittableRandom random = new SplittableRandom(41);
        final Plasticity plasticity = Plasticity.newBuilder()
            .setStdpPair(StdpPair.newBuilder().setAPlus(0.02f).setAMinus(0.021f).setTauPlusTicks(6f)
                .setTauMinusTicks(6f))
            .setSbp(Sbp.newBuilder().setEpochTicks(25))
            .setWMin(0f).setWMax(0.5f).build();
        return Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 60))
                .addPopulations(lif("hid", 100, neuron(1.0f).setDecay(0.9f).build()))
                .addPopulations(lif("out", 30, neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(TestModels.dense("in", "hid", TestModels.randomWeights(random, 60 * 100, 0.6, 0f,
                    0.4f), 0).toBuilder().setPlasticity(plasticity))
                .addProjections(TestModels.dense("hid", "out", TestModels.randomWeights(random, 100 * 30, 0.6, 0f,
                    0.4f), 0).toBuilder().setPlasticity(plasticity)))
            .setStimulus(TestModels.poisson("in", 60, 3, 100, 0.15, 41))
            .setChip(ChipSpec.newBuilder().setNeuronsPerCore(32))
            .setRun(RunConfig.newBuilder().addRecordPopulations("hid").addRecordPopulations("out"))
            .build();
    }

    @Test
    void shouldLearnAndSendTheSameFor1And2And4Workers()
    {
        final ChipProgram program = Compiler.compile(network());
        TestModels.assertSameLearningFor1And2And4Workers(program);
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.SBP_PACKETS_SENT) > 100, "packets: " +
            one.total(CoreCounter.SBP_PACKETS_SENT));
        assertEquals(one.total(CoreCounter.SBP_PACKETS_SENT), one.total(CoreCounter.SBP_PACKETS_RECEIVED));
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(program, RunOptions.defaults().withWorkers(workers)).run();
            assertNull(RunComparison.firstDifference(one, many), workers + " workers");
        }
    }

    @Test
    void shouldCarrySbpPacketsThroughTheCongestedNocUnchangedAndIdenticallyForAnyWorkers()
    {
        final ChipProgram ideal = Compiler.compile(network());
        final ChipProgram congested = NocCongestionTest.congested(ideal, 1, 1, NocOverflow.NOC_OVERFLOW_BACK_PRESSURE);
        final RunResult free = new ChipSimulation(ideal, RunOptions.defaults().withWorkers(1)).run();
        final RunResult one = new ChipSimulation(congested, RunOptions.defaults().withWorkers(1)).run();
        assertTrue(one.total(CoreCounter.NOC_STALL_CYCLES) > 0, "buffers of one packet must stall");
        assertEquals(free.raster(), one.raster(), "back-pressure delays packets, never changes them");
        assertEquals(free.total(CoreCounter.SBP_PACKETS_SENT), one.total(CoreCounter.SBP_PACKETS_SENT));
        assertEquals(one.total(CoreCounter.SBP_PACKETS_SENT), one.total(CoreCounter.SBP_PACKETS_RECEIVED));
        for (int k = 0; k < free.coreCount(); k++)
        {
            assertArrayEquals(free.learnedWeights(k), one.learnedWeights(k), "core " + free.coreId(k));
        }
        for (final int workers : new int[] {2, 4})
        {
            final RunResult many = new ChipSimulation(congested, RunOptions.defaults().withWorkers(workers)).run();
            assertNull(RunComparison.firstDifference(one, many), workers + " workers, congested");
        }
    }

    @Test
    void shouldRefuseSbpWithoutAnEpochOrOnRstdpOrWithDifferentEpochs()
    {
        final Model noEpoch = twoCores(30, 1f, 30).toBuilder().setNetwork(twoCores(30, 1f, 30).getNetwork().toBuilder()
            .setProjections(0, oneToOne("in", "hid", sbpStdp(0, 1f)))).build();
        assertTrue(assertThrows(ModelException.class, () -> Compiler.compile(noEpoch)).getMessage()
            .contains("epoch_ticks must be >= 1"));
        final Model differentEpochs = twoCores(30, 1f, 30).toBuilder().setNetwork(twoCores(30, 1f, 30).getNetwork()
            .toBuilder().setProjections(0, oneToOne("in", "hid", sbpStdp(20, 1f)))).build();
        assertTrue(assertThrows(ModelException.class, () -> Compiler.compile(differentEpochs)).getMessage()
            .contains("same epoch"));
        final Plasticity rstdp = Plasticity.newBuilder().setRstdp(Rstdp.newBuilder().setAPlus(1f).setAMinus(1f)
            .setTauPlusTicks(5f).setTauMinusTicks(5f).setTauETicks(5f).setEta(1f))
            .setSbp(Sbp.newBuilder().setEpochTicks(30)).build();
        final Model onRstdp = twoCores(30, 1f, 30).toBuilder().setNetwork(twoCores(30, 1f, 30).getNetwork()
            .toBuilder().setProjections(0, oneToOne("in", "hid", rstdp))).build();
        assertTrue(assertThrows(ModelException.class, () -> Compiler.compile(onRstdp)).getMessage()
            .contains("not with rstdp"));
    }
}
