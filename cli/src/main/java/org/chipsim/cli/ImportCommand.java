package org.chipsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chipsim.core.io.ModelFiles;
import org.chipsim.nir.NirImporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chipsim import}: a NIR graph (HDF5) to a chipsim model. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Convert a NIR graph (Neuromorphic Intermediate Representation, .nir HDF5 as written by " +
        "nir.write) into a chipsim model, and report what the conversion changed. See docs/nir.md.",
        "'chipsim run MODEL.nir' does the same on the fly."},
    sortOptions = false)
final class ImportCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.nir", description = "The NIR graph.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.pb", required = true,
        description = "Where to write the model (.pb, or .pbtxt for protobuf text format).")
    Path output;

    @Mixin
    NirOptions nir;

    @Override
    public Integer call()
    {
        final NirImporter.Result result = NirImporter.importFile(input, nir.options());
        ModelFiles.write(result.model(), output);
        new ModelInputs(nir, null, spec.commandLine().getOut(), spec.commandLine().getErr()).print(result);
        Summary.row(spec.commandLine().getOut(), "model", output + " (no stimulus: run it with --stimulus FILE)");
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
