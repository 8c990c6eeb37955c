package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Plasticity;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.SpikeTrain;
import org.chipsim.proto.v1.SpikeTrains;
import org.chipsim.proto.v1.StdpPair;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ANN-mode populations through the command line: the MAC and activation-packet report, and every refusal. */
class AnnCliTest
{
    @TempDir
    Path dir;

    /** in (2) -> h (ANN RELU, window 4) -> out (LIF). */
    private static Model.Builder hybrid()
    {
        return Model.newBuilder()
            .setName("hybrid-small")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(2).setInput(true))
                .addPopulations(Population.newBuilder().setName("h").setSize(3).setAnn(AnnNeuron.newBuilder()
                    .setActivationBits(4).setWindowTicks(4)))
                .addPopulations(Population.newBuilder().setName("out").setSize(1).setLif(LifNeuron.newBuilder()
                    .setThreshold(1f)))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("h")
                    .addWeights(1.2f).addWeights(0.5f).addWeights(0f).addWeights(0f).addWeights(0.6f).addWeights(1.1f))
                .addProjections(Projection.newBuilder().setSource("h").setTarget("out")
                    .addWeights(0.7f).addWeights(0.5f).addWeights(0.4f)))
            .setStimulus(Stimulus.newBuilder().setSpikeTrains(SpikeTrains.newBuilder()
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(0).addTicks(0).addTicks(1).addTicks(2))
                .addTrains(SpikeTrain.newBuilder().setPopulation("in").setNeuron(1).addTicks(1))))
            .setRun(RunConfig.newBuilder().setTicks(12).addRecordPopulations("out"));
    }

    private Path write(final Model model) throws IOException
    {
        final Path file = dir.resolve("model.pb");
        Files.write(file, model.toByteArray());
        return file;
    }

    private void assertRejected(final Model model, final String code, final String words) throws IOException
    {
        final Path out = dir.resolve("results");
        final Cli.Outcome outcome = Cli.chipsim("run", write(model).toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, outcome.code(), outcome.err());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, outcome.err());
        assertTrue(lines[0].startsWith("chipsim: error " + code + ": "), lines[0]);
        assertTrue(lines[0].contains(words), "'" + words + "' in " + lines[0]);
        assertFalse(outcome.err().contains("Exception"), outcome.err());
        assertFalse(Files.exists(out), "no output files");
    }

    @Test
    void shouldPrintMacsAndTheirEnergy() throws IOException
    {
        final Path out = dir.resolve("r");
        final Cli.Outcome run = Cli.chipsim("run", write(hybrid().build()).toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        // window 0: in0 counted 3 times (row of 2 non-zero weights), in1 once (2): 4 MACs; windows 1 and 2: no input
        assertTrue(run.out().contains("ANN          4 multiply-accumulates (MACs); 0 activation packets sent"),
            run.out());
        // tianjic: 2 / 1.28 TOPS/W = 1.5625 pJ per MAC
        assertTrue(run.out().contains("  mac        6.25 pJ for 4 MACs of ANN-mode cores (1.56 pJ per MAC)"),
            run.out());
        final String energy = Files.readString(out.resolve("energy.json"));
        assertTrue(energy.contains("\"mac_energy_pj\""), energy);
        assertTrue(energy.contains("\"macs\""), energy);
        final Cli.Outcome priced = Cli.chipsim("run", write(hybrid().build()).toString(), "--cost",
            "mac_energy_pj=10");
        assertTrue(priced.out().contains("40.0 pJ for 4 MACs"), priced.out());
    }

    @Test
    void shouldShowAnnModeCoresInTheProgramReport() throws IOException
    {
        final Path program = dir.resolve("program.pb");
        assertEquals(0, Cli.chipsim("compile", write(hybrid().build()).toString(), "-o", program.toString()).code());
        final Cli.Outcome inspect = Cli.chipsim("inspect", program.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("h          3 neurons on 1 ANN-mode cores; RELU, 4-bit activations " +
            "(step 0.06667), window 4 ticks"), inspect.out());
        assertTrue(inspect.out().contains("rate-coded spikes out"), inspect.out());
    }

    @Test
    void shouldRefuseBadActivationBits() throws IOException
    {
        final Model.Builder model = hybrid();
        model.getNetworkBuilder().getPopulationsBuilder(1).getAnnBuilder().setActivationBits(17);
        assertRejected(model.build(), "E201", "ann.activation_bits must be 1..16");
        model.getNetworkBuilder().getPopulationsBuilder(1).getAnnBuilder().setActivationBits(1)
            .setActivation(AnnActivation.ANN_ACTIVATION_CLAMP);
        assertRejected(model.build(), "E201", "ann.activation_bits must be 2..16 for CLAMP");
    }

    @Test
    void shouldRefuseLearningIntoAnAnnPopulation() throws IOException
    {
        final Model.Builder model = hybrid();
        model.getNetworkBuilder().getProjectionsBuilder(0).setPlasticity(Plasticity.newBuilder()
            .setStdpPair(StdpPair.newBuilder().setAPlus(0.01f).setTauPlusTicks(5).setTauMinusTicks(5)));
        assertRejected(model.build(), "E201", "is an ANN population, which cannot learn");
    }

    @Test
    void shouldRefuseAClampLayerDrivingSpikesAndALongDelay() throws IOException
    {
        final Model.Builder clamp = hybrid();
        clamp.getNetworkBuilder().getPopulationsBuilder(1).getAnnBuilder()
            .setActivation(AnnActivation.ANN_ACTIVATION_CLAMP);
        assertRejected(clamp.build(), "E201", "needs activation RELU");
        final Model.Builder delayed = hybrid();
        delayed.getNetworkBuilder().getProjectionsBuilder(0).setDelayTicks(4);
        assertRejected(delayed.build(), "E201", "must be less than ann.window_ticks (4)");
    }

    @Test
    void shouldRefuseAnAnnLayerThatNeedsPartialSums() throws IOException
    {
        final Model.Builder model = hybrid().setChip(ChipSpec.newBuilder().setAxonsPerCore(1));
        assertRejected(model.build(), "E400", "ANN-mode cores have no partial sums");
    }
}
