package org.chipsim.chip.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compiler;
import org.chipsim.core.SpikeRaster;
import org.chipsim.core.reference.ReferenceSimulator;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties over random networks, chips, stimuli and seeds (see {@link RandomNetworks}). The number of tries comes
 * from jqwik's configuration: modest by default, many more with the Maven profile {@code -Pexhaustive}.
 */
class ChipPropertiesTest
{
    private static final long TICKS = 150;

    @Property
    void compiledChipEqualsTheUnpartitionedReference(@ForAll final long seed)
    {
        final Model model = RandomNetworks.model(seed);
        final ChipProgram program = Compiler.compile(model);
        final RunResult chip = new ChipSimulation(program, RunOptions.defaults().withWorkers(2).withTicks(TICKS)
            .withRecord(names(model))).run();
        final SpikeRaster reference = new ReferenceSimulator(model, ReferenceSimulator.Mode.FIXED_POINT).run(TICKS);
        assertEquals(reference, chip.raster());
    }

    @Property
    void spikesAreConservedAndResultsDoNotDependOnWorkers(@ForAll final long seed)
    {
        final ChipProgram program = Compiler.compile(RandomNetworks.model(seed));
        final RunResult one = new ChipSimulation(program, RunOptions.defaults().withWorkers(1).withTicks(TICKS))
            .run();
        final RunResult three = new ChipSimulation(program, RunOptions.defaults().withWorkers(3).withTicks(TICKS)
            .withRingSize(16)).run();
        final RunResult four = new ChipSimulation(program, RunOptions.defaults().withWorkers(4).withTicks(TICKS))
            .run();
        assertEquals(one.raster(), four.raster());
        assertEquals(one.total(CoreCounter.SOPS), four.total(CoreCounter.SOPS));
        assertEquals(one.total(CoreCounter.PACKETS_SENT) + one.inputPackets(), one.total(CoreCounter.PACKETS_RECEIVED));
        assertEquals(one.total(CoreCounter.PACKETS_RECEIVED), one.total(CoreCounter.SPIKES_DELIVERED) +
            one.total(CoreCounter.PENDING_AT_END) + one.total(CoreCounter.DROPPED));
        assertEquals(one.total(CoreCounter.PSUM_PACKETS_SENT), one.total(CoreCounter.PSUM_PACKETS_RECEIVED));
        assertEquals(one.raster(), three.raster());
        for (int k = 0; k < one.coreCount(); k++)
        {
            for (final CoreCounter counter : CoreCounter.values())
            {
                assertEquals(one.counter(k, counter), three.counter(k, counter), counter.key());
            }
        }
        assertEquals(one.totalHops(), three.totalHops());
    }

    @Property
    void modelsAndProgramsSurviveASaveLoadRoundTrip(@ForAll final long seed) throws Exception
    {
        final Model model = RandomNetworks.model(seed);
        assertEquals(model, Model.parseFrom(model.toByteArray()));
        final ChipProgram program = Compiler.compile(model);
        assertEquals(program, ChipProgram.parseFrom(program.toByteArray()));
    }

    @Property
    void energyIsTheSumOverCoresAndComponents(@ForAll final long seed)
    {
        final RunResult result = new ChipSimulation(Compiler.compile(RandomNetworks.model(seed)),
            RunOptions.defaults().withWorkers(2).withTicks(TICKS)).run();
        for (final String preset : new String[] {"tianjic", "loihi", "truenorth"})
        {
            final org.chipsim.core.energy.EnergyModel model = org.chipsim.core.energy.EnergyModel.of(
                org.chipsim.core.energy.EnergyModel.withPreset(result.program().getChip(), preset));
            final long[][] events = new long[result.coreCount()][];
            for (int k = 0; k < events.length; k++)
            {
                events[k] = result.energyEvents(k);
            }
            final org.chipsim.core.energy.EnergyReport report = org.chipsim.core.energy.EnergyReport.of(model,
                new org.chipsim.core.energy.Activity(result.ticks(), 1e-3, 1, events, result.inputPortEnergyEvents(),
                    result.tickTrace()));
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int k = 0; k < report.coreCount(); k++)
            {
                for (final org.chipsim.core.energy.Component component : org.chipsim.core.energy.Component.values())
                {
                    sum = sum.add(new java.math.BigDecimal(report.coreEnergyPj(k, component)));
                }
            }
            for (final org.chipsim.core.energy.Component component : org.chipsim.core.energy.Component.values())
            {
                sum = sum.add(new java.math.BigDecimal(report.inputPortEnergyPj(component)));
            }
            // the stored total is the exact sum rounded once
            assertEquals(sum.doubleValue(), report.totalPj(), preset);
        }
    }

    private static java.util.List<String> names(final Model model)
    {
        final java.util.List<String> names = new java.util.ArrayList<>();
        model.getNetwork().getPopulationsList().forEach(p -> names.add(p.getName()));
        return names;
    }
}
