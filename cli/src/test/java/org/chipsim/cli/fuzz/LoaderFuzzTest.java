package org.chipsim.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.chipsim.cli.Main;
import org.chipsim.compiler.Compiler;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A mutation fuzzer over the bytes of model, program and NIR (HDF5) files: every input, however broken, must end either in a run
 * (exit 0) or in the documented one-line error (exit 2) — never an internal error, a stack trace, a hang or an
 * out-of-memory. Seeds are a small valid model, its compiled program and a small NIR graph; mutations flip bits, overwrite bytes with
 * interesting values, truncate, insert and duplicate chunks. Inputs that once failed are kept in
 * src/test/resources/fuzz-corpus and replayed by {@link #shouldHandleEveryInputOfTheRegressionCorpus()}.
 */
class LoaderFuzzTest
{
    private static final AtomicLong TRIED = new AtomicLong();
    /** A seed file: its bytes and the file name extension that tells chipsim what it is. */
    record Seed(byte[] bytes, String extension)
    {
    }

    /** A mutated input. */
    record Mutant(byte[] bytes, String extension)
    {
        @Override
        public String toString()
        {
            return "Mutant[" + extension + ", " + bytes.length + " bytes]";
        }
    }

    private static final List<Seed> SEEDS = seeds();

    private static List<Seed> seeds()
    {
        final LifNeuron lif = LifNeuron.newBuilder().setThreshold(1f).setDecay(0.9f).setRefractoryTicks(1).build();
        final Model model = Model.newBuilder()
            .setName("fuzz")
            .setNetwork(Network.newBuilder()
                .addPopulations(Population.newBuilder().setName("in").setSize(6).setInput(true))
                .addPopulations(Population.newBuilder().setName("a").setSize(5).setLif(lif))
                .addPopulations(Population.newBuilder().setName("b").setSize(3).setLif(lif))
                .addProjections(Projection.newBuilder().setSource("in").setTarget("a")
                    .addAllWeights(List.of(0.5f, 0.2f, 0f, 0f, 0.9f, 0.1f, 0.3f, 0.4f, 0f, 0.7f, 0.8f, 0f, 0.6f, 0.1f,
                        0.2f, 0.3f, 0f, 0.5f, 0.9f, 0.4f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f)))
                .addProjections(Projection.newBuilder().setSource("a").setTarget("b").setDelayTicks(2)
                    .setSparse(SparseWeights.newBuilder().addPre(0).addPost(1).addWeight(1.2f).addPre(4).addPost(2)
                        .addWeight(-0.4f))))
            .setStimulus(Stimulus.newBuilder().setRateCoded(RateCoded.newBuilder().setPopulation("in")
                .setTicksPerSample(10).addSamples(Sample.newBuilder().addAllRates(List.of(0.5f, 0.1f, 0.2f, 0.3f,
                    0.4f, 0.9f)).setLabel(1).setHasLabel(true))))
            .setRun(RunConfig.newBuilder().setTicks(30).addRecordPopulations("b"))
            .build();
        return List.of(new Seed(model.toByteArray(), ".pb"), new Seed(Compiler.compile(model).toByteArray(), ".pb"),
            new Seed(nirSeed(), ".nir"));
    }

    /** Input(3) -> Affine -> LIF -> Output in NIR's HDF5 layout, written by the project's own writer. */
    private static byte[] nirSeed()
    {
        try
        {
            final Path dir = Files.createTempDirectory("chipsim-fuzz-seed");
            final Path file = dir.resolve("seed.nir");
            final double[] ones = {1, 1};
            org.chipsim.nir.NirWriter.write(org.chipsim.nir.NirGraph.builder()
                .node("input", "Input", "shape", new int[] {3})
                .node("fc", "Affine", "weight", org.chipsim.nir.NirValue.array(new double[] {0.5, 0.2, 0.1, 0.3,
                    0.4, 0.9}, 2, 3), "bias", new double[] {0, 0.1})
                .node("lif", "LIF", "tau", new double[] {0.02, 0.02}, "r", ones, "v_leak", new double[] {0, 0},
                    "v_threshold", ones, "v_reset", new double[] {0, 0})
                .node("output", "Output", "shape", new int[] {2})
                .chain("input", "fc", "lif", "output")
                .build(), file);
            final byte[] bytes = Files.readAllBytes(file);
            deleteTree(dir);
            return bytes;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Mutant> mutants()
    {
        final Arbitrary<Integer> seed = Arbitraries.integers().between(0, SEEDS.size() - 1);
        final Arbitrary<List<int[]>> edits = Arbitraries.integers().between(0, 4).flatMap(kind ->
            Combinators.combine(Arbitraries.just(kind), Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.of(0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x12, 0x1A, 0x22)).as((k, position, value) ->
                    new int[] {k, position, value})).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(seed, edits).as((s, list) ->
            new Mutant(mutate(SEEDS.get(s).bytes(), list), SEEDS.get(s).extension()));
    }

    private static byte[] mutate(final byte[] original, final List<int[]> edits)
    {
        byte[] bytes = original.clone();
        for (final int[] edit : edits)
        {
            if (bytes.length == 0)
            {
                break;
            }
            final int at = edit[1] % bytes.length;
            switch (edit[0])
            {
                case 0 -> bytes[at] ^= (byte)(1 << (edit[1] >>> 8 & 7));
                case 1 -> bytes[at] = (byte)edit[2];
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 ->
                {
                    final byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte)edit[2];
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default ->
                {
                    final int length = Math.min(16, bytes.length - at);
                    final byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at + length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    @Property
    void everyMutantEndsInARunOrAOneLineError(@ForAll("mutants") final Mutant mutant) throws IOException
    {
        check(mutant.bytes(), mutant.extension());
    }

    @Test
    void shouldHandleEveryInputOfTheRegressionCorpus() throws IOException
    {
        final Path corpus = Path.of("src/test/resources/fuzz-corpus");
        if (!Files.isDirectory(corpus))
        {
            return;
        }
        try (var files = Files.list(corpus))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                check(Files.readAllBytes(file), file.toString().endsWith(".nir") ? ".nir" : ".pb");
            }
        }
    }

    private static void check(final byte[] bytes, final String extension) throws IOException
    {
        TRIED.incrementAndGet();
        final Path dir = Files.createTempDirectory("chipsim-fuzz");
        try
        {
            final Path file = dir.resolve("model" + extension);
            Files.write(file, bytes);
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Main.execute(
                new String[] {"run", file.toString(), "--ticks", "40", "--workers", "2", "--out",
                    dir.resolve("out").toString()}, new PrintWriter(out), new PrintWriter(err)));
            final String stderr = err.toString().strip();
            if (code == 0)
            {
                assertTrue(stderr.isEmpty() || !stderr.contains("error"), stderr);
            }
            else
            {
                assertTrue(code == 2, "exit " + code + " for input " + hex(bytes) + ": " + stderr);
                assertTrue(!stderr.contains("\n") && stderr.matches("(?s)chipsim: error E\\d{3}: .*"),
                    "one line: " + stderr + " for input " + hex(bytes));
            }
        }
        finally
        {
            deleteTree(dir);
        }
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder s = new StringBuilder();
        for (final byte b : bytes)
        {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (var walk = Files.walk(dir))
        {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.delete(p);
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @AfterAll
    static void report()
    {
        System.out.println("fuzz: " + TRIED.get() + " inputs tried");
    }
}
