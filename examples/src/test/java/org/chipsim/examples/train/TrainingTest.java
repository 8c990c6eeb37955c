package org.chipsim.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.ResetMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingTest
{
    private static DataSplit split;

    @BeforeAll
    static void loadDigits()
    {
        split = DataSplit.of(IdxDataset.loadResource("uci-digits.idx.gz"), 0.3, 0, 200, 7);
    }

    private static Mlp trainTiny(final long seed)
    {
        final Mlp mlp = Mlp.initialized(new int[] {64, 32, 10}, seed);
        SgdTrainer.train(mlp, split.trainInputs(), split.trainLabels(),
            new SgdTrainer.Settings(5, 32, 0.05, 0.9, 1e-4, 0, split.width(), seed), null);
        return mlp;
    }

    @Test
    void splitHoldsOutTheTestFractionAndScalesPixels()
    {
        assertEquals(200, split.testInputs().length);
        assertEquals(1797 - Math.round(1797 * 0.3), split.trainInputs().length);
        assertEquals(10, split.classes());
        assertEquals(8, split.width());
        float max = 0f;
        for (final float[] image : split.trainInputs())
        {
            for (final float x : image)
            {
                assertTrue(x >= 0f && x <= 1f);
                max = Math.max(max, x);
            }
        }
        assertEquals(1f, max);
    }

    @Test
    void tinyMlpLearnsDigitsWellAboveChance()
    {
        final Mlp mlp = trainTiny(3);
        final double accuracy = mlp.accuracy(split.testInputs(), split.testLabels());
        assertTrue(accuracy > 0.8, "float test accuracy " + accuracy);
    }

    @Test
    void trainingIsDeterministicForASeed()
    {
        final Mlp a = trainTiny(11);
        final Mlp b = trainTiny(11);
        for (int l = 0; l < a.layerCount(); l++)
        {
            assertArrayEquals(a.weights(l), b.weights(l));
        }
    }

    @Test
    void conversionGivesRateCodedIfNetworkThatKeepsTheAnnAccuracy()
    {
        final Mlp mlp = trainTiny(5);
        final SnnConverter.Settings settings = SnnConverter.Settings.defaults("tiny").withTicks(48);
        final double[] scales = SnnConverter.activationScales(mlp, split.trainInputs(), settings);
        final Model model = SnnConverter.convert(mlp, scales, split.testInputs(), split.testLabels(), settings);

        assertEquals(3, model.getNetwork().getPopulationsCount());
        assertTrue(model.getNetwork().getPopulations(0).getInput());
        for (int p = 1; p < 3; p++)
        {
            final Population population = model.getNetwork().getPopulations(p);
            assertEquals(1f, population.getLif().getThreshold());
            assertEquals(ResetMode.RESET_SUBTRACT, population.getLif().getResetMode());
            assertEquals(0f, population.getLif().getDecay()); // unset: decay 1, integrate-and-fire
        }
        assertEquals(64 * 32, model.getNetwork().getProjections(0).getWeightsCount());
        assertEquals((float)(mlp.weights(1)[7] * scales[1] / scales[2]),
            model.getNetwork().getProjections(1).getWeights(7));
        assertEquals(SnnConverter.OUTPUT, model.getRun().getReadoutPopulation());
        assertEquals(200, model.getStimulus().getRateCoded().getSamplesCount());
        assertTrue(model.getStimulus().getRateCoded().getResetBetweenSamples());

        final double ann = mlp.accuracy(split.testInputs(), split.testLabels());
        final double snn = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FLOAT).accuracy();
        assertTrue(snn > ann - 0.05, "SNN float " + snn + " vs ANN " + ann);
    }

    @Test
    void shippedDigitsModelClassifiesOnTheChip()
    {
        // surefire runs in the module directory: examples/models/digits-mlp.pb
        final Model model = SnnAccuracy.firstSamples(ModelFiles.readModel(Path.of("models", "digits-mlp.pb")), 100);
        final SnnAccuracy.Result chip = SnnAccuracy.chip(model);
        assertEquals(100, chip.samples());
        assertTrue(chip.accuracy() >= 0.9, "on-chip accuracy " + chip.accuracy());
    }

    @Test
    void shippedModelsRecordHowTheyWereMadeAndTheAnnAccuracy()
    {
        final Model digits = ModelFiles.readModel(Path.of("models", "digits-mlp.pb"));
        assertTrue(digits.getProvenance().getSource().startsWith("chipsim examples TrainDigits"));
        assertTrue(digits.getProvenance().getDescription().contains("TrainDigits uci-digits.idx.gz"));
        assertEquals(1258, digits.getProvenance().getTrainSamples());
        assertEquals(300, digits.getProvenance().getAnnAccuracySamples());
        assertEquals(293 / 300.0, digits.getProvenance().getAnnAccuracy(), 1e-6);
        final Model mnist = ModelFiles.readModel(Path.of("models", "mnist-mlp.pb"));
        assertEquals(9000, mnist.getProvenance().getTrainSamples());
        assertEquals(1000, mnist.getProvenance().getTestSamples());
        assertEquals(300, mnist.getProvenance().getAnnAccuracySamples());
        assertEquals(mnist.getStimulus().getRateCoded().getSamplesCount(), mnist.getProvenance().getAnnAccuracySamples());
        assertEquals(0.982, mnist.getProvenance().getAnnTestAccuracy(), 1e-6);
    }

    @Test
    void provenanceRecordsTheRun()
    {
        final IdxDataset data = IdxDataset.loadResource("uci-digits.idx.gz");
        final var provenance = TrainDigits.provenance(new String[] {"uci-digits.idx.gz", "out.pb", "1", "2", "8"}, data,
            "64-8-10", 1, 2, 100, 50, 0.5, 20, 0.25);
        assertEquals("uci-digits.idx.gz (1797 images, 8x8 pixels, 10 classes)", provenance.getDataset());
        assertEquals(0.5f, provenance.getAnnAccuracy());
        assertEquals(20, provenance.getAnnAccuracySamples());
        assertEquals(0.25f, provenance.getAnnTestAccuracy());
        assertEquals(100, provenance.getTrainSamples());
        assertEquals(50, provenance.getTestSamples());
    }
}
