package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.compiler.Compilation;
import org.chipsim.compiler.Compiler;
import org.chipsim.compiler.CompileOptions;
import org.chipsim.compiler.PlacementReport;
import org.chipsim.core.ModelException;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

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

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the annealing placer (default: 1). The same " +
        "seed gives the same program.")
    Long seed;

    @Option(names = "--profile-ticks", paramLabel = "N", description = "Estimate per-neuron spike rates for " +
        "placement by running the float reference for N ticks (default: 0 = uniform estimate).")
    Long profileTicks;

    @Option(names = "--accuracy", description = "Also classify the model's labeled stimulus on the float and the " +
        "fixed-point reference (the chip's arithmetic) and print both accuracies: what quantization costs.")
    boolean accuracy;

    @Mixin
    ChipOptions chip;

    @Mixin
    NocOptions noc;

    @Override
    public Integer call()
    {
        CompileOptions options = chip.compileOptions();
        if (seed != null)
        {
            options = options.withSeed(seed);
        }
        if (profileTicks != null)
        {
            if (profileTicks < 0)
            {
                throw new ModelException("--profile-ticks must be >= 0 (0 = no profiling), got " + profileTicks);
            }
            options = options.withProfileTicks(profileTicks);
        }
        final Model compiled = noc.apply(chip.apply(ModelFiles.readModel(model)));
        final Compilation compilation = Compiler.compileWithReport(compiled, options);
        final ChipProgram program = compilation.program();
        ModelFiles.write(program, output);
        ProgramReport.print(program, spec.commandLine().getOut());
        final PlacementReport report = compilation.report();
        Summary.row(spec.commandLine().getOut(), "placement", String.format("%s (seed %d) in %.2f s: est. %,.1f " +
            "hop-weighted packets/tick vs %,.1f naive (%.1f %% fewer)", report.strategy().label(), report.seed(),
            report.placementNanos() / 1e9, report.cost(), report.naiveCost(), report.improvementPercent()));
        Summary.row(spec.commandLine().getOut(), "  rates", report.rates());
        if (accuracy)
        {
            final String unavailable = QuantizationAccuracy.unavailable(compiled);
            final QuantizationAccuracy comparison = unavailable == null ? QuantizationAccuracy.of(compiled) : null;
            Summary.row(spec.commandLine().getOut(), "accuracy", unavailable != null ? unavailable :
                comparison == null ? "not compared: the stimulus has no labeled samples" : comparison.describe());
        }
        Summary.row(spec.commandLine().getOut(), "program", output.toString());
        return Main.EXIT_OK;
    }
}
