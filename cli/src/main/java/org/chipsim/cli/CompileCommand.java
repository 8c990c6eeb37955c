package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chipsim compile}: model → chip program. */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Compile a model onto the chip (partition, quantize, place, route) and save the program.")
final class CompileCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model.pb (or .pbtxt).")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "PROGRAM", required = true,
        description = "Where to write the compiled program (PROGRAM.pb, or .pbtxt for text).")
    Path output;

    @Mixin
    ChipOptions chip;

    @Override
    public Integer call()
    {
        final ChipProgram program = Compiler.compile(chip.apply(ModelFiles.readModel(model)));
        ModelFiles.write(program, output);
        ProgramReport.print(program, spec.commandLine().getOut());
        Summary.row(spec.commandLine().getOut(), "program", output.toString());
        return Main.EXIT_OK;
    }
}
