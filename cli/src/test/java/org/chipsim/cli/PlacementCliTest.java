package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.chipsim.chip.ChipSimulation;
import org.chipsim.chip.CoreCounter;
import org.chipsim.chip.RunOptions;
import org.chipsim.chip.RunResult;
import org.chipsim.compiler.Compilation;
import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.Compiler;
import org.chipsim.compiler.PlacementStrategy;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.ChipSpec;
import org.chipsim.proto.v1.LifNeuron;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Network;
import org.chipsim.proto.v1.Population;
import org.chipsim.proto.v1.Projection;
import org.chipsim.proto.v1.RateCoded;
import org.chipsim.proto.v1.RunConfig;
import org.chipsim.proto.v1.Sample;
import org.chipsim.proto.v1.SparseWeights;
import org.chipsim.proto.v1.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement seen from outside the compiler: it never changes results, and compile / inspect / run expose it. */
class PlacementCliTest
{
    @TempDir
    Path dir;

    /**
     * input(200) -> a(150) -> b(150) -> c(40), plus a recurrent a -> a with delay 2: 64-neuron, 96-axon cores on a
     * 6 x 6 mesh, so there are several blocks, partial sums, delays and a recurrent loop for placement to move around.
     */
    static Model model()
    {
        final SplittableRandom random = new SplittableRandom(23);
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1.0f).setDecay(0.9f).setRefractoryTicks(1).build();
        final Network.Builder network = Network.newBuilder()
            .addPopulations(Population.newBuilder().setName("input").setSize(200).setInput(true))
            .addPopulations(Population.newBuilder().setName("a").setSize(150).setLif(lif))
            .addPopulations(Population.newBuilder().setName("b").setSize(150).setLif(lif))
            .addPopulations(Population.newBuilder().setName("c").setSize(40).setLif(lif));
        final String[][] projections = {{"input", "a", "200", "150", "0"}, {"a", "b", "150", "150", "0"},
            {"b", "c", "150", "40", "0"}, {"a", "a", "150", "150", "2"}};
        for (final String[] p : projections)
        {
            final SparseWeights.Builder weights = SparseWeights.newBuilder();
            for (int i = 0; i < Integer.parseInt(p[2]); i++)
            {
                for (int j = 0; j < Integer.parseInt(p[3]); j++)
                {
                    if (random.nextDouble() < 0.12)
                    {
                        weights.addPre(i).addPost(j).addWeight((float)(random.nextDouble() * 0.6 - 0.15));
                    }
                }
            }
            network.addProjections(Projection.newBuilder().setSource(p[0]).setTarget(p[1])
                .setDelayTicks(Integer.parseInt(p[4])).setSparse(weights));
        }
        final RateCoded.Builder stimulus = RateCoded.newBuilder().setPopulation("input").setTicksPerSample(60)
            .setResetBetweenSamples(true);
        for (int s = 0; s < 3; s++)
        {
            final Sample.Builder sample = Sample.newBuilder();
            for (int i = 0; i < 200; i++)
            {
                sample.addRates((float)(0.3 * random.nextDouble()));
            }
            stimulus.addSamples(sample);
        }
        return Model.newBuilder().setName("placement-test").setNetwork(network)
            .setStimulus(Stimulus.newBuilder().setRateCoded(stimulus))
            .setChip(ChipSpec.newBuilder().setMeshWidth(6).setMeshHeight(6).setNeuronsPerCore(64)
                .setAxonsPerCore(96))
            .setRun(RunConfig.newBuilder().setSeed(3).addRecordPopulations("input").addRecordPopulations("a")
                .addRecordPopulations("b").addRecordPopulations("c"))
            .build();
    }

    static RunResult run(final ChipProgram program)
    {
        return new ChipSimulation(program, RunOptions.defaults().withWorkers(2)).run();
    }

    @Test
    void shouldNeverChangeResultsOnlyTraffic()
    {
        final Model model = model();
        final RunResult naive = run(Compiler.compile(model, CompileOptions.defaults()
            .withPlacement(PlacementStrategy.NAIVE)));
        assertTrue(naive.raster().size() > 2000, "active enough: " + naive.raster().size());
        assertTrue(naive.total(CoreCounter.PSUM_PACKETS_SENT) > 0, "partial sums exercised");
        final Set<Long> hops = new HashSet<>();
        hops.add(naive.totalHops());
        for (final CompileOptions options : List.of(CompileOptions.defaults().withPlacement(PlacementStrategy.GREEDY),
            CompileOptions.defaults(), CompileOptions.defaults().withSeed(99),
            CompileOptions.defaults().withProfileTicks(180)))
        {
            final ChipProgram program = Compiler.compile(model, options);
            final RunResult placed = run(program);
            assertEquals(naive.raster(), placed.raster(), options.toString());
            for (final CoreCounter counter : List.of(CoreCounter.SPIKES_OUT, CoreCounter.PACKETS_SENT,
                CoreCounter.SOPS, CoreCounter.PSUM_PACKETS_SENT, CoreCounter.SPIKES_DELIVERED))
            {
                assertEquals(naive.total(counter), placed.total(counter), counter + " " + options);
            }
            hops.add(placed.totalHops());
        }
        assertTrue(hops.size() > 1, "placement does change the traffic: " + hops);
    }

    @Test
    void shouldEstimateProfiledTrafficCloseToTheChipRun()
    {
        final Model model = model();
        final Compilation compilation = Compiler.compileWithReport(model, CompileOptions.defaults()
            .withProfileTicks(180));
        final RunResult result = run(compilation.program());
        final double ticks = result.ticks();
        final double psum = result.total(CoreCounter.PSUM_PACKETS_SENT) / ticks;
        final double spikes = result.total(CoreCounter.PACKETS_SENT) / ticks;
        final double onChipHops = (result.totalHops() - result.inputPackets()) / ticks;
        // the float reference fires almost exactly like the fixed-point chip: the estimates are close
        assertEquals(psum, compilation.report().psumPackets(), 0.1 * psum);
        assertEquals(spikes, compilation.report().spikePackets(), 0.1 * spikes);
        assertEquals(onChipHops, compilation.report().cost(), 0.1 * onChipHops);
    }

    @Test
    void shouldReportThePlacementOnCompileAndDrawItOnInspect() throws IOException
    {
        final Path model = dir.resolve("model.pb");
        Files.write(model, model().toByteArray());
        final Path program = dir.resolve("program.pb");
        final Cli.Outcome compile = Cli.chipsim("compile", model.toString(), "-o", program.toString(),
            "--placement", "greedy", "--seed", "5");
        assertEquals(0, compile.code(), compile.err());
        assertTrue(compile.out().contains("placement    greedy (seed 5)") && compile.out().contains("naive (") &&
            compile.out().contains("% fewer)"), compile.out());
        final Path png = dir.resolve("pictures/placement.png");
        final Cli.Outcome inspect = Cli.chipsim("inspect", program.toString(), "--png", png.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("hops per spike") && inspect.out().contains("links        est. max"),
            inspect.out());
        assertTrue(inspect.out().contains("routing entries: max"), inspect.out());
        final BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 200 && image.getHeight() > 200);
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3)
        {
            for (int x = 0; x < image.getWidth(); x += 3)
            {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "not blank: " + colours.size() + " colours");
        try (var files = Files.list(png.getParent()))
        {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void shouldRunAModelWithAChosenPlacementButRefuseItForAProgram() throws IOException
    {
        final Path model = dir.resolve("model.pb");
        Files.write(model, model().toByteArray());
        final Cli.Outcome naive = Cli.chipsim("run", model.toString(), "--placement", "naive");
        final Cli.Outcome anneal = Cli.chipsim("run", model.toString(), "--placement", "anneal");
        assertEquals(0, naive.code(), naive.err());
        assertEquals(0, anneal.code(), anneal.err());
        assertEquals(line(naive.out(), "spikes"), line(anneal.out(), "spikes"));
        assertNotEquals(line(naive.out(), "hops"), line(anneal.out(), "hops"));

        final Cli.Outcome bad = Cli.chipsim("run", model.toString(), "--placement", "random");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--placement must be naive, greedy or anneal"), bad.err());

        final Path program = dir.resolve("program.pb");
        assertEquals(0, Cli.chipsim("compile", model.toString(), "-o", program.toString()).code());
        final Cli.Outcome onProgram = Cli.chipsim("run", program.toString(), "--placement", "naive");
        assertEquals(2, onProgram.code());
        assertTrue(onProgram.err().contains("apply to models only"), onProgram.err());
    }

    @Test
    void shouldRefuseARoutingTableBeyondTheRouterMemoryInOneLine() throws IOException
    {
        final Path model = dir.resolve("model.pb");
        Files.write(model, model().toByteArray());
        final Path program = dir.resolve("program.pb");
        final Cli.Outcome outcome = Cli.chipsim("compile", model.toString(), "-o", program.toString(),
            "--max-routing-entries", "50");
        assertEquals(2, outcome.code(), outcome.err());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, outcome.err());
        assertTrue(lines[0].startsWith("chipsim: error E400: the core holding population '") &&
            lines[0].contains("routing entries but chip.max_routing_entries_per_core is 50"), lines[0]);
        assertFalse(Files.exists(program), "no program written");
    }

    private static String line(final String out, final String label)
    {
        for (final String line : out.split("\n"))
        {
            if (line.startsWith(label + " "))
            {
                return line;
            }
        }
        throw new AssertionError("no '" + label + "' line in " + out);
    }
}
