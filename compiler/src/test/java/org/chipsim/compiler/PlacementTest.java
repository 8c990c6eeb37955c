package org.chipsim.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

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
import org.chipsim.proto.v1.PopulationLayout;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.Routes;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Placement: a permutation of tiles onto cores, deterministic, better than row-major, and honest about its cost. */
class PlacementTest
{
    /**
     * A chain: input -> p[order[0]] -> p[order[1]] -> ... (population i is named "p" + i and listed in index order),
     * each projection sparse random with the given density, weights mostly excitatory.
     */
    static Model chain(final int populations, final int size, final int inputs, final double density,
        final int[] order, final ChipSpec chip, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.9f).build();
        final Network.Builder network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(inputs).setInput(true));
        for (int p = 0; p < populations; p++)
        {
            network.addPopulations(Population.newBuilder().setName("p" + p).setSize(size).setLif(lif));
        }
        String source = "in";
        int sourceSize = inputs;
        for (final int p : order)
        {
            final SparseWeights.Builder weights = SparseWeights.newBuilder();
            for (int i = 0; i < sourceSize; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    if (random.nextDouble() < density)
                    {
                        weights.addPre(i).addPost(j).addWeight((float)(random.nextDouble() * 0.5 - 0.1));
                    }
                }
            }
            network.addProjections(Projection.newBuilder().setSource(source).setTarget("p" + p).setSparse(weights));
            source = "p" + p;
            sourceSize = size;
        }
        final Sample.Builder sample = Sample.newBuilder();
        for (int i = 0; i < inputs; i++)
        {
            sample.addRates((float)(0.05 + 0.3 * random.nextDouble()));
        }
        return Model.newBuilder().setName("chain").setChip(chip).setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder().setPopulation("in")
                .setTicksPerSample(100).addSamples(sample)))
            .setRun(RunConfig.newBuilder().setSeed(5))
            .build();
    }

    /** Four populations of 150 neurons on 64-neuron, 128-axon cores: several blocks, partial sums, 6 x 6 mesh. */
    static Model partitionedChain()
    {
        return chain(4, 150, 200, 0.1, new int[] {0, 1, 2, 3}, ChipSpec.newBuilder().setMeshWidth(6)
            .setMeshHeight(6).setNeuronsPerCore(64).setAxonsPerCore(128).build(), 11);
    }

    static Compilation compile(final Model model, final PlacementStrategy strategy)
    {
        return Compiler.compileWithReport(model, CompileOptions.defaults().withPlacement(strategy));
    }

    @ParameterizedTest
    @EnumSource(PlacementStrategy.class)
    void shouldPutEveryTileOnItsOwnCoreInsideTheMesh(final PlacementStrategy strategy)
    {
        final ChipProgram program = compile(partitionedChain(), strategy).program();
        final ChipSpec chip = program.getChip();
        assertTrue(program.getCoresCount() > 12, "several blocks and partial sums: " + program.getCoresCount());
        final Map<Integer, CoreProgram> byId = new HashMap<>();
        int last = -1;
        for (final CoreProgram core : program.getCoresList())
        {
            assertTrue(core.getCoreId() > last, "cores sorted by id, each once");
            last = core.getCoreId();
            assertTrue(core.getCoreId() < chip.getMeshWidth() * chip.getMeshHeight());
            assertEquals(core.getCoreId(), core.getY() * chip.getMeshWidth() + core.getX());
            byId.put(core.getCoreId(), core);
        }
        for (final CoreProgram core : program.getCoresList())
        {
            if (core.getRole() == CoreRole.CORE_ROLE_PARTIAL_SUM)
            {
                final CoreProgram soma = byId.get(core.getPsumTargetCore());
                assertEquals(CoreRole.CORE_ROLE_SOMA, soma.getRole());
                assertEquals(core.getPopulation(), soma.getPopulation());
                assertEquals(core.getNeuronOffset(), soma.getNeuronOffset());
            }
        }
        // the layout lists soma cores in neuron order, wherever they landed
        for (final PopulationLayout layout : program.getPopulationsList())
        {
            int offset = 0;
            for (final int id : layout.getSomaCoresList())
            {
                assertEquals(offset, byId.get(id).getNeuronOffset());
                offset += byId.get(id).getNeuronCount();
            }
            assertEquals(layout.getInput() ? 0 : layout.getSize(), offset);
            for (final int id : layout.getPartialSumCoresList())
            {
                assertEquals(CoreRole.CORE_ROLE_PARTIAL_SUM, byId.get(id).getRole());
            }
        }
        assertEveryAxonFedOnce(program, byId);
    }

    /** Every routing entry reaches an axon that carries its neuron, routes ascend by core, each axon is fed once. */
    static void assertEveryAxonFedOnce(final ChipProgram program, final Map<Integer, CoreProgram> byId)
    {
        final Set<Long> fed = new HashSet<>();
        long axons = 0;
        for (final CoreProgram core : program.getCoresList())
        {
            axons += core.getAxonCount();
            if (core.getRole() == CoreRole.CORE_ROLE_SOMA)
            {
                checkRoutes(core.getRoutes(), core.getPopulation(), core.getNeuronOffset(), byId, fed, program);
            }
        }
        for (final InputSource input : program.getInputsList())
        {
            checkRoutes(input.getRoutes(), input.getPopulation(), 0, byId, fed, program);
        }
        assertEquals(axons, fed.size());
    }

    private static void checkRoutes(final Routes routes, final int population, final int offset,
        final Map<Integer, CoreProgram> byId, final Set<Long> fed, final ChipProgram program)
    {
        for (int n = 0; n + 1 < routes.getStartCount(); n++)
        {
            int previous = -1;
            for (int e = routes.getStart(n); e < routes.getStart(n + 1); e++)
            {
                final CoreProgram target = byId.get(routes.getCore(e));
                assertTrue(routes.getCore(e) >= previous, "entries in core order");
                previous = routes.getCore(e);
                assertEquals(offset + n, target.getAxonSourceNeuron(routes.getAxon(e)));
                assertTrue(fed.add((long)routes.getCore(e) << 32 | routes.getAxon(e)), "axon fed twice");
            }
        }
        assertTrue(population < program.getPopulationsCount());
    }

    @Test
    void shouldPlaceDeterministicallyForASeed()
    {
        final Model model = partitionedChain();
        final CompileOptions options = CompileOptions.defaults().withSeed(7);
        assertEquals(Compiler.compile(model, options), Compiler.compile(model, options));
        assertEquals(Compiler.compile(model, options.withPlacement(PlacementStrategy.GREEDY)),
            Compiler.compile(model, options.withPlacement(PlacementStrategy.GREEDY)));
    }

    @Test
    void shouldRankAnnealThenGreedyThenNaiveOnAChain()
    {
        final Model model = chain(6, 200, 300, 0.05, new int[] {0, 1, 2, 3, 4, 5}, ChipSpec.newBuilder()
            .setMeshWidth(7).setMeshHeight(7).setNeuronsPerCore(64).setAxonsPerCore(128).build(), 3);
        final PlacementReport naive = compile(model, PlacementStrategy.NAIVE).report();
        final PlacementReport greedy = compile(model, PlacementStrategy.GREEDY).report();
        final PlacementReport anneal = compile(model, PlacementStrategy.ANNEAL).report();
        assertEquals(naive.naiveCost(), naive.cost());
        assertEquals(naive.naiveCost(), anneal.naiveCost());
        assertTrue(greedy.cost() <= naive.cost(), greedy + " vs " + naive);
        assertTrue(anneal.cost() <= greedy.cost(), anneal + " vs " + greedy);
        assertTrue(anneal.cost() < naive.cost(), "strictly better than row-major: " + anneal);
    }

    @Test
    void shouldBeatRowMajorWhereTheModelOrderScramblesTheChain()
    {
        // eight one-core populations, chained in the order 0 7 1 6 2 5 3 4, on a 4 x 2 mesh: row-major puts
        // consecutive stages 1 to 4 hops apart; a snake puts every stage next to the one before
        final Model model = chain(8, 32, 32, 0.3, new int[] {0, 7, 1, 6, 2, 5, 3, 4}, ChipSpec.newBuilder()
            .setMeshWidth(4).setMeshHeight(2).setNeuronsPerCore(32).setAxonsPerCore(32).build(), 5);
        final PlacementReport anneal = compile(model, PlacementStrategy.ANNEAL).report();
        assertEquals(8, anneal.tiles());
        assertTrue(anneal.cost() < 0.5 * anneal.naiveCost(), anneal.toString());
        assertTrue(anneal.improvementPercent() > 50, anneal.toString());
        final PlacementReport greedy = compile(model, PlacementStrategy.GREEDY).report();
        assertTrue(greedy.cost() < greedy.naiveCost(), greedy.toString());
    }

    @ParameterizedTest
    @EnumSource(PlacementStrategy.class)
    void shouldEstimateFromTheProgramWhatTheCompilerEstimated(final PlacementStrategy strategy)
    {
        final Compilation compilation = compile(partitionedChain(), strategy);
        final ProgramTraffic traffic = ProgramTraffic.analyze(compilation.program());
        final PlacementReport report = compilation.report();
        assertEquals(report.cost(), traffic.hopWeightedPackets(), 1e-9 * report.cost());
        assertEquals(report.spikePackets(), traffic.spikePackets(), 1e-9 * report.spikePackets());
        assertEquals(report.inputPackets(), traffic.inputPackets(), 1e-9 * report.inputPackets());
        assertEquals(report.psumPackets(), traffic.psumPackets(), 1e-9 * report.psumPackets());
        assertTrue(report.psumPackets() > 0);
        assertTrue(traffic.maxLinkLoad() >= traffic.meanUsedLinkLoad() && traffic.meanUsedLinkLoad() > 0);
        // every packet-hop loads one link
        double links = 0;
        for (int l = 0; l < traffic.linkCount(); l++)
        {
            links += traffic.linkLoad(l);
        }
        assertEquals(traffic.hopWeightedPackets(), links, 1e-9 * links);
    }

    @Test
    void shouldProfileRatesWithTheFloatReference()
    {
        final Model model = partitionedChain();
        final TrafficRates profiled = TrafficRates.profiled(model, 100);
        final TrafficRates uniform = TrafficRates.uniform(model);
        assertTrue(profiled.description().startsWith("profiled"), profiled.description());
        assertTrue(uniform.description().startsWith("uniform"), uniform.description());
        // input rates: the stimulus's mean rate either way (profiled: sampled over the sample's 100 ticks)
        assertEquals(uniform.meanRate(0), profiled.meanRate(0), 0.02);
        assertEquals(TrafficRates.DEFAULT_NEURON_RATE, uniform.meanRate(1), 1e-12);
        final Compilation compilation = Compiler.compileWithReport(model, CompileOptions.defaults()
            .withProfileTicks(100));
        assertTrue(compilation.report().rates().startsWith("profiled"));
        assertTrue(compilation.report().cost() <= compilation.report().naiveCost());
    }

    @Test
    void shouldRefuseACoreWhoseRoutingTableExceedsTheRouterMemory()
    {
        // 150-neuron populations on 64-neuron cores: a neuron of p0 reaches up to 3 blocks of p1 (and their partial
        // sum cores), so a p0 core needs far more than 64 entries
        final Model model = partitionedChain();
        final Model limited = model.toBuilder().setChip(model.getChip().toBuilder().setMaxRoutingEntriesPerCore(64))
            .build();
        final ModelException e = assertThrows(ModelException.class, () -> Compiler.compile(limited));
        assertTrue(e.getMessage().contains("population 'p0' neurons 0..63") &&
            e.getMessage().contains("routing entries") && e.getMessage().contains("max_routing_entries_per_core is 64"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        // the largest table fits a limit of exactly its size
        final ChipProgram program = Compiler.compile(model);
        final long largest = ProgramTraffic.analyze(program).maxRoutingEntries();
        assertNotEquals(0, largest);
        Compiler.compile(model.toBuilder().setChip(model.getChip().toBuilder()
            .setMaxRoutingEntriesPerCore((int)largest)).build());
        assertThrows(ModelException.class, () -> Compiler.compile(model.toBuilder().setChip(model.getChip()
            .toBuilder().setMaxRoutingEntriesPerCore((int)largest - 1)).build()));
    }

    @Test
    void shouldParseStrategies()
    {
        assertEquals(PlacementStrategy.GREEDY, PlacementStrategy.parse("Greedy"));
        assertEquals(PlacementStrategy.ANNEAL, CompileOptions.defaults().placement());
        final ModelException e = assertThrows(ModelException.class, () -> PlacementStrategy.parse("random"));
        assertTrue(e.getMessage().contains("naive, greedy or anneal"), e.getMessage());
    }

    @Test
    void shouldComputeDistanceCostsInLinearTime()
    {
        final double[] weight = {1, 0, 2, 0, 1};
        final double[] cost = new double[5];
        Placement.distanceCosts(weight, cost);
        for (int c = 0; c < 5; c++)
        {
            double expected = 0;
            for (int b = 0; b < 5; b++)
            {
                expected += weight[b] * Math.abs(c - b);
            }
            assertEquals(expected, cost[c], 1e-12);
        }
    }
}
