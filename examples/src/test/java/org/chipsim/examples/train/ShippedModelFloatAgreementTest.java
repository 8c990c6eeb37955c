package org.chipsim.examples.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 9, exactness: on shipped example models the fixed-point chip (8-bit weights, integer membrane) and the float
 * reference (the same network unquantized, in double precision) agree on every population's spike count within a
 * stated tolerance.
 */
class ShippedModelFloatAgreementTest
{
    /**
     * @param tolerance the largest relative difference |chip - float| / float allowed per population (measured when
     *                  written: digits-mlp hidden1 -0.13 %, output -0.70 %; conv-digits conv +0.11 %, pool +0.09 %,
     *                  output -0.54 %)
     */
    @ParameterizedTest
    @CsvSource({"digits-mlp.pb, 100, 0.02", "conv-digits.pb, 50, 0.02"})
    void chipSpikeCountsStayWithinToleranceOfTheFloatReference(final String file, final int samples,
        final double tolerance)
    {
        // surefire runs in the module directory: examples/models/...
        final Model model = SnnAccuracy.firstSamples(ModelFiles.readModel(Path.of("models", file)), samples);
        final RunResult chip = new ChipSimulation(Compiler.compile(model), RunOptions.defaults()).run();
        final SpikeRaster exact = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT).run(chip.ticks());
        final NetworkIndex index = chip.index();
        for (int p = 0; p < index.populationCount(); p++)
        {
            if (index.isInput(p))
            {
                continue;
            }
            final long chipSpikes = chip.populationSpikes(p);
            final long floatSpikes = exact.filter(index.firstGlobalId(p), index.firstGlobalId(p) + index.size(p))
                .size();
            System.out.printf("%s %s: chip %d, float %d spikes (%.2f %%)%n", file, index.name(p), chipSpikes,
                floatSpikes, 100.0 * (chipSpikes - floatSpikes) / floatSpikes);
            assertTrue(floatSpikes > 100, index.name(p) + " active: " + floatSpikes);
            assertTrue(Math.abs(chipSpikes - floatSpikes) <= tolerance * floatSpikes,
                file + " " + index.name(p) + ": chip " + chipSpikes + " vs float " + floatSpikes);
        }
    }
}
