package org.chipsim.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.examples.data.IdxDataset;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Projection;
import org.junit.jupiter.api.Test;

class ConvDigitsTest
{
    @Test
    void tinyConvNetLearnsDigitsAndConvertsToConvAndPoolLayers()
    {
        final DataSplit split = DataSplit.of(IdxDataset.loadResource("uci-digits.idx.gz"), 0.3, 600, 100, 3);
        final ConvNet net = TrainConvDigits.train(split, 3, 5, 4);
        assertTrue(net.accuracy(split.testInputs(), split.testLabels()) > 0.8);
        final Model model = TrainConvDigits.convert(net, TrainConvDigits.activationScales(net, split.trainInputs()),
            split.testInputs(), split.testLabels(), 3);
        final Projection conv = model.getNetwork().getProjections(0);
        assertEquals(Projection.LayerCase.CONV2D, conv.getLayerCase());
        assertEquals(4 * 9, conv.getConv2D().getWeightCount());
        assertEquals(Projection.LayerCase.AVG_POOL2D, model.getNetwork().getProjections(1).getLayerCase());
        assertEquals(4 * 16, model.getNetwork().getPopulations(2).getSize());
        final SnnAccuracy.Result snn = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FLOAT);
        assertTrue(snn.accuracy() > 0.75, "float SNN " + snn.accuracy());
    }

    @Test
    void shippedConvModelClassifiesOnTheChipExactlyAsTheFixedPointReference()
    {
        final Model model = SnnAccuracy.firstSamples(ModelFiles.readModel(Path.of("models", "conv-digits.pb")), 100);
        final SnnAccuracy.Result chip = SnnAccuracy.chip(model);
        final SnnAccuracy.Result fixed = SnnAccuracy.reference(model, ReferenceSimulator.Mode.FIXED_POINT);
        assertArrayEquals(fixed.classification().predicted(), chip.classification().predicted());
        assertTrue(chip.accuracy() >= 0.9, "chip " + chip.accuracy());
    }
}
