package org.chipsim.cli;

import java.nio.file.Path;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ErrorCode;
import org.chipsim.core.ModelException;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;
import org.chipsim.proto.v1.Model;

/** Turns a command's input file into a program: a compiled program as is, a model compiled on the fly. */
final class ProgramSource
{
    private ProgramSource()
    {
    }

    static ChipProgram load(final Path file, final ChipOptions chipOptions)
    {
        return load(file, chipOptions, ModelInputs.NONE);
    }

    /**
     * As {@link #load(Path, ChipOptions)}, and a NIR graph (.nir) is imported on the fly; {@code inputs} may replace
     * the stimulus (chipsim run --stimulus).
     */
    static ChipProgram load(final Path file, final ChipOptions chipOptions, final ModelInputs inputs)
    {
        return source(file, chipOptions, inputs).program();
    }

    /** The program to run and, unless the file was a compiled program, the model it was compiled from. */
    record Source(Model model, ChipProgram program)
    {
    }

    static Source source(final Path file, final ChipOptions chipOptions, final ModelInputs inputs)
    {
        if (ModelInputs.isNir(file))
        {
            final Model model = chipOptions.apply(inputs.apply(inputs.importNir(file)));
            return new Source(model, Compiler.compile(model, chipOptions.compileOptions()));
        }
        inputs.checkNotNir(file);
        final ModelFiles.Loaded loaded = ModelFiles.read(file);
        if (loaded.isProgram())
        {
            if (chipOptions.any())
            {
                throw new ModelException(ErrorCode.OPTION_INVALID,
                    file + " is a compiled program: its chip and placement are fixed; " +
                    "chip options (--mesh, --weight-bits, --axons, --neurons, --time-multiplex, --max-routing-entries, " +
                    "--placement) " +
                    "apply to models only");
            }
            return new Source(null, inputs.apply(loaded.program()));
        }
        final Model model = chipOptions.apply(inputs.apply(loaded.model()));
        return new Source(model, Compiler.compile(model, chipOptions.compileOptions()));
    }
}
