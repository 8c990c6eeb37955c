package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.chipsim.chip.TestModels.dense;
import static org.chipsim.chip.TestModels.input;
import static org.chipsim.chip.TestModels.lif;
import static org.chipsim.chip.TestModels.neuron;

import org.chipsim.core.SpikeRaster;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelayTest
{
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 15})
    void shouldDeliverSpikeOneTickAfterDelay(final int delay)
    {
        final Model model = Model.newBuilder()
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 1))
                .addPopulations(lif("out", 1, neuron(1.0f).build()))
                .addProjections(dense("in", "out", new float[] {1.5f}, delay)))
            .setStimulus(TestModels.spikes("in", 0, 5))
            .setRun(RunConfig.newBuilder().setTicks(40).addRecordPopulations("in").addRecordPopulations("out"))
            .build();
        final RunResult result = TestModels.run(model, 1);
        final SpikeRaster raster = result.raster();
        assertEquals(2, raster.size());
        assertEquals(5, raster.tick(0), "input spike");
        assertEquals(0, raster.globalId(0));
        assertEquals(5 + 1 + delay, raster.tick(1), "output fires when the spike is delivered");
        assertEquals(1, result.total(CoreCounter.SPIKES_DELIVERED));
        assertEquals(1, result.total(CoreCounter.SOPS));
    }

    @Test
    void shouldCountHopsAlongTheXyRoute()
    {
        // input port at (0,0); a 4 x 4 mesh of 1-neuron cores: the 3 neurons of 'a' land on cores 0, 1, 2, 'b' on 3
        final Model model = Model.newBuilder()
            .setChip(ChipSpec.newBuilder().setMeshWidth(2).setMeshHeight(2).setAxonsPerCore(4).setNeuronsPerCore(1))
            .setNetwork(Network.newBuilder()
                .addPopulations(input("in", 1))
                .addPopulations(lif("a", 3, neuron(1.0f).build()))
                .addPopulations(lif("b", 1, neuron(100.0f).build()))
                .addProjections(dense("in", "a", new float[] {2f, 2f, 2f}, 0))
                .addProjections(dense("a", "b", new float[] {1f, 1f, 1f}, 0)))
            .setStimulus(TestModels.spikes("in", 0, 0))
            .setRun(RunConfig.newBuilder().setTicks(5))
            .build();
        final RunResult result = TestModels.run(model, 1);
        // input -> cores (0,0), (1,0), (0,1): 1 off-chip link + 0, 1, 1 mesh hops
        assertEquals(3 + 2, result.inputHops());
        // a's cores (0,0), (1,0), (0,1) -> b at (1,1): 2 + 1 + 1 hops
        assertEquals(4, result.total(CoreCounter.HOPS));
        assertEquals(3, result.total(CoreCounter.PACKETS_SENT));
    }
}
