package org.chipsim.examples.ann;

import java.nio.file.Path;
import java.util.Locale;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.AnnActivation;
import org.chipsim.proto.v1.AnnNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;

/**
 * The hybrid digits example (docs/ann-mode.md): the shipped rate-converted digits MLP with its hidden layer run by
 * ANN-mode cores, Tianjic's hybrid mapping. Nothing is retrained: the converted network's weights are kept, and the
 * hidden layer's integrate-and-fire neurons become ReLU units with activation_max 1 (the converter normalised every
 * hidden activation to at most about one spike per tick), which
 * <ul>
 *   <li>read the input layer's spike counts over a window (SNN -> ANN: x = count / window, the input rate), and</li>
 *   <li>drive the spiking output layer with rate-coded spikes of their activation in the next window
 *   (ANN -> SNN: y spikes per tick).</li>
 * </ul>
 * With the default window of half a sample (32 of 64 ticks), the hidden layer counts the first half of every sample
 * and the output layer classifies on the second half.
 *
 * <pre>
 * AnnDigits SOURCE.pb OUTPUT.pb [--window TICKS] [--bits B]
 *   e.g. AnnDigits examples/models/digits-mlp.pb examples/models/ann-digits.pb
 * </pre>
 */
public final class AnnDigits
{
    private AnnDigits()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length < 2)
        {
            System.err.println("usage: AnnDigits SOURCE.pb OUTPUT.pb [--window TICKS] [--bits B]");
            System.exit(2);
        }
        int window = 32;
        int bits = 8;
        for (int i = 2; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                case "--bits" -> bits = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Model hybrid = hybrid(ModelFiles.readModel(Path.of(args[0])), window, bits);
        ModelFiles.write(hybrid, Path.of(args[1]));
        System.out.printf(Locale.ROOT, "wrote %s: %s%n", args[1], hybrid.getName());
    }

    /** The model with every hidden population (neither input nor the readout) in ANN mode. */
    public static Model hybrid(final Model snn, final int windowTicks, final int activationBits)
    {
        final String readout = snn.getRun().getReadoutPopulation();
        final Network.Builder network = snn.getNetwork().toBuilder();
        int converted = 0;
        for (int p = 0; p < network.getPopulationsCount(); p++)
        {
            final Population population = network.getPopulations(p);
            if (population.getInput() || population.getName().equals(readout) ||
                p == network.getPopulationsCount() - 1)
            {
                continue;
            }
            final AnnNeuron.Builder ann = AnnNeuron.newBuilder()
                .setActivation(AnnActivation.ANN_ACTIVATION_RELU)
                .setActivationBits(activationBits)
                .setActivationMax(population.getLif().getThreshold())
                .setWindowTicks(windowTicks)
                .setBias(population.getLif().getBias())
                .addAllBiases(population.getLif().getBiasesList());
            network.setPopulations(p, population.toBuilder().setAnn(ann));
            converted++;
        }
        final String name = snn.getName() + String.format(Locale.ROOT, ", %d hidden layer%s in ANN mode (window %d " +
            "ticks, %d-bit activations)", converted, converted == 1 ? "" : "s", windowTicks, activationBits);
        return snn.toBuilder()
            .setName(name)
            .setNetwork(network)
            .setProvenance(snn.getProvenance().toBuilder()
                .setSource(snn.getProvenance().getSource() + "; hidden layers made ANN-mode by AnnDigits")
                .setDescription(snn.getProvenance().getDescription() + String.format(Locale.ROOT, "; hybrid: " +
                    "AnnDigits SOURCE OUTPUT --window %d --bits %d", windowTicks, activationBits)))
            .build();
    }
}
