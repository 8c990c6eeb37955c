package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.ProgramValidator;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.RunConfig;
import org.junit.jupiter.api.Test;

/** Soma time-multiplexing: a core hosts k x neurons_per_core neurons and updates every one of them each tick. */
class TimeMultiplexTest
{
    /** 100 Poisson inputs -> 600 LIF neurons -> 10 outputs, on 64-axon, 256-neuron cores. */
    static Model model(final int timeMultiplex)
    {
        final SplittableRandom random = new SplittableRandom(13);
        final Network network = Network.newBuilder()
            .addPopulations(TestModels.input("in", 100))
            .addPopulations(TestModels.lif("hidden", 600, TestModels.neuron(1.0f).setDecay(0.9f).build()))
            .addPopulations(TestModels.lif("out", 10, TestModels.neuron(1.0f).build()))
            .addProjections(TestModels.dense("in", "hidden", TestModels.randomWeights(random, 100 * 600, 0.3, -0.1f,
                0.3f), 0))
            .addProjections(TestModels.dense("hidden", "out", TestModels.randomWeights(random, 600 * 10, 0.2, -0.1f,
                0.2f), 0))
            .build();
        return Model.newBuilder().setNetwork(network)
            .setStimulus(TestModels.poisson("in", 100, 2, 40, 0.2, 13))
            .setChip(ChipSpec.newBuilder().setAxonsPerCore(256).setNeuronsPerCore(256)
                .setNeuronTimeMultiplex(timeMultiplex))
            .setRun(RunConfig.newBuilder().addRecordPopulations("hidden").addRecordPopulations("out"))
            .build();
    }

    @Test
    void aMultiplexedCoreHostsMoreNeuronsAndUpdatesThemAll()
    {
        final ChipProgram plain = Compiler.compile(model(1));
        final ChipProgram multiplexed = Compiler.compile(model(4));
        // 600 hidden neurons: 3 cores of <= 256 without multiplexing, one core of <= 1024 with it
        assertEquals(3, plain.getPopulations(1).getSomaCoresCount());
        assertEquals(1, multiplexed.getPopulations(1).getSomaCoresCount());
        ProgramValidator.validate(multiplexed);
        final RunResult result = new ChipSimulation(multiplexed, RunOptions.defaults().withWorkers(2)).run();
        final SpikeRaster reference = new ReferenceSimulator(model(4), ReferenceSimulator.Mode.FIXED_POINT)
            .run(result.ticks());
        assertEquals(reference.filter(100, 710), result.raster());
        assertTrue(result.raster().size() > 100, "active enough: " + result.raster().size());
        // the same spikes as the unmultiplexed chip: multiplexing changes where neurons live, not what they do
        assertEquals(new ChipSimulation(plain, RunOptions.defaults()).run().raster(), result.raster());
        int checked = 0;
        for (int k = 0; k < result.coreCount(); k++)
        {
            final int core = result.coreId(k);
            final boolean hidden = multiplexed.getCoresList().stream().anyMatch(c -> c.getCoreId() == core &&
                c.getPopulation() == 1 && c.getRole() == CoreRole.CORE_ROLE_SOMA);
            if (hidden)
            {
                // one update per hosted neuron per tick: 600, i.e. the busy cycles of 600 / 256 = 2.3 soma passes
                assertEquals(600L * result.ticks(), result.counter(k, CoreCounter.NEURON_UPDATES));
                checked++;
            }
        }
        assertEquals(1, checked);
    }

    @Test
    void theMultiplexFactorIsChecked()
    {
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(model(65)));
        assertEquals("chip.neuron_time_multiplex must be in 0..64, got 65", e.getMessage());
    }
}
