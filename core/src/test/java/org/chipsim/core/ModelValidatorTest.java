package org.chipsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;

public class ModelValidatorTest
{
    /** A small valid model: 3 inputs, 2 LIF neurons, two sparse synapses. */
    public static Model.Builder model()
    {
        return Model.newBuilder().setNetwork(Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(3).setInput(true))
            .addPopulations(Population.newBuilder().setName("out").setSize(2)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addProjections(Projection.newBuilder().setSource("in").setTarget("out")
                .setSparse(SparseWeights.newBuilder().addPre(0).addPost(1).addWeight(0.5f)
                    .addPre(2).addPost(0).addWeight(-0.5f))));
    }

    static String rejection(final Consumer<Model.Builder> change)
    {
        final Model.Builder builder = model();
        change.accept(builder);
        final ModelException e = assertThrows(ModelException.class, () -> ModelValidator.validate(builder.build()));
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage();
    }

    @Test
    void shouldAcceptAValidModelAndResolveTheTianjicDefaults()
    {
        final ChipSpec chip = ModelValidator.validate(model().build());
        assertEquals(12, chip.getMeshWidth());
        assertEquals(13, chip.getMeshHeight());
        assertEquals(256, chip.getAxonsPerCore());
        assertEquals(256, chip.getNeuronsPerCore());
        assertEquals(8, chip.getWeightBits());
        assertEquals(300e6, chip.getClockHz());
    }

    @Test
    void shouldRejectSparseArraysOfDifferentLengths()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0).getSparseBuilder()
            .addPre(1));
        assertTrue(message.contains("sparse.pre, sparse.post and sparse.weight have 3, 2 and 2"), message);
    }

    @Test
    void shouldRejectARepeatedPair()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0).getSparseBuilder()
            .addPre(0).addPost(1).addWeight(0.1f));
        assertTrue(message.contains("repeats the pair (0 -> 1)"), message);
    }

    @Test
    void shouldRejectASynapseOutsideThePopulations()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0).getSparseBuilder()
            .setPost(0, 2));
        assertTrue(message.contains("sparse[0] (0 -> 2) is outside the 3 x 2"), message);
    }

    @Test
    void shouldRejectTwoEncodingsInOneProjection()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0)
            .addAllWeights(java.util.List.of(1f, 1f, 1f, 1f, 1f, 1f)));
        assertTrue(message.contains("more than one of weights, synapses, sparse and a layer"), message);
    }

    @Test
    void shouldRejectAProjectionIntoAnInput()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0).setSource("out")
            .setTarget("in"));
        assertTrue(message.contains("target 'in' is an input population"), message);
    }

    @Test
    void shouldRejectADelayTheChipCannotHold()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getProjectionsBuilder(0).setDelayTicks(16));
        assertTrue(message.contains("delay_ticks 16 exceeds the chip's max_delay_ticks 15"), message);
    }

    @Test
    void shouldRejectRatesOutsideZeroToOneAndSamplesOfTheWrongSize()
    {
        final Stimulus.Builder stimulus = Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder()
            .setPopulation("in").setTicksPerSample(10).addSamples(Sample.newBuilder().addRates(0.1f).addRates(1.5f)
                .addRates(0f)));
        assertTrue(rejection(m -> m.setStimulus(stimulus)).contains("samples[0].rates[1] is 1.5"));
        stimulus.getRateCodedBuilder().setSamples(0, Sample.newBuilder().addRates(0.1f).addRates(0.2f));
        assertTrue(rejection(m -> m.setStimulus(stimulus)).contains("has 2 rates, expected 3"));
    }

    @Test
    void shouldCheckSpikeTrainSamplesAndTheirLabels()
    {
        final SpikeTrains.Builder trains = SpikeTrains.newBuilder()
            .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(3).addTicks(12))
            .setTicksPerSample(10).addLabels(0).addLabels(-1).setResetBetweenSamples(true);
        ModelValidator.validate(model().setStimulus(Stimulus.newBuilder().setSpikeTrains(trains)).build());
        final SpikeTrains.Builder noLength = trains.clone().setTicksPerSample(0);
        assertTrue(rejection(m -> m.setStimulus(Stimulus.newBuilder().setSpikeTrains(noLength)))
            .contains("labels and reset_between_samples need ticks_per_sample >= 1"));
        final SpikeTrains.Builder late = trains.clone().setTrains(0, SpikeTrain.newBuilder().setPopulation("in")
            .setNeuron(1).addTicks(20));
        assertTrue(rejection(m -> m.setStimulus(Stimulus.newBuilder().setSpikeTrains(late)))
            .contains("tick 20 is after the last sample (2 labels x ticks_per_sample 10 = ticks 0..19)"));
        final SpikeTrains.Builder badLabel = trains.clone().setLabels(1, -2);
        assertTrue(rejection(m -> m.setStimulus(Stimulus.newBuilder().setSpikeTrains(badLabel)))
            .contains("labels[1] is -2"));
    }

    @Test
    void shouldAcceptProvenanceAndRejectAccuraciesThatAreNotFractions()
    {
        ModelValidator.validate(model().setProvenance(Provenance.newBuilder().setSource("test").setAnnAccuracy(0.98f)
            .setAnnAccuracySamples(300).setAnnTestAccuracy(1f)).build());
        assertTrue(rejection(m -> m.setProvenance(Provenance.newBuilder().setAnnAccuracy(98f)))
            .contains("provenance.ann_accuracy must be in [0, 1]"));
        assertTrue(rejection(m -> m.setProvenance(Provenance.newBuilder().setAnnTestAccuracy(Float.NaN)))
            .contains("provenance.ann_test_accuracy must be in [0, 1]"));
    }

    @Test
    void shouldRejectANewerSchemaAndBadChipRanges()
    {
        assertTrue(rejection(m -> m.setSchemaVersion(2)).contains("newer than this chipsim understands"));
        assertTrue(rejection(m -> m.setChip(ChipSpec.newBuilder().setWeightBits(17)))
            .contains("chip.weight_bits must be in 1..16, got 17"));
        assertTrue(rejection(m -> m.setChip(ChipSpec.newBuilder().setMeshWidth(2).setInputPortX(5)))
            .contains("lies outside the 2 x 13 mesh"));
    }

    @Test
    void shouldRejectAbsurdSizesBeforeAllocating()
    {
        final String message = rejection(m -> m.getNetworkBuilder().getPopulationsBuilder(1).setSize(-1));
        assertTrue(message.contains("more than 268435456 neurons"), message);
    }
}
