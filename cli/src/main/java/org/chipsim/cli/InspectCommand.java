package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.compiler.PlacementPicture;
import org.chipsim.compiler.ProgramTraffic;
import org.chipsim.core.io.AtomicFile;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chipsim inspect}: what a compiled program puts where. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Describe a compiled program: cores used, per-core utilization, routing table sizes, " +
        "expected hops per spike and link loads.")
final class InspectCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "PROGRAM.pb written by 'chipsim compile'.")
    Path program;

    @Option(names = "--png", paramLabel = "FILE", description = "Also draw the placement on the mesh into this PNG " +
        "(cores coloured by population, estimated link loads).")
    Path png;

    @Override
    public Integer call()
    {
        final ChipProgram loaded = ModelFiles.readProgram(program);
        ProgramReport.printDetailed(loaded, spec.commandLine().getOut());
        if (png != null)
        {
            writePng(loaded, png);
            Summary.row(spec.commandLine().getOut(), "picture", png.toString());
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }

    /** Renders in memory, then writes atomically. */
    private static void writePng(final ChipProgram program, final Path target)
    {
        AtomicFile.write(target, out -> PlacementPicture.write(program, ProgramTraffic.analyze(program), out));
    }
}
