package org.chipsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.chipsim.core.ErrorCode;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;
import org.chipsim.proto.v1.Population;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every entry of the error catalogue, provoked through the command line: exit 2, one line with its code. */
class ErrorCatalogueTest
{
    @TempDir
    Path dir;

    private static final Set<ErrorCode> PROVOKED = EnumSet.noneOf(ErrorCode.class);

    private Path model() throws IOException
    {
        final Path file = dir.resolve("model.pb");
        Files.write(file, CliTest.smallModel().toByteArray());
        return file;
    }

    private Path program() throws IOException
    {
        final Path file = dir.resolve("program.pb");
        assertEquals(0, Cli.chipsim("compile", model().toString(), "-o", file.toString()).code());
        return file;
    }

    private static void assertCode(final ErrorCode code, final Cli.Outcome outcome, final String words)
    {
        assertEquals(Main.EXIT_BAD_INPUT, outcome.code(), outcome.err());
        final String[] lines = outcome.err().strip().split("\n");
        assertEquals(1, lines.length, outcome.err());
        assertTrue(lines[0].startsWith("chipsim: error " + code.code() + ": "), lines[0]);
        assertTrue(lines[0].contains(words), "'" + words + "' in " + lines[0]);
        assertFalse(outcome.err().contains("Exception"), outcome.err());
        PROVOKED.add(code);
    }

    @Test
    void e000Generic() throws IOException
    {
        assertCode(ErrorCode.BAD_INPUT, Cli.chipsim("run", model().toString(), "--preset", "spinnaker"),
            "unknown energy preset");
    }

    @Test
    void e100FileNotFound()
    {
        assertCode(ErrorCode.FILE_NOT_FOUND, Cli.chipsim("run", dir.resolve("missing.pb").toString()),
            "no such file");
    }

    @Test
    void e101FileUnreadable()
    {
        assertCode(ErrorCode.FILE_UNREADABLE, Cli.chipsim("run", dir.toString()), "is a directory");
    }

    @Test
    void e102FileUnwritable() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertCode(ErrorCode.FILE_UNWRITABLE, Cli.chipsim("run", model().toString(), "--out",
            file.resolve("results").toString()), "cannot write");
    }

    @Test
    void e200ModelFormat() throws IOException
    {
        final Path file = Files.write(dir.resolve("junk.pb"), "not a model at all".getBytes(StandardCharsets.UTF_8));
        assertCode(ErrorCode.MODEL_FORMAT, Cli.chipsim("run", file.toString()), "not a chipsim model");
    }

    @Test
    void e201ModelInvalid() throws IOException
    {
        final Model bad = CliTest.smallModel().toBuilder().setNetwork(CliTest.smallModel().getNetwork().toBuilder()
            .addPopulations(Population.newBuilder().setName("in").setSize(1).setInput(true))).build();
        final Path file = Files.write(dir.resolve("bad.pb"), bad.toByteArray());
        assertCode(ErrorCode.MODEL_INVALID, Cli.chipsim("run", file.toString()), "in");
    }

    @Test
    void e202ModelKind() throws IOException
    {
        assertCode(ErrorCode.MODEL_KIND, Cli.chipsim("compile", program().toString(), "-o",
            dir.resolve("again.pb").toString()), "compiled chip program, not a model");
    }

    @Test
    void e210StimulusInvalid() throws IOException
    {
        final Path csv = Files.writeString(dir.resolve("spikes.csv"), "tick,input_index\nfive,zero\n");
        assertCode(ErrorCode.STIMULUS_INVALID, Cli.chipsim("run", model().toString(), "--stimulus", csv.toString()),
            "spikes.csv");
    }

    @Test
    void e300ProgramInvalid() throws IOException
    {
        final ChipProgram program = ChipProgram.parseFrom(Files.readAllBytes(program()));
        final ChipProgram damaged = program.toBuilder().setCores(0, program.getCores(0).toBuilder()
            .setCoreId(1_000_000)).build();
        final Path file = Files.write(dir.resolve("damaged.pb"), damaged.toByteArray());
        assertCode(ErrorCode.PROGRAM_INVALID, Cli.chipsim("run", file.toString()), "core");
    }

    @Test
    void e400ChipTooSmall() throws IOException
    {
        assertCode(ErrorCode.CHIP_TOO_SMALL, Cli.chipsim("run", model().toString(), "--mesh", "1x1", "--neurons",
            "2"), "the network needs 2 cores");
    }

    @Test
    void e500OptionInvalid() throws IOException
    {
        assertCode(ErrorCode.OPTION_INVALID, Cli.chipsim("run", model().toString(), "--workers", "0"), "--workers");
        assertCode(ErrorCode.OPTION_INVALID, Cli.chipsim("run", model().toString(), "--no-such-option"),
            "no-such-option");
        assertCode(ErrorCode.OPTION_INVALID, Cli.chipsim("run", model().toString(), "--checkpoint-every", "10"),
            "--checkpoint DIR");
    }

    @Test
    void e600Memory() throws IOException
    {
        assertCode(ErrorCode.MEMORY, Cli.chipsim("run", model().toString(), "--max-memory", "100"), "off-heap");
    }

    @Test
    void e700CheckpointInvalid() throws IOException
    {
        assertCode(ErrorCode.CHECKPOINT_INVALID, Cli.chipsim("resume", dir.toString()), "no checkpoint");
        final Path junk = Files.writeString(dir.resolve("checkpoint.pb"), "junk");
        assertCode(ErrorCode.CHECKPOINT_INVALID, Cli.chipsim("resume", junk.toString()), "not a chipsim checkpoint");
    }

    @Test
    void shouldDocumentEveryCode() throws IOException
    {
        final String doc = Files.readString(Path.of("..", "docs", "errors.md"));
        for (final ErrorCode code : ErrorCode.values())
        {
            assertTrue(doc.contains("`" + code.code() + "`"), code + " in docs/errors.md");
        }
    }

    @AfterAll
    static void everyCodeHasATest()
    {
        if (PROVOKED.size() >= 10)
        {
            // run as a whole class (not a single test): every entry of the catalogue was provoked
            assertEquals(EnumSet.allOf(ErrorCode.class), PROVOKED, "a test per catalogue entry");
        }
    }
}
