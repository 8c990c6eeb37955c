package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.Conv2d;
import org.chipsim.proto.v1.Flatten;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Pool2d;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.ProjectionLayout;
import org.chipsim.proto.v1.ResetMode;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;

/** Conv2d, pooling and flatten layers on the chip against the fixed-point reference, spike for spike. */
class LayerMappingTest
{
    /**
     * 2 x 8 x 8 Poisson inputs -> conv 6 x 3 x 3 (padding 1, groups 2, bias) -> 6 x 8 x 8 -> average pool 2 ->
     * 6 x 4 x 4 -> conv 8 x 3 x 3 (stride 2, padding 1) -> 8 x 2 x 2 -> sum pool 2 -> 8 x 1 x 1 -> flatten -> 8 ->
     * dense -> 3 outputs; plus a dense skip from the first conv to the outputs.
     */
    static Model convNet(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Conv2d.Builder conv1 = Conv2d.newBuilder().addAllInputShape(List.of(2, 8, 8)).setOutChannels(6)
            .addKernel(3).addPadding(1).setGroups(2);
        for (int k = 0; k < 6 * 1 * 9; k++)
        {
            conv1.addWeight((float)(random.nextDouble() * 0.9 - 0.3));
        }
        for (int c = 0; c < 6; c++)
        {
            conv1.addBias((float)(random.nextDouble() * 0.1 - 0.05));
        }
        final Conv2d.Builder conv2 = Conv2d.newBuilder().addAllInputShape(List.of(4, 4)).setOutChannels(8)
            .addKernel(3).addStride(2).addPadding(1);
        for (int k = 0; k < 8 * 6 * 9; k++)
        {
            conv2.addWeight((float)(random.nextDouble() * 0.6 - 0.2));
        }
        final Network network = Network.newBuilder()
            .addPopulations(TestModels.input("in", 128))
            .addPopulations(TestModels.lif("c1", 384, TestModels.neuron(1.0f).setDecay(0.9f).build()))
            .addPopulations(TestModels.lif("p1", 96, TestModels.neuron(0.5f).setResetMode(ResetMode.RESET_SUBTRACT)
                .build()))
            .addPopulations(TestModels.lif("c2", 32, TestModels.neuron(1.0f).setDecay(0.95f).setLeak(0.01f).build()))
            .addPopulations(TestModels.lif("p2", 8, TestModels.neuron(1.0f).build()))
            .addPopulations(TestModels.lif("f", 8, TestModels.neuron(0.5f).build()))
            .addPopulations(TestModels.lif("out", 3, TestModels.neuron(1.0f).setDecay(0.9f).build()))
            .addProjections(Projection.newBuilder().setName("conv1").setSource("in").setTarget("c1").setConv2D(conv1))
            .addProjections(Projection.newBuilder().setName("pool1").setSource("c1").setTarget("p1")
                .setAvgPool2D(Pool2d.newBuilder().addAllInputShape(List.of(6, 8, 8)).addKernel(2).setWeight(1.5f)))
            .addProjections(Projection.newBuilder().setName("conv2").setSource("p1").setTarget("c2").setConv2D(conv2))
            .addProjections(Projection.newBuilder().setName("pool2").setSource("c2").setTarget("p2")
                .setSumPool2D(Pool2d.newBuilder().addAllInputShape(List.of(2, 2)).addKernel(2)))
            .addProjections(Projection.newBuilder().setName("flatten").setSource("p2").setTarget("f")
                .setFlatten(Flatten.newBuilder().setWeight(0.75f)).setDelayTicks(1))
            .addProjections(TestModels.dense("f", "out", TestModels.randomWeights(random, 8 * 3, 1, -0.5f, 1f), 0))
            .addProjections(TestModels.dense("c1", "out", TestModels.randomWeights(random, 384 * 3, 0.2, -0.1f,
                0.15f), 0))
            .build();
        return Model.newBuilder().setName("convnet").setNetwork(network)
            .setStimulus(TestModels.poisson("in", 128, 3, 50, 0.3, seed))
            .setRun(RunConfig.newBuilder().setSeed(seed).addAllRecordPopulations(List.of("in", "c1", "p1", "c2",
                "p2", "f", "out")))
            .build();
    }

    @Test
    void convAndPoolingLayersOnTheChipEqualTheFixedPointReference()
    {
        for (final ChipSpec chip : List.of(ChipSpec.getDefaultInstance(), ChipSpec.newBuilder().setAxonsPerCore(64)
            .setNeuronsPerCore(48).setMeshWidth(20).setMeshHeight(20).build()))
        {
            final Model model = convNet(5).toBuilder().setChip(chip).build();
            final ChipProgram program = Compiler.compile(model);
            final RunResult result = new ChipSimulation(program, RunOptions.defaults().withWorkers(2)).run();
            final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
                .run(result.ticks());
            final NetworkIndex index = result.index();
            for (final String population : List.of("c1", "p1", "c2", "p2", "f", "out"))
            {
                final int p = index.indexOf(population);
                final long spikes = reference.filter(index.firstGlobalId(p), index.firstGlobalId(p + 1)).size();
                assertTrue(spikes > 0, population + " must be active for the test to mean anything");
            }
            assertEquals(reference, result.raster(), "chip " + chip);
            if (chip.getAxonsPerCore() == 64)
            {
                assertTrue(result.total(CoreCounter.PSUM_PACKETS_SENT) > 0, "partial sums must be exercised");
            }
        }
    }

    @Test
    void theProgramRecordsEachLayersParametersAndItsExpansion()
    {
        final ChipProgram program = Compiler.compile(convNet(5));
        final ProjectionLayout conv1 = program.getProjections(0);
        assertEquals("conv1", conv1.getName());
        assertEquals("conv2d", conv1.getKind());
        assertEquals("conv2d 2x8x8 -> 6x8x8, kernel 3x3, stride 1, padding 1, groups 2", conv1.getDescription());
        assertEquals(6 * 9 + 6, conv1.getUniqueParameters());
        // each of the 6 x 9 kernel weights reaches every output position whose window covers the input: 8 x 8
        // positions minus the border rows/columns the kernel element falls off: per kernel row/column offset 8 or 7
        long expected = 0;
        for (int ky = 0; ky < 3; ky++)
        {
            for (int kx = 0; kx < 3; kx++)
            {
                expected += (ky == 1 ? 8 : 7) * (kx == 1 ? 8 : 7);
            }
        }
        assertEquals(6 * expected, conv1.getSynapses());
        assertEquals("avg_pool2d", program.getProjections(1).getKind());
        assertEquals(1, program.getProjections(1).getUniqueParameters());
        assertEquals(384, program.getProjections(1).getSynapses());
        assertEquals("flatten", program.getProjections(4).getKind());
        assertEquals("dense", program.getProjections(5).getKind());
        assertEquals(0, program.getProjections(5).getUniqueParameters());
    }
}
