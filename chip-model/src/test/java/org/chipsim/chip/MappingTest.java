package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.NetworkIndex;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.PopulationLayout;
import org.junit.jupiter.api.Test;

/** The partitioned chip against the same network simulated whole, without a chip. */
class MappingTest
{
    @Test
    void shouldSplitAThousandNeuronsWithFanIn600IntoTheExpectedCores()
    {
        final ChipProgram program = Compiler.compile(TestModels.mappingNetwork(3));
        final PopulationLayout hidden = program.getPopulations(1);
        // 1000 neurons / 256 per core = 4 blocks; fan-in 600 inputs + recurrent sources: > 512 axons => 3+ groups
        assertEquals(4, hidden.getSomaCoresCount());
        assertTrue(hidden.getPartialSumCoresCount() >= 8, "partial-sum cores: " + hidden.getPartialSumCoresCount());
        final PopulationLayout out = program.getPopulations(2);
        assertEquals(1, out.getSomaCoresCount());
        // fan-in 1000 hidden neurons into 50 outputs = 4 groups of <= 256 axons: 1 soma + 3 partial-sum cores
        assertEquals(3, out.getPartialSumCoresCount());
        final java.util.Map<Integer, Integer> populationOfCore = new java.util.HashMap<>();
        program.getCoresList().forEach(core -> populationOfCore.put(core.getCoreId(), core.getPopulation()));
        program.getCoresList().forEach(core ->
        {
            assertTrue(core.getAxonCount() <= 256 && core.getNeuronCount() <= 256);
            if (core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                assertEquals(core.getPopulation(), populationOfCore.get(core.getPsumTargetCore()));
            }
        });
    }

    @Test
    void shouldMapAThousandNeuronsWithFanIn600OntoTwelveCoresAndMatchTheReference()
    {
        // 1000 neurons = 4 blocks of <= 256; fan-in 600 = 3 groups of <= 256 axons: 4 soma + 8 partial-sum cores
        final java.util.SplittableRandom random = new java.util.SplittableRandom(19);
        final Model model = Model.newBuilder()
            .setNetwork(org.chipsim.proto.v1.Network.newBuilder()
                .addPopulations(TestModels.input("in", 600))
                .addPopulations(TestModels.lif("n", 1000, TestModels.neuron(1.0f).setDecay(0.9f).build()))
                .addProjections(TestModels.dense("in", "n", TestModels.randomWeights(random, 600 * 1000, 1.0,
                    -0.05f, 0.08f), 0)))
            .setStimulus(TestModels.poisson("in", 600, 2, 100, 0.05, 19))
            .setRun(org.chipsim.proto.v1.RunConfig.newBuilder().addRecordPopulations("n"))
            .build();
        final ChipProgram program = Compiler.compile(model);
        assertEquals(12, program.getCoresCount());
        assertEquals(4, program.getPopulations(1).getSomaCoresCount());
        assertEquals(8, program.getPopulations(1).getPartialSumCoresCount());
        final RunResult chip = new ChipSimulation(program, RunOptions.defaults().withWorkers(2)).run();
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
            .run(chip.ticks());
        final int first = chip.index().firstGlobalId(1);
        final SpikeRaster expected = reference.filter(first, first + 1000);
        assertTrue(expected.size() > 500, "active enough to mean something: " + expected.size());
        assertEquals(expected, chip.raster().filter(first, first + 1000));
    }

    @Test
    void shouldProduceTheSameSpikesAsTheUnpartitionedReference()
    {
        final Model model = TestModels.mappingNetwork(5);
        final RunResult chip = TestModels.run(model, 2);
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
            .run(chip.ticks());
        assertTrue(reference.size() > 1000, "the network must be active for the test to mean anything: " +
            reference.size());
        assertTrue(chip.total(CoreCounter.PSUM_PACKETS_SENT) > 0, "partial sums must be exercised");
        assertEquals(reference, chip.raster());
    }

    @Test
    void shouldMatchTheReferenceWhenNeuronsAreSplitOverSmallCores()
    {
        // 16 x 16 cores: every population spans many cores and every fan-in many partial sums
        final Model model = TestModels.mappingNetwork(7).toBuilder()
            .setChip(org.chipsim.proto.v1.ChipSpec.newBuilder().setAxonsPerCore(64).setNeuronsPerCore(48)
                .setMeshWidth(40).setMeshHeight(40))
            .build();
        final RunResult chip = TestModels.run(model, 2);
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT)
            .run(chip.ticks());
        assertEquals(reference, chip.raster());
    }

    @Test
    void shouldStayCloseToTheFloatReference()
    {
        final Model model = TestModels.mappingNetwork(11);
        final RunResult chip = TestModels.run(model, 1);
        final SpikeRaster exact = new ReferenceSimulator(model, ReferenceSimulator.Mode.FLOAT).run(chip.ticks());
        final NetworkIndex index = chip.index();
        final int hidden = index.indexOf("hidden");
        final long chipSpikes = chip.populationSpikes(hidden);
        final long floatSpikes = exact.filter(index.firstGlobalId(hidden), index.firstGlobalId(hidden + 1)).size();
        // 8-bit weights: the hidden layer's spike count stays within 5 % of the float reference
        assertTrue(Math.abs(chipSpikes - floatSpikes) <= 0.05 * floatSpikes,
            "chip " + chipSpikes + " vs float " + floatSpikes);
    }
}
