package org.chipsim.cli;

import java.nio.file.Path;

import org.chipsim.compiler.Compiler;
import org.chipsim.core.ModelException;
import org.chipsim.core.io.ModelFiles;
import org.chipsim.proto.v1.ChipProgram;

/** Turns a command's input file into a program: a compiled program as is, a model compiled on the fly. */
final class ProgramSource
{
    private ProgramSource()
    {
    }

    static ChipProgram load(final Path file, final ChipOptions chipOptions)
    {
        final ModelFiles.Loaded loaded = ModelFiles.read(file);
        if (loaded.isProgram())
        {
            if (chipOptions.any())
            {
                throw new ModelException(file + " is a compiled program: its chip and placement are fixed; " +
                    "chip options (--mesh, --weight-bits, --axons, --neurons, --max-routing-entries, --placement) " +
                    "apply to models only");
            }
            return loaded.program();
        }
        return Compiler.compile(chipOptions.apply(loaded.model()), chipOptions.compileOptions());
    }
}
