package org.chipsim.chip;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.CoreRole;
import org.junit.jupiter.api.Test;

/** A damaged program is refused in one line before any core is built from it. */
class ProgramValidationTest
{
    private static final ChipProgram PROGRAM = Compiler.compile(TestModels.mappingNetwork(29));

    private static String refusal(final UnaryOperator<ChipProgram.Builder> damage)
    {
        final ChipProgram damaged = damage.apply(PROGRAM.toBuilder()).build();
        return assertThrows(ModelException.class, () -> new ChipSimulation(damaged, RunOptions.defaults()))
            .getMessage();
    }

    private static int firstCore(final CoreRole role)
    {
        for (int k = 0; k < PROGRAM.getCoresCount(); k++)
        {
            if (PROGRAM.getCores(k).getRole() == role)
            {
                return k;
            }
        }
        throw new AssertionError(role);
    }

    @Test
    void shouldRefuseTwoSourcesFeedingOneAxon()
    {
        final int k = firstCore(CoreRole.CORE_ROLE_SOMA);
        final String message = refusal(p ->
        {
            final var routes = p.getCoresBuilder(k).getRoutesBuilder();
            if (routes.getCoreCount() >= 2)
            {
                routes.setCore(1, routes.getCore(0)).setAxon(1, routes.getAxon(0));
            }
            return p;
        });
        assertTrue(message.contains("routes a second source"), message);
    }

    @Test
    void shouldRefuseAPartialSumCorePointingElsewhere()
    {
        final int k = firstCore(CoreRole.CORE_ROLE_PARTIAL_SUM);
        final String message = refusal(p ->
        {
            p.getCoresBuilder(k).setPsumTargetCore(p.getCoresBuilder(k).getCoreId());
            return p;
        });
        assertTrue(message.contains("is not the soma core of the same neurons"), message);
    }

    @Test
    void shouldRefuseWeightsOfTheWrongSizeAndCoresOffTheMesh()
    {
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(0).setWeights(p.getCores(0).getWeights().substring(1));
            return p;
        }).contains("bytes of weights"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(0).setCoreId(100_000);
            return p;
        }).contains("outside the"));
    }

    @Test
    void shouldRefuseNeuronWidthsOtherThanTheChipsAndABadCurrentDecay()
    {
        final int k = firstCore(CoreRole.CORE_ROLE_SOMA);
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).getNeuronBuilder().setMembraneBits(12);
            return p;
        }).contains("differ from the chip's"));
        assertTrue(refusal(p ->
        {
            p.getChipBuilder().setMembraneBits(8);
            for (int c = 0; c < p.getCoresCount(); c++)
            {
                if (p.getCores(c).getRole() == CoreRole.CORE_ROLE_SOMA)
                {
                    p.getCoresBuilder(c).getNeuronBuilder().setMembraneBits(8);
                }
            }
            return p;
        }).contains("outside the 8-bit membrane"));
        assertTrue(refusal(p ->
        {
            p.getCoresBuilder(k).getNeuronBuilder().setCurrentBased(true).setCurrentDecayQ16(70_000);
            return p;
        }).contains("current_decay_q16"));
    }

    @Test
    void shouldRefuseDamagedAnnCores()
    {
        final ChipProgram hybrid = Compiler.compile(AnnHybridTest.hybrid(7));
        int ann = -1;
        int spiking = -1;
        for (int k = 0; k < hybrid.getCoresCount(); k++)
        {
            final var core = hybrid.getCores(k);
            if (core.hasAnn() && !core.getAnn().getSpikingOutput() && core.getRoutes().getCoreCount() > 0 && ann < 0)
            {
                ann = k;
            }
            if (!core.hasAnn() && spiking < 0)
            {
                spiking = k;
            }
        }
        final int a = ann;
        final int s = spiking;
        final String toSpiking = annRefusal(hybrid, p ->
        {
            p.getCoresBuilder(a).getRoutesBuilder().setCore(0, hybrid.getCores(s).getCoreId());
            return p;
        });
        assertTrue(toSpiking.contains("sends activation packets (entry 0) to core"), toSpiking);
        final String late = annRefusal(hybrid, p ->
        {
            p.getCoresBuilder(a).getRoutesBuilder().setDelayTicks(0, 8);
            return p;
        });
        assertTrue(late.contains("not shorter than its window of 8 ticks"), late);
        final String multiplier = annRefusal(hybrid, p ->
        {
            p.getCoresBuilder(a).getAnnBuilder().setOutMultiplier(1 << 24);
            return p;
        });
        assertTrue(multiplier.contains("ANN parameters out of range"), multiplier);
    }

    private static String annRefusal(final ChipProgram program, final UnaryOperator<ChipProgram.Builder> damage)
    {
        final ChipProgram damaged = damage.apply(program.toBuilder()).build();
        return assertThrows(ModelException.class, () -> new ChipSimulation(damaged, RunOptions.defaults()))
            .getMessage();
    }

    @Test
    void shouldAcceptTheCompiledProgram()
    {
        new ChipSimulation(PROGRAM, RunOptions.defaults().withTicks(5)).run();
    }
}
