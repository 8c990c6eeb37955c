package org.chipsim.core.stimulus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

class StimulusScheduleTest
{
    private static final NetworkIndex INDEX = new NetworkIndex(Network.newBuilder()
        .addPopulations(Population.newBuilder().setName("in").setSize(1000).setInput(true)).build());

    private static StimulusSchedule rates(final float... perNeuronRate)
    {
        final Sample.Builder sample = Sample.newBuilder();
        for (int i = 0; i < 1000; i++)
        {
            sample.addRates(perNeuronRate[i % perNeuronRate.length]);
        }
        return new StimulusSchedule(Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder().setPopulation("in")
            .setTicksPerSample(100).setResetBetweenSamples(true).addSamples(sample).addSamples(sample)).build(),
            INDEX, 42);
    }

    @Test
    void shouldFireWithTheRequestedProbability()
    {
        final StimulusSchedule schedule = rates(0.05f);
        final int[] out = new int[1000];
        long spikes = 0;
        for (long t = 0; t < 200; t++)
        {
            spikes += schedule.spikesAt(t, 0, 0, 1000, out);
        }
        // 200,000 Bernoulli(0.05) draws: mean 10,000, standard deviation 97; 5 sigma band
        assertTrue(Math.abs(spikes - 10_000) < 500, "spikes " + spikes);
    }

    @Test
    void shouldNeverFireAtRateZeroAndAlwaysAtRateOne()
    {
        final StimulusSchedule schedule = rates(0f, 1f);
        final int[] out = new int[1000];
        final int n = schedule.spikesAt(7, 0, 0, 1000, out);
        assertEquals(500, n);
        for (int k = 0; k < n; k++)
        {
            assertEquals(1, out[k] % 2, "only odd neurons have rate 1");
        }
    }

    @Test
    void shouldGiveTheSameSpikesWhateverSliceDrawsThem()
    {
        final StimulusSchedule schedule = rates(0.3f);
        final int[] whole = new int[1000];
        final int[] part = new int[1000];
        for (long t = 0; t < 50; t++)
        {
            final int n = schedule.spikesAt(t, 0, 0, 1000, whole);
            final int a = schedule.spikesAt(t, 0, 0, 333, part);
            final int b = schedule.spikesAt(t, 0, 333, 1000, Arrays.copyOfRange(part, 0, 1000));
            final int[] joined = new int[a + b];
            System.arraycopy(part, 0, joined, 0, a);
            final int[] second = new int[1000];
            schedule.spikesAt(t, 0, 333, 1000, second);
            System.arraycopy(second, 0, joined, a, b);
            assertArrayEquals(Arrays.copyOf(whole, n), joined, "tick " + t);
        }
    }

    @Test
    void shouldStopAfterTheLastSampleAndResetBetweenSamples()
    {
        final StimulusSchedule schedule = rates(1f);
        assertEquals(200, schedule.naturalTicks());
        assertEquals(0, schedule.spikesAt(200, 0, 0, 1000, new int[1000]));
        assertFalse(schedule.isResetTick(0));
        assertTrue(schedule.isResetTick(100));
        assertFalse(schedule.isResetTick(150));
    }

    @Test
    void shouldPlayExplicitSpikeTrainsSortedAndWithoutDuplicates()
    {
        final StimulusSchedule schedule = new StimulusSchedule(Stimulus.newBuilder().setSpikeTrains(SpikeTrains
            .newBuilder()
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(9).addTicks(5).addTicks(3).addTicks(5))
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(2).addTicks(5))).build(), INDEX, 1);
        final int[] out = new int[10];
        assertEquals(2, schedule.spikesAt(5, 0, 0, 1000, out));
        assertArrayEquals(new int[] {2, 9}, Arrays.copyOf(out, 2));
        assertEquals(1, schedule.spikesAt(3, 0, 0, 1000, out));
        assertEquals(1, schedule.spikesAt(5, 0, 5, 10, out), "slice [5, 10) holds only neuron 9");
        assertEquals(100, schedule.naturalTicks());
    }

    @Test
    void shouldPlaySpikeTrainsAsLabeledSamplesWithResets()
    {
        final StimulusSchedule schedule = new StimulusSchedule(Stimulus.newBuilder().setSpikeTrains(SpikeTrains
            .newBuilder()
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(4).addTicks(1).addTicks(25))
            .setTicksPerSample(10).addLabels(2).addLabels(-1).addLabels(0).setResetBetweenSamples(true)).build(),
            INDEX, 1);
        assertEquals(3, schedule.sampleCount());
        assertEquals(10, schedule.ticksPerSample());
        assertTrue(schedule.hasLabels());
        assertEquals(2, schedule.label(0));
        assertEquals(-1, schedule.label(1));
        assertEquals(0, schedule.label(2));
        assertEquals(30, schedule.naturalTicks(), "every sample once");
        assertFalse(schedule.isResetTick(0));
        assertTrue(schedule.isResetTick(10));
        assertTrue(schedule.isResetTick(20));
        assertFalse(schedule.isResetTick(25));
        final int[] out = new int[4];
        assertEquals(1, schedule.spikesAt(25, 0, 0, 1000, out));
        assertEquals(4, out[0]);
    }

    @Test
    void shouldCountUnlabeledSpikeTrainSamplesUpToTheLastSpike()
    {
        final StimulusSchedule schedule = new StimulusSchedule(Stimulus.newBuilder().setSpikeTrains(SpikeTrains
            .newBuilder()
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(2).addTicks(41))
            .setTicksPerSample(20)).build(), INDEX, 1);
        assertEquals(3, schedule.sampleCount());
        assertFalse(schedule.hasLabels());
        assertEquals(60, schedule.naturalTicks());
        assertFalse(schedule.isResetTick(20), "no reset unless asked for");
        // a spike far in time makes many samples but allocates nothing per sample
        final StimulusSchedule far = new StimulusSchedule(Stimulus.newBuilder().setSpikeTrains(SpikeTrains
            .newBuilder()
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(-2))
            .setTicksPerSample(1)).build(), INDEX, 1);
        assertEquals(Integer.MAX_VALUE, far.sampleCount());
        assertEquals(-1, far.label(1_000_000));
    }
}
