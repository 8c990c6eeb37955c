package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.core.io.ModelFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chipsim inspect}: what a compiled program puts where. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Describe a compiled program: cores used, per-core utilization, routing table sizes, " +
        "expected hops per spike.")
final class InspectCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "PROGRAM.pb written by 'chipsim compile'.")
    Path program;

    @Override
    public Integer call()
    {
        ProgramReport.printDetailed(ModelFiles.readProgram(program), spec.commandLine().getOut());
        return Main.EXIT_OK;
    }
}
