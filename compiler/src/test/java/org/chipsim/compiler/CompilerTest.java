package org.chipsim.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.chipsim.core.ModelException;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.CoreProgram;
import org.chipsim.proto.v1.CoreRole;
import org.chipsim.proto.v1.InputSource;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.Routes;
import org.chipsim.proto.v1.SparseWeights;
import org.junit.jupiter.api.Test;

class CompilerTest
{
    private static Model model(final ChipSpec chip, final int inputs, final int neurons, final SparseWeights weights)
    {
        return Model.newBuilder().setChip(chip).setNetwork(Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(inputs).setInput(true))
            .addPopulations(Population.newBuilder().setName("out").setSize(neurons)
                .setLif(LifNeuron.newBuilder().setThreshold(1f)))
            .addProjections(Projection.newBuilder().setSource("in").setTarget("out").setSparse(weights)))
            .build();
    }

    /** The core with this id (placement decides ids, so they are not list indices). */
    static CoreProgram coreById(final ChipProgram program, final int id)
    {
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getCoreId() == id)
            {
                return core;
            }
        }
        throw new AssertionError("no core " + id);
    }

    /** Diagonal: input i feeds only neuron i. */
    private static SparseWeights diagonal(final int n, final float w)
    {
        final SparseWeights.Builder weights = SparseWeights.newBuilder();
        for (int i = 0; i < n; i++)
        {
            weights.addPre(i).addPost(i).addWeight(w);
        }
        return weights.build();
    }

    @Test
    void shouldGiveAxonsOnlyToSourcesThatReachTheBlock()
    {
        // 100 diagonal synapses on 10-neuron cores: 10 cores, each needing only its own 10 inputs as axons
        final ChipProgram program = Compiler.compile(model(ChipSpec.newBuilder().setNeuronsPerCore(10)
            .setAxonsPerCore(16).build(), 100, 100, diagonal(100, 0.5f)));
        assertEquals(10, program.getCoresCount());
        for (final CoreProgram core : program.getCoresList())
        {
            assertEquals(CoreRole.CORE_ROLE_SOMA, core.getRole());
            assertEquals(10, core.getAxonCount());
            for (int a = 0; a < 10; a++)
            {
                assertEquals(core.getNeuronOffset() + a, core.getAxonSourceNeuron(a));
                // diagonal weight at (a, a), quantized to the largest 8-bit value
                assertEquals(127, core.getWeights().byteAt(a * 10 + a));
            }
        }
    }

    @Test
    void shouldRouteEveryAxonFromExactlyOneSourceEntry()
    {
        final SparseWeights.Builder weights = SparseWeights.newBuilder();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        final Set<Long> pairs = new HashSet<>();
        while (pairs.size() < 3000)
        {
            final int pre = random.nextInt(300);
            final int post = random.nextInt(400);
            if (pairs.add((long)pre << 32 | post))
            {
                weights.addPre(pre).addPost(post).addWeight((float)random.nextDouble() - 0.5f);
            }
        }
        final ChipProgram program = Compiler.compile(model(ChipSpec.newBuilder().setNeuronsPerCore(64)
            .setAxonsPerCore(128).build(), 300, 400, weights.build()));
        final Set<Long> routed = new HashSet<>();
        final InputSource input = program.getInputs(0);
        final Routes routes = input.getRoutes();
        assertEquals(301, routes.getStartCount());
        for (int n = 0; n < 300; n++)
        {
            for (int e = routes.getStart(n); e < routes.getStart(n + 1); e++)
            {
                final CoreProgram core = coreById(program, routes.getCore(e));
                assertEquals(n, core.getAxonSourceNeuron(routes.getAxon(e)), "the axon carries this neuron");
                assertTrue(routed.add((long)routes.getCore(e) << 32 | routes.getAxon(e)), "axon routed twice");
            }
        }
        long axons = 0;
        for (final CoreProgram core : program.getCoresList())
        {
            axons += core.getAxonCount();
            assertTrue(core.getAxonCount() <= 128);
        }
        assertEquals(axons, routed.size(), "every axon of every core is fed by exactly one routing entry");
    }

    @Test
    void shouldSplitFanInBeyondACoreIntoPartialSumCores()
    {
        final SparseWeights.Builder weights = SparseWeights.newBuilder();
        for (int i = 0; i < 300; i++)
        {
            weights.addPre(i).addPost(0).addWeight(0.1f);
        }
        final ChipProgram program = Compiler.compile(model(ChipSpec.newBuilder().setAxonsPerCore(128).build(),
            300, 1, weights.build()));
        assertEquals(3, program.getCoresCount(), "128 + 128 + 44 axons");
        final int soma = program.getPopulations(1).getSomaCores(0);
        assertEquals(CoreRole.CORE_ROLE_SOMA, coreById(program, soma).getRole());
        assertEquals(2, program.getPopulations(1).getPartialSumCoresCount());
        for (final int id : program.getPopulations(1).getPartialSumCoresList())
        {
            assertEquals(CoreRole.CORE_ROLE_PARTIAL_SUM, coreById(program, id).getRole());
            assertEquals(soma, coreById(program, id).getPsumTargetCore());
        }
        // partition order: soma core with the first 128 axons, then 128, then the last 44
        assertEquals(44, coreById(program, program.getPopulations(1).getPartialSumCores(1)).getAxonCount());
    }

    @Test
    void shouldRefuseANetworkTooBigForTheChip()
    {
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(model(
            ChipSpec.newBuilder().setMeshWidth(2).setMeshHeight(2).setNeuronsPerCore(10).build(), 100, 100,
            diagonal(100, 1f))));
        assertTrue(e.getMessage().contains("needs 10 cores") && e.getMessage().contains("chip has 4 (2 x 2 mesh)"),
            e.getMessage());
    }

    @Test
    void shouldCompileDeterministically()
    {
        final Model m = model(ChipSpec.newBuilder().setNeuronsPerCore(7).build(), 50, 50, diagonal(50, 0.3f));
        assertEquals(Compiler.compile(m), Compiler.compile(m));
    }
}
