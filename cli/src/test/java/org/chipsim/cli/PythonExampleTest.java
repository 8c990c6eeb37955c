package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/python/write_model.py, run as its README says: protoc generates the Python classes from the project's
 * .proto, the script writes a model.pb from numpy arrays, and chipsim loads and runs it. Skipped (not failed) where
 * python3 with the protobuf and numpy modules, or protoc, is missing (Debian: protobuf-compiler python3-protobuf
 * python3-numpy).
 */
class PythonExampleTest
{
    /** Surefire runs in the module directory (cli/). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Ran(int code, String output)
    {
    }

    private static Ran run(final Path workDir, final Map<String, String> env, final String... command)
    {
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true);
            builder.environment().putAll(env);
            final Process process = builder.start();
            process.getOutputStream().close();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return new Ran(-1, "timed out");
            }
            return new Ran(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            return new Ran(-1, e.toString());
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return new Ran(-1, e.toString());
        }
    }

    /** The first python3 that imports google.protobuf and numpy, or null. */
    private static String python()
    {
        final List<String> candidates = new ArrayList<>(List.of("python3"));
        if (Files.isExecutable(Path.of("/usr/bin/python3")))
        {
            candidates.add("/usr/bin/python3");   // Debian's, where python3-protobuf installs, if PATH has another
        }
        for (final String candidate : candidates)
        {
            if (run(ROOT, Map.of(), candidate, "-c", "import google.protobuf, numpy").code() == 0)
            {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void scriptWritesAModelThatChipsimLoadsAndRuns() throws IOException
    {
        final String python = python();
        assumeTrue(python != null, "no python3 with the protobuf and numpy modules");
        assumeTrue(run(ROOT, Map.of(), "protoc", "--version").code() == 0, "no protoc");

        final Path gen = Files.createDirectories(dir.resolve("gen"));
        final Ran protoc = run(ROOT, Map.of(), "protoc", "--python_out=" + gen, "-I", "core/src/main/proto",
            "core/src/main/proto/chipsim/v1/model.proto");
        assertEquals(0, protoc.code(), protoc.output());
        final Path model = dir.resolve("model.pb");
        final Ran script = run(ROOT, Map.of("PYTHONPATH", gen.toString()), python, "examples/python/write_model.py",
            model.toString(), "--samples", "40");
        assertEquals(0, script.code(), script.output());
        assertTrue(script.output().contains("wrote " + model), script.output());

        final Model loaded = ModelFiles.readModel(model);
        assertEquals(3, loaded.getNetwork().getPopulationsCount());
        assertEquals(40, loaded.getStimulus().getRateCoded().getSamplesCount());
        assertTrue(loaded.getProvenance().getSource().startsWith("examples/python/write_model.py"));

        final Cli.Outcome outcome = Cli.chipsim("run", model.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("accuracy     40 / 40 = 100.00 % on chip; float SNN reference 100.00 %"),
            outcome.out());
    }
}
