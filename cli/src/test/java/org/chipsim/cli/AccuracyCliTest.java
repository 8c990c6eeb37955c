package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Provenance;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chipsim run} prints the chip's accuracy next to the float SNN reference's and the trained ANN's. */
class AccuracyCliTest
{
    @TempDir
    Path dir;

    /** Two inputs wired one-to-one to two outputs: sample "input k on" is class k. */
    private static Model.Builder labeledModel()
    {
        final Sample.Builder first = Sample.newBuilder().addRates(0.9f).addRates(0.05f).setLabel(0).setHasLabel(true);
        final Sample.Builder second = Sample.newBuilder().addRates(0.05f).addRates(0.9f).setLabel(1).setHasLabel(true);
        return Model.newBuilder()
            .setName("pair")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(2).setInput(true))
                .addPopulations(Population.newBuilder().setName("out").setSize(2)
                    .setLif(LifNeuron.newBuilder().setThreshold(0.5f)))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("out")
                    .addWeights(1f).addWeights(0f).addWeights(0f).addWeights(0.7f)))
            .setStimulus(Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder().setPopulation("in")
                .setTicksPerSample(20).setResetBetweenSamples(true).addSamples(first).addSamples(second)
                .addSamples(first).addSamples(second)))
            .setRun(RunConfig.newBuilder().setReadoutPopulation("out"))
            .setProvenance(Provenance.newBuilder().setSource("test").setAnnAccuracy(0.75f).setAnnAccuracySamples(4));
    }

    private Path write(final Model model) throws IOException
    {
        final Path file = dir.resolve("model.pb");
        Files.write(file, model.toByteArray());
        return file;
    }

    private static String accuracyLine(final Cli.Outcome outcome)
    {
        assertEquals(0, outcome.code(), outcome.err());
        for (final String line : outcome.out().split("\n"))
        {
            if (line.startsWith("accuracy"))
            {
                return line.strip();
            }
        }
        throw new AssertionError("no accuracy line in:\n" + outcome.out());
    }

    @Test
    void printsTheChipNextToTheFloatReferenceAndTheAnn() throws IOException
    {
        final String line = accuracyLine(Cli.chipsim("run", write(labeledModel().build()).toString()));
        assertEquals("accuracy     4 / 4 = 100.00 % on chip; float SNN reference 100.00 %; ANN (trained) 75.00 %; " +
            "readout 'out', spike-count argmax", line);
    }

    @Test
    void noReferenceSkipsTheFloatRunAndLargeModelsSkipItWithANote() throws IOException
    {
        final Path model = write(labeledModel().build());
        final String skipped = accuracyLine(Cli.chipsim("run", model.toString(), "--no-reference"));
        assertFalse(skipped.contains("float SNN"), skipped);
        assertTrue(skipped.contains("on chip; ANN (trained) 75.00 %"), skipped);
        final String large = accuracyLine(Cli.chipsim("run", model.toString(), "--reference-max-synapses", "3"));
        assertTrue(large.contains("float SNN reference skipped (4 synapses > 3"), large);
    }

    @Test
    void fewerTicksScoreFewerSamplesOnBothAndSayOverHowManyTheAnnWasMeasured() throws IOException
    {
        final String line = accuracyLine(Cli.chipsim("run", write(labeledModel().build()).toString(), "--ticks",
            "40"));
        assertTrue(line.startsWith("accuracy     2 / 2 = 100.00 % on chip; float SNN reference 100.00 %; " +
            "ANN (trained) 75.00 % over all 4 samples"), line);
    }

    @Test
    void withoutProvenanceOnlyTheReferenceIsShownAndLabeledSpikeTrainsAreClassified() throws IOException
    {
        // the same task as labeled spike trains in samples of 10 ticks: sample 0 drives input 0, sample 1 input 1
        final Model model = labeledModel().clearProvenance()
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(1).addTicks(2))
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(11).addTicks(13))
                .setTicksPerSample(10).addLabels(0).addLabels(1).setResetBetweenSamples(true)))
            .build();
        final String line = accuracyLine(Cli.chipsim("run", write(model).toString()));
        assertEquals("accuracy     2 / 2 = 100.00 % on chip; float SNN reference 100.00 %; readout 'out', " +
            "spike-count argmax", line);
    }

    @Test
    void aLearningModelGetsNoFloatReference() throws IOException
    {
        final Model.Builder builder = labeledModel();
        builder.getNetworkBuilder().getProjectionsBuilder(0).getPlasticityBuilder().getStdpPairBuilder()
            .setAPlus(0.01f).setAMinus(0.01f).setTauPlusTicks(5).setTauMinusTicks(5);
        final String line = accuracyLine(Cli.chipsim("run", write(builder.build()).toString()));
        assertTrue(line.contains("on chip; no float SNN reference (the model learns on chip); ANN (trained) 75.00 %"),
            line);
    }
}
