package org.chipsim.core.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chipsim.core.NetworkIndex;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.junit.jupiter.api.Test;

class WeightRoundingTest
{
    /** 4 inputs -> 1 neuron with weights 1, 0.5, -0.25, 0.0625 (and a zero, which is no synapse). */
    static Network network()
    {
        return Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(5).setInput(true))
            .addPopulations(Population.newBuilder().setName("out").setSize(1)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addProjections(Projection.newBuilder().setSource("in").setTarget("out")
                .addWeights(1f).addWeights(0.5f).addWeights(-0.25f).addWeights(0.0625f).addWeights(0f))
            .build();
    }

    @Test
    void fourBitRoundingByHand()
    {
        final Network network = network();
        final NetworkIndex index = new NetworkIndex(network);
        // 4-bit weights: largest integer 7, so scale = 1 / 7 and the weights are 7, 3.5, -1.75, 0.4375 steps,
        // stored as 7, 4 (half away from zero), -2 and 0: errors 0, 0.5/7, 0.25/7 and 0.0625 (rounded away).
        final double scale = Quantization.populationScale(network, index, 1, 4);
        assertEquals(1.0 / 7, scale, 1e-15);
        final WeightRounding r = WeightRounding.of(network, index, 1, scale, 4);
        assertEquals(4, r.weights());
        assertEquals(1.0, r.maxAbsWeight(), 0);
        assertEquals(0.5 / 7, r.maxError(), 1e-12);
        assertEquals(Math.sqrt((0.25 / 49 + 0.0625 / 49 + 0.0625 * 0.0625) / 4), r.rmsError(), 1e-12);
        assertEquals(1, r.roundedToZero());
        assertEquals(100 * 0.5 / 7, r.percentOfMax(r.maxError()), 1e-9);
    }

    @Test
    void eightBitRoundingIsFiner()
    {
        final Network network = network();
        final NetworkIndex index = new NetworkIndex(network);
        // 8 bits: scale 1/127; 0.5 -> 63.5 -> 64 steps (error 0.5/127), 0.25 -> 31.75 -> 32 (0.25/127),
        // 0.0625 -> 7.9375 -> 8 (0.0625/127)
        final WeightRounding r = WeightRounding.of(network, index, 1, 1.0 / 127, 8);
        assertEquals(0.5 / 127, r.maxError(), 1e-12);
        assertEquals(Math.sqrt((0.25 + 0.0625 + 0.0625 * 0.0625) / 4) / 127, r.rmsError(), 1e-12);
        assertEquals(0, r.roundedToZero());
    }
}
